-- Suggestions of the kit that a coder rejected in tag review. A rejection is a judgement like an
-- accepted tag: "not this narrative in this sentence". tag review does not offer it to that coder
-- again while the sentence reads the same, and the note counts as judged by that coder.
--
-- start_pos and end_pos are the sentence in Unicode code points, in the text of version_id: the
-- note version that was on screen. The sentence's words are not copied here; they stay in
-- note_versions, where the privacy guard and the bundle gate already read them.
--
-- As with tags, no row is ever deleted: undo sets withdrawn_at. Rejections travel between
-- laptops by id; the earliest withdrawal wins.
CREATE TABLE rejections (
  id           TEXT PRIMARY KEY,
  note_id      TEXT NOT NULL REFERENCES notes (id),
  version_id   TEXT NOT NULL REFERENCES note_versions (id),
  narrative    TEXT NOT NULL,
  coder        TEXT NOT NULL,
  start_pos    INTEGER NOT NULL,
  end_pos      INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  withdrawn_at TEXT,
  CHECK (start_pos >= 0 AND start_pos < end_pos)
) STRICT;

CREATE INDEX rejections_coder ON rejections (coder, note_id) WHERE withdrawn_at IS NULL;
CREATE INDEX rejections_note ON rejections (note_id) WHERE withdrawn_at IS NULL;
-- For bundles made --since a moment.
CREATE INDEX rejections_created ON rejections (created_at);
