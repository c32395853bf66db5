-- A user's choice to let personal data leave this laptop anyway: an export (CSV, XLSX, REFI-QDA,
-- bundle) or a report written with --allow-personal-data (or the same answer to the question).
-- Like the choice kept on a note version, it is never deleted; status and doctor show it.
CREATE TABLE output_overrides (
  id      TEXT PRIMARY KEY,
  at      TEXT NOT NULL,
  -- The interviewer of this laptop (karavaan config set interviewer), or NULL.
  by      TEXT,
  -- csv, xlsx, qdpx, bundle or report.
  output  TEXT NOT NULL,
  -- The file written, as an absolute path.
  file    TEXT NOT NULL,
  -- How many possible personal data, and of which kinds (JSON array).
  hits    INTEGER NOT NULL,
  kinds   TEXT NOT NULL,
  -- Where they were (JSON array of {kind, id}); empty for a report, which names lines instead.
  records TEXT NOT NULL
) STRICT;
