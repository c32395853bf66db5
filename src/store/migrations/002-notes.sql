-- Notes get their content, versions, tags and a full-text index.
-- Every state of a note is a row in note_versions (the current one too); notes holds the current
-- state for fast lists and counts. Nothing is ever deleted: the trash is deleted_at.

ALTER TABLE notes ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notes ADD COLUMN themes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notes ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notes ADD COLUMN created_by TEXT;
ALTER TABLE notes ADD COLUMN updated_by TEXT;
-- Where an imported note came from (its path), so importing the same file again finds it.
ALTER TABLE notes ADD COLUMN source TEXT;
ALTER TABLE notes ADD COLUMN content_hash TEXT;
-- When a user chose to store personal data anyway: who, when and what kinds (JSON), or NULL.
ALTER TABLE notes ADD COLUMN personal_data TEXT;

CREATE UNIQUE INDEX notes_source ON notes (source) WHERE source IS NOT NULL;
CREATE INDEX notes_date ON notes (date);

CREATE TABLE note_versions (
  note_id       TEXT NOT NULL REFERENCES notes (id),
  version       INTEGER NOT NULL,
  change        TEXT NOT NULL CHECK (change IN ('nieuw', 'bewerkt', 'verwijderd', 'teruggezet')),
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
  changed_by    TEXT,
  PRIMARY KEY (note_id, version)
) STRICT;

-- A narrative or theme attached to a note, by a coder, on the whole note (no positions) or on a
-- passage (start/end in Unicode code points). Removing a tag sets deleted_at.
CREATE TABLE tags (
  id         TEXT PRIMARY KEY,
  note_id    TEXT NOT NULL REFERENCES notes (id),
  kind       TEXT NOT NULL CHECK (kind IN ('narrative', 'theme')),
  code       TEXT NOT NULL,
  coder      TEXT NOT NULL,
  origin     TEXT NOT NULL DEFAULT 'coder' CHECK (origin IN ('coder', 'note', 'suggestion', 'import')),
  start_pos  INTEGER,
  end_pos    INTEGER,
  quote      TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT,
  CHECK ((start_pos IS NULL) = (end_pos IS NULL))
) STRICT;

CREATE INDEX tags_note ON tags (note_id) WHERE deleted_at IS NULL;
CREATE INDEX tags_code ON tags (kind, code) WHERE deleted_at IS NULL;

-- Full-text search over the current text. remove_diacritics 2 makes "geemigreerd" find
-- "geëmigreerd"; the index follows the notes table through triggers.
CREATE VIRTUAL TABLE notes_fts USING fts5 (
  text,
  content = 'notes',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts (rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TRIGGER notes_fts_update AFTER UPDATE OF text ON notes BEGIN
  INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO notes_fts (rowid, text) VALUES (new.rowid, new.text);
END;
