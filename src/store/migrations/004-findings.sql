-- The material of the advisory report: findings with their evidence, reflection meetings per
-- halteplaats, and advice per audience.
--
-- As with notes, each table holds the current state for fast lists, and every state (the current
-- one too) is a row in material_versions with the whole record as JSON, links included. Records
-- made on different laptops merge by id and version; nothing is ever deleted: the trash is deleted_at.

CREATE TABLE findings (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  text          TEXT NOT NULL DEFAULT '',
  themes        TEXT NOT NULL DEFAULT '[]',
  narratives    TEXT NOT NULL DEFAULT '[]',
  halteplaatsen TEXT NOT NULL DEFAULT '[]',
  -- When a user chose to store personal data anyway: who, when and what kinds (JSON), or NULL.
  personal_data TEXT,
  -- Where an imported finding came from (file key), so importing the same file again finds it.
  source        TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  created_by    TEXT,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT,
  deleted_at    TEXT
) STRICT;

CREATE UNIQUE INDEX findings_source ON findings (source) WHERE source IS NOT NULL;

-- What backs a finding, in the order the user gave it: a whole note, a tagged passage (tag_id),
-- or a passage of a note that is not tagged (start/end in code points, with its words).
CREATE TABLE finding_evidence (
  finding_id TEXT NOT NULL REFERENCES findings (id),
  position   INTEGER NOT NULL,
  note_id    TEXT NOT NULL REFERENCES notes (id),
  tag_id     TEXT REFERENCES tags (id),
  start_pos  INTEGER,
  end_pos    INTEGER,
  quote      TEXT,
  PRIMARY KEY (finding_id, position),
  CHECK ((start_pos IS NULL) = (end_pos IS NULL))
) STRICT;

CREATE INDEX finding_evidence_note ON finding_evidence (note_id);

CREATE TABLE reflections (
  id            TEXT PRIMARY KEY,
  halteplaats   TEXT NOT NULL,
  date          TEXT NOT NULL,
  -- Who took part, by role and never by name: JSON [{"role": "bewoners", "count": 4}].
  participants  TEXT NOT NULL DEFAULT '[]',
  confirmed     TEXT NOT NULL DEFAULT '',
  nuanced       TEXT NOT NULL DEFAULT '',
  added         TEXT NOT NULL DEFAULT '',
  personal_data TEXT,
  source        TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  created_by    TEXT,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT,
  deleted_at    TEXT
) STRICT;

CREATE UNIQUE INDEX reflections_source ON reflections (source) WHERE source IS NOT NULL;
CREATE INDEX reflections_halteplaats ON reflections (halteplaats, date);

-- Which findings a reflection meeting confirmed, nuanced or added to.
CREATE TABLE reflection_findings (
  reflection_id TEXT NOT NULL REFERENCES reflections (id),
  finding_id    TEXT NOT NULL REFERENCES findings (id),
  verdict       TEXT NOT NULL CHECK (verdict IN ('confirmed', 'nuanced', 'added')),
  PRIMARY KEY (reflection_id, finding_id, verdict)
) STRICT;

CREATE TABLE advice (
  id            TEXT PRIMARY KEY,
  audience      TEXT NOT NULL,
  title         TEXT NOT NULL,
  text          TEXT NOT NULL DEFAULT '',
  -- One of the method's frames (handelingsperspectief, route …), or NULL.
  frame         TEXT,
  personal_data TEXT,
  source        TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  created_by    TEXT,
  updated_at    TEXT NOT NULL,
  updated_by    TEXT,
  deleted_at    TEXT
) STRICT;

CREATE UNIQUE INDEX advice_source ON advice (source) WHERE source IS NOT NULL;
CREATE INDEX advice_audience ON advice (audience);

-- The findings an advice answers, in order.
CREATE TABLE advice_findings (
  advice_id  TEXT NOT NULL REFERENCES advice (id),
  position   INTEGER NOT NULL,
  finding_id TEXT NOT NULL REFERENCES findings (id),
  PRIMARY KEY (advice_id, position)
) STRICT;

CREATE INDEX advice_findings_finding ON advice_findings (finding_id);

-- Every state of every finding, reflection and advice: the whole record as JSON.
CREATE TABLE material_versions (
  record_id  TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('finding', 'reflection', 'advice')),
  version    INTEGER NOT NULL,
  change     TEXT NOT NULL CHECK (change IN ('nieuw', 'bewerkt', 'verwijderd', 'teruggezet')),
  data       TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT,
  PRIMARY KEY (record_id, version)
) STRICT;
