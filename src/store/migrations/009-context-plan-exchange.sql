-- Context figures and the fieldwork plan travel between laptops like notes and the material (see
-- 005 and 006): every state is a version with an id of its own, the laptop it was made on and the
-- version(s) it was made from. Until now their version tables held only the states that had been
-- replaced, keyed by (record, number), which two laptops would both number 2.
--
-- Identity. A figure is known by its halteplaats, indicator and year, and a conversation by its
-- halteplaats and group, on every laptop (the unique keys of 001). Their ids are therefore derived
-- from those keys (karavaan_key: a UUID-shaped SHA-256, registered by migrate.ts), so the same
-- figure imported from the same CSV on two laptops is one record, not a clash of two rows with one
-- key. Observations can repeat and keep their random ids.
--
-- A version's id is derived from what it is: the record, the version(s) it was made from, the
-- change and the state. Two laptops that typed the same figure, or marked the same conversation as
-- held, made one version, not a conflict; only their stamps (time, laptop) differ, and the merge
-- keeps the earliest (src/store/exchange.ts). Unlike 005, which had only (note, number) to derive
-- from, a content-derived id cannot make two different versions look like one.

-- ── context figures ──────────────────────────────────────────────────────────────────────────

CREATE TABLE context_figures_new (
  id          TEXT PRIMARY KEY,
  halteplaats TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  value       REAL NOT NULL,
  unit        TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL,
  year        INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT,
  version     INTEGER NOT NULL DEFAULT 1,
  -- The version the row shows: the current head.
  version_id  TEXT,
  UNIQUE (halteplaats, indicator, year)
) STRICT;

INSERT INTO context_figures_new (id, halteplaats, indicator, value, unit, source, year, created_at, created_by, updated_at, updated_by, version)
SELECT karavaan_key('context', halteplaats, indicator, year), halteplaats, indicator, value, unit, source, year, created_at, created_by,
       updated_at, NULL, version
FROM context_figures;

CREATE TABLE context_figure_versions_new (
  id          TEXT PRIMARY KEY,
  figure_id   TEXT NOT NULL,
  version     INTEGER NOT NULL,
  parent_id   TEXT,
  merged_ids  TEXT,
  device      TEXT NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('nieuw', 'bewerkt', 'samengevoegd')),
  halteplaats TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  year        INTEGER NOT NULL,
  value       REAL NOT NULL,
  unit        TEXT NOT NULL,
  source      TEXT NOT NULL,
  changed_at  TEXT NOT NULL,
  changed_by  TEXT
) STRICT;

-- Every state: the replaced ones from the old table (a state began when the one before it was
-- replaced), and the current one from the row.
INSERT INTO context_figure_versions_new (id, figure_id, version, parent_id, merged_ids, device, change, halteplaats, indicator, year, value, unit, source, changed_at, changed_by)
WITH RECURSIVE
  states (old_id, version, value, unit, source, changed_at, changed_by) AS (
    SELECT v.figure_id, v.version, v.value, v.unit, v.source,
           CASE WHEN v.version = 1 THEN f.created_at
                ELSE coalesce((SELECT p.replaced_at FROM context_figure_versions p WHERE p.figure_id = v.figure_id AND p.version = v.version - 1), f.created_at) END,
           CASE WHEN v.version = 1 THEN f.created_by END
    FROM context_figure_versions v JOIN context_figures f ON f.id = v.figure_id
    UNION ALL
    SELECT f.id, f.version, f.value, f.unit, f.source,
           coalesce((SELECT p.replaced_at FROM context_figure_versions p WHERE p.figure_id = f.id AND p.version = f.version - 1), f.updated_at),
           CASE WHEN f.version = 1 THEN f.created_by END
    FROM context_figures f
  ),
  keyed AS (
    SELECT s.*, f.halteplaats, f.indicator, f.year, karavaan_key('context', f.halteplaats, f.indicator, f.year) AS figure_id
    FROM states s JOIN context_figures f ON f.id = s.old_id
  ),
  chain (id, figure_id, version, parent_id, change, halteplaats, indicator, year, value, unit, source, changed_at, changed_by) AS (
    SELECT karavaan_key('context-version', figure_id, '', 'nieuw', halteplaats, indicator, year, value, unit, source),
           figure_id, version, NULL, 'nieuw', halteplaats, indicator, year, value, unit, source, changed_at, changed_by
    FROM keyed WHERE version = 1
    UNION ALL
    SELECT karavaan_key('context-version', k.figure_id, c.id, 'bewerkt', k.halteplaats, k.indicator, k.year, k.value, k.unit, k.source),
           k.figure_id, k.version, c.id, 'bewerkt', k.halteplaats, k.indicator, k.year, k.value, k.unit, k.source, k.changed_at, k.changed_by
    FROM keyed k JOIN chain c ON k.figure_id = c.figure_id AND k.version = c.version + 1
  )
SELECT id, figure_id, version, parent_id, NULL, coalesce((SELECT value FROM meta WHERE key = 'device_id'), 'onbekend'), change,
       halteplaats, indicator, year, value, unit, source, changed_at, changed_by
FROM chain;

UPDATE context_figures_new SET version_id = (
  SELECT v.id FROM context_figure_versions_new v WHERE v.figure_id = context_figures_new.id AND v.version = context_figures_new.version
);

DROP TABLE context_figure_versions;
DROP TABLE context_figures;
ALTER TABLE context_figures_new RENAME TO context_figures;
ALTER TABLE context_figure_versions_new RENAME TO context_figure_versions;

CREATE INDEX context_figure_versions_record ON context_figure_versions (figure_id, version);
CREATE INDEX context_figure_versions_parent ON context_figure_versions (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX context_figure_versions_changed ON context_figure_versions (changed_at);

-- ── the fieldwork plan ───────────────────────────────────────────────────────────────────────

CREATE TABLE plan_items_new (
  id           TEXT PRIMARY KEY,
  halteplaats  TEXT NOT NULL,
  group_id     TEXT,
  activity     TEXT,
  planned_date TEXT,
  state        TEXT NOT NULL CHECK (state IN ('gepland', 'gehouden', 'vervallen')),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT,
  version      INTEGER NOT NULL DEFAULT 1,
  version_id   TEXT,
  CHECK ((group_id IS NULL) <> (activity IS NULL))
) STRICT;

INSERT INTO plan_items_new (id, halteplaats, group_id, activity, planned_date, state, created_at, updated_at, updated_by, version)
SELECT CASE WHEN group_id IS NOT NULL THEN karavaan_key('plan', halteplaats, group_id) ELSE id END,
       halteplaats, group_id, activity, planned_date, state, created_at, updated_at, updated_by, version
FROM plan_items;

CREATE TABLE plan_item_versions_new (
  id           TEXT PRIMARY KEY,
  item_id      TEXT NOT NULL,
  version      INTEGER NOT NULL,
  parent_id    TEXT,
  merged_ids   TEXT,
  device       TEXT NOT NULL,
  change       TEXT NOT NULL CHECK (change IN ('nieuw', 'bewerkt', 'samengevoegd')),
  halteplaats  TEXT NOT NULL,
  group_id     TEXT,
  activity     TEXT,
  planned_date TEXT,
  state        TEXT NOT NULL,
  changed_at   TEXT NOT NULL,
  changed_by   TEXT
) STRICT;

INSERT INTO plan_item_versions_new (id, item_id, version, parent_id, merged_ids, device, change, halteplaats, group_id, activity, planned_date, state, changed_at, changed_by)
WITH RECURSIVE
  states (old_id, version, planned_date, state, changed_at, changed_by) AS (
    SELECT v.item_id, v.version, v.planned_date, v.state,
           CASE WHEN v.version = 1 THEN i.created_at
                ELSE coalesce((SELECT p.replaced_at FROM plan_item_versions p WHERE p.item_id = v.item_id AND p.version = v.version - 1), i.created_at) END,
           CASE WHEN v.version = 1 THEN NULL
                ELSE (SELECT p.replaced_by FROM plan_item_versions p WHERE p.item_id = v.item_id AND p.version = v.version - 1) END
    FROM plan_item_versions v JOIN plan_items i ON i.id = v.item_id
    UNION ALL
    SELECT i.id, i.version, i.planned_date, i.state, i.updated_at, i.updated_by FROM plan_items i
  ),
  keyed AS (
    SELECT s.*, i.halteplaats, i.group_id, i.activity,
           CASE WHEN i.group_id IS NOT NULL THEN karavaan_key('plan', i.halteplaats, i.group_id) ELSE i.id END AS item_id
    FROM states s JOIN plan_items i ON i.id = s.old_id
  ),
  chain (id, item_id, version, parent_id, change, halteplaats, group_id, activity, planned_date, state, changed_at, changed_by) AS (
    SELECT karavaan_key('plan-version', item_id, '', 'nieuw', halteplaats, group_id, activity, planned_date, state),
           item_id, version, NULL, 'nieuw', halteplaats, group_id, activity, planned_date, state, changed_at, changed_by
    FROM keyed WHERE version = 1
    UNION ALL
    SELECT karavaan_key('plan-version', k.item_id, c.id, 'bewerkt', k.halteplaats, k.group_id, k.activity, k.planned_date, k.state),
           k.item_id, k.version, c.id, 'bewerkt', k.halteplaats, k.group_id, k.activity, k.planned_date, k.state, k.changed_at, k.changed_by
    FROM keyed k JOIN chain c ON k.item_id = c.item_id AND k.version = c.version + 1
  )
SELECT id, item_id, version, parent_id, NULL, coalesce((SELECT value FROM meta WHERE key = 'device_id'), 'onbekend'), change,
       halteplaats, group_id, activity, planned_date, state, changed_at, changed_by
FROM chain;

UPDATE plan_items_new SET version_id = (
  SELECT v.id FROM plan_item_versions_new v WHERE v.item_id = plan_items_new.id AND v.version = plan_items_new.version
);

DROP TABLE plan_item_versions;
DROP TABLE plan_items;
ALTER TABLE plan_items_new RENAME TO plan_items;
ALTER TABLE plan_item_versions_new RENAME TO plan_item_versions;

CREATE UNIQUE INDEX plan_items_conversation ON plan_items (halteplaats, group_id) WHERE group_id IS NOT NULL;
CREATE INDEX plan_items_activity ON plan_items (halteplaats, activity) WHERE activity IS NOT NULL;
CREATE INDEX plan_item_versions_record ON plan_item_versions (item_id, version);
CREATE INDEX plan_item_versions_parent ON plan_item_versions (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX plan_item_versions_changed ON plan_item_versions (changed_at);

-- ── findings tested against figures ──────────────────────────────────────────────────────────

-- Which context figures a finding cites, in the order given, with the verdict: the figure
-- confirms the finding, nuances it, or contradicts it. Like evidence, the links are also in every
-- version of the finding (material_versions), so history and bundles keep them.
CREATE TABLE finding_figures (
  finding_id TEXT NOT NULL REFERENCES findings (id),
  position   INTEGER NOT NULL,
  figure_id  TEXT NOT NULL REFERENCES context_figures (id),
  verdict    TEXT NOT NULL CHECK (verdict IN ('bevestigt', 'nuanceert', 'spreekt-tegen')),
  PRIMARY KEY (finding_id, position)
) STRICT;

CREATE INDEX finding_figures_figure ON finding_figures (figure_id);
