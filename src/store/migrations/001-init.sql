-- The first schema of a study database. Ids are UUIDv7 strings, so records made on different
-- laptops never collide and sort by creation time. Times are ISO 8601 in UTC.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Research and policy figures per halteplaats, the data the stories are tested against.
CREATE TABLE context_figures (
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
  version     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (halteplaats, indicator, year)
) STRICT;

-- Every earlier state of a context figure: an update never loses the old value.
CREATE TABLE context_figure_versions (
  figure_id   TEXT NOT NULL REFERENCES context_figures (id),
  version     INTEGER NOT NULL,
  value       REAL NOT NULL,
  unit        TEXT NOT NULL,
  source      TEXT NOT NULL,
  replaced_at TEXT NOT NULL,
  PRIMARY KEY (figure_id, version)
) STRICT;

-- The fieldwork plan: one row per conversation (halteplaats x group) and per observation.
CREATE TABLE plan_items (
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
  CHECK ((group_id IS NULL) <> (activity IS NULL))
) STRICT;

-- One conversation per group in each halteplaats; observations may be repeated.
CREATE UNIQUE INDEX plan_items_conversation ON plan_items (halteplaats, group_id) WHERE group_id IS NOT NULL;
CREATE INDEX plan_items_activity ON plan_items (halteplaats, activity) WHERE activity IS NOT NULL;

CREATE TABLE plan_item_versions (
  item_id      TEXT NOT NULL REFERENCES plan_items (id),
  version      INTEGER NOT NULL,
  planned_date TEXT,
  state        TEXT NOT NULL,
  replaced_at  TEXT NOT NULL,
  replaced_by  TEXT,
  PRIMARY KEY (item_id, version)
) STRICT;

-- Interview and observation notes. Their text, versions and search index come with the notes
-- feature; the fieldwork overview already counts them per halteplaats and group.
CREATE TABLE notes (
  id           TEXT PRIMARY KEY,
  halteplaats  TEXT NOT NULL,
  group_id     TEXT,
  activity     TEXT,
  date         TEXT NOT NULL,
  interviewer  TEXT NOT NULL,
  participants INTEGER,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT,
  CHECK ((group_id IS NULL) <> (activity IS NULL))
) STRICT;

CREATE INDEX notes_cell ON notes (halteplaats, group_id, activity) WHERE deleted_at IS NULL;
