-- Findings, reflection meetings and advice travel between laptops like notes (see 005): a version
-- gets an identity of its own (id), the laptop it was made on (device) and the version(s) it was
-- made from (parent_id, and merged_ids for a version that settles a conflict). The versions of a
-- record form a graph; its heads are the versions nothing was made from, and two or more heads is a
-- conflict. version stays the number a user sees: one more than its parent's.

CREATE TABLE material_versions_new (
  id         TEXT PRIMARY KEY,
  record_id  TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('finding', 'reflection', 'advice')),
  version    INTEGER NOT NULL,
  parent_id  TEXT,
  merged_ids TEXT,
  device     TEXT NOT NULL,
  change     TEXT NOT NULL CHECK (change IN ('nieuw', 'bewerkt', 'verwijderd', 'teruggezet', 'samengevoegd')),
  data       TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT
) STRICT;

-- Random ids, as 005 gives old note versions: ids derived from (record, number) would make two
-- different versions from two copies of one database look like one.
INSERT INTO material_versions_new (id, record_id, kind, version, parent_id, merged_ids, device, change, data, changed_at, changed_by)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
         substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       record_id, kind, version, NULL, NULL, coalesce((SELECT value FROM meta WHERE key = 'device_id'), 'onbekend'), change, data,
       changed_at, changed_by
FROM material_versions;

-- The index comes before the parent lookup, so that lookup is not a scan per version.
CREATE INDEX material_versions_record ON material_versions_new (record_id, version);

UPDATE material_versions_new SET parent_id = (
  SELECT p.id FROM material_versions_new p WHERE p.record_id = material_versions_new.record_id AND p.version = material_versions_new.version - 1
);

DROP TABLE material_versions;
ALTER TABLE material_versions_new RENAME TO material_versions;

CREATE INDEX material_versions_parent ON material_versions (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX material_versions_changed ON material_versions (changed_at);

-- The version each row shows: the current head.
ALTER TABLE findings ADD COLUMN version_id TEXT;
ALTER TABLE reflections ADD COLUMN version_id TEXT;
ALTER TABLE advice ADD COLUMN version_id TEXT;
UPDATE findings SET version_id = (SELECT v.id FROM material_versions v WHERE v.record_id = findings.id AND v.version = findings.version);
UPDATE reflections SET version_id = (SELECT v.id FROM material_versions v WHERE v.record_id = reflections.id AND v.version = reflections.version);
UPDATE advice SET version_id = (SELECT v.id FROM material_versions v WHERE v.record_id = advice.id AND v.version = advice.version);
