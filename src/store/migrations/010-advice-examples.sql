-- The instruments and inspiring examples an advice cites ("zo deed Súdwest-Fryslân het"), in order.
-- example_id is an id of the method file's `examples` or of the study's own list in study.yaml;
-- those live in files, not here, so there is no foreign key. Like advice_findings, the rows are
-- derived from the advice's versions (material_versions.data has `examples`), so they travel in
-- bundles with the version and are rewritten on every edit.
CREATE TABLE advice_examples (
  advice_id  TEXT NOT NULL REFERENCES advice (id),
  position   INTEGER NOT NULL,
  example_id TEXT NOT NULL,
  PRIMARY KEY (advice_id, position)
) STRICT;

CREATE INDEX advice_examples_example ON advice_examples (example_id);
