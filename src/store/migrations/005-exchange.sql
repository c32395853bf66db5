-- Exchange between laptops. Two laptops can both make "version 2" of a note from the same version
-- 1, so a version needs an identity of its own (id), the laptop it was made on (device) and the
-- version(s) it was made from (parent_id, and merged_ids for a version that settles a conflict).
-- The versions of a note form a graph; its heads are the versions nothing was made from. One head
-- is the normal case; two or more is a conflict that `karavaan conflicts` lists.
-- version stays the number a user sees: one more than its parent's, so siblings share a number.

CREATE TABLE note_versions_new (
  id            TEXT PRIMARY KEY,
  note_id       TEXT NOT NULL REFERENCES notes (id),
  version       INTEGER NOT NULL,
  parent_id     TEXT,
  merged_ids    TEXT,
  device        TEXT NOT NULL,
  change        TEXT NOT NULL CHECK (change IN ('nieuw', 'bewerkt', 'verwijderd', 'teruggezet', 'samengevoegd')),
  halteplaats   TEXT NOT NULL,
  group_id      TEXT,
  activity      TEXT,
  date          TEXT NOT NULL,
  interviewer   TEXT NOT NULL,
  participants  INTEGER,
  roles         TEXT NOT NULL,
  themes        TEXT NOT NULL,
  narratives    TEXT NOT NULL,
  text          TEXT NOT NULL,
  personal_data TEXT,
  changed_at    TEXT NOT NULL,
  changed_by    TEXT
) STRICT;

-- Random ids for the versions made before this migration: unlike ids derived from (note, number),
-- they cannot make two different versions from two copies of one database look like one.
INSERT INTO note_versions_new (id, note_id, version, parent_id, merged_ids, device, change, halteplaats, group_id, activity, date,
  interviewer, participants, roles, themes, narratives, text, personal_data, changed_at, changed_by)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
         substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       note_id, version, NULL, NULL, coalesce((SELECT value FROM meta WHERE key = 'device_id'), 'onbekend'), change, halteplaats,
       group_id, activity, date, interviewer, participants, roles, themes, narratives, text, personal_data, changed_at, changed_by
FROM note_versions;

-- The index comes before the parent lookup: without it that UPDATE scans the whole table for every
-- version, which takes hours on a study with 100,000 notes.
CREATE INDEX note_versions_note ON note_versions_new (note_id, version);

UPDATE note_versions_new SET parent_id = (
  SELECT p.id FROM note_versions_new p WHERE p.note_id = note_versions_new.note_id AND p.version = note_versions_new.version - 1
);

DROP TABLE note_versions;
ALTER TABLE note_versions_new RENAME TO note_versions;

CREATE INDEX note_versions_parent ON note_versions (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX note_versions_changed ON note_versions (changed_at);

-- The version the notes row shows: the current head.
ALTER TABLE notes ADD COLUMN version_id TEXT;
UPDATE notes SET version_id = (SELECT v.id FROM note_versions v WHERE v.note_id = notes.id AND v.version = notes.version);

-- Which bundles this database has taken in, so a second merge of the same file can say so.
CREATE TABLE bundles_merged (
  bundle_id  TEXT PRIMARY KEY,
  device     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  merged_at  TEXT NOT NULL,
  added      INTEGER NOT NULL
) STRICT;

CREATE INDEX tags_created ON tags (created_at);
