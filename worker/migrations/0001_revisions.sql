-- Every write to a fact box is a new row here; no row is ever updated or deleted.
-- The newest revision of a slug is its current state; an archived head answers 410.
CREATE TABLE revisions (
  slug       TEXT    NOT NULL,
  revision   INTEGER NOT NULL CHECK (revision >= 1),
  state      TEXT    NOT NULL DEFAULT 'live' CHECK (state IN ('live', 'archived')),
  body       TEXT    NOT NULL,   -- the box as served, byte for byte
  title      TEXT    NOT NULL,   -- copied out of body for the list endpoint
  author     TEXT    NOT NULL,   -- name of the token that wrote it
  created_at TEXT    NOT NULL,   -- ISO 8601, equal to the body's updatedAt
  PRIMARY KEY (slug, revision)
) WITHOUT ROWID;
