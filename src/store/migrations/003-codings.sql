-- Which coder has coded which note for the narratives, also when they found none: without this,
-- "no tag" could mean "not looked at" or "looked and found nothing", and agreement needs the latter.
CREATE TABLE codings (
  note_id  TEXT NOT NULL REFERENCES notes (id),
  coder    TEXT NOT NULL,
  coded_at TEXT NOT NULL,
  PRIMARY KEY (note_id, coder)
) STRICT;
