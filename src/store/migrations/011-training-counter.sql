-- A counter that goes up whenever something the study's narrative model learns from changes:
-- narrative tags, codings, rejections, and the notes themselves (text, interviewer, trash).
-- tag suggest compares it with the counter the model was trained at, so that finding out
-- whether the model is stale reads one row instead of every tag of the study. Triggers keep it,
-- so every path that writes (commands, tag review, merging a bundle) counts, also future ones.
-- Each change also draws a new random token: after a backup is put back and changed again, the
-- counter may repeat a number it had before, the token does not.
-- The counter is local to this laptop: it is no record and does not travel in bundles.
CREATE TABLE training_counter (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  changes INTEGER NOT NULL,
  token   TEXT NOT NULL
) STRICT;

INSERT INTO training_counter (id, changes, token) VALUES (1, 0, lower(hex(randomblob(8))));

CREATE TRIGGER training_tags_insert AFTER INSERT ON tags WHEN NEW.kind = 'narrative'
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
CREATE TRIGGER training_tags_update AFTER UPDATE ON tags
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
CREATE TRIGGER training_codings_insert AFTER INSERT ON codings
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
CREATE TRIGGER training_codings_delete AFTER DELETE ON codings
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
CREATE TRIGGER training_rejections_insert AFTER INSERT ON rejections
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
CREATE TRIGGER training_rejections_update AFTER UPDATE ON rejections
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
CREATE TRIGGER training_notes_insert AFTER INSERT ON notes
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
CREATE TRIGGER training_notes_update AFTER UPDATE OF text, interviewer, version_id, deleted_at ON notes
BEGIN UPDATE training_counter SET changes = changes + 1, token = lower(hex(randomblob(8))); END;
