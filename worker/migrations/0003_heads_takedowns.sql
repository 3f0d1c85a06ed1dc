-- The current head of every box, kept by a trigger in the same statement as each append, so that
-- the list reads one row per box (in slug order, by its primary key) however long the history is.
CREATE TABLE heads (
  slug         TEXT    PRIMARY KEY,
  revision     INTEGER NOT NULL,
  state        TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,   -- when revision 1 was written
  removed_at   TEXT,               -- set while a takedown is in force (see takedowns)
  removed_note TEXT
) WITHOUT ROWID;

INSERT INTO heads (slug, revision, state, title, updated_at, created_at)
SELECT r.slug, r.revision, r.state, r.title, r.created_at,
       (SELECT created_at FROM revisions WHERE slug = r.slug AND revision = 1)
FROM revisions r
WHERE r.revision = (SELECT MAX(revision) FROM revisions WHERE slug = r.slug);

CREATE TRIGGER revisions_keep_head AFTER INSERT ON revisions
BEGIN
  INSERT INTO heads (slug, revision, state, title, updated_at, created_at)
  VALUES (NEW.slug, NEW.revision, NEW.state, NEW.title, NEW.created_at, NEW.created_at)
  ON CONFLICT (slug) DO UPDATE SET
    revision = excluded.revision, state = excluded.state, title = excluded.title, updated_at = excluded.updated_at
  WHERE excluded.revision > heads.revision;
END;

-- Lawful takedowns: appended, never deleted; the newest row of a slug says whether it is down.
CREATE TABLE takedowns (
  slug       TEXT    NOT NULL,
  seq        INTEGER NOT NULL CHECK (seq >= 1),
  action     TEXT    NOT NULL CHECK (action IN ('takedown', 'lift')),
  reason     TEXT    NOT NULL,   -- a category: court-order, safety, privacy, copyright, other
  note       TEXT    NOT NULL,   -- public: shown to readers in place of the box
  actor      TEXT    NOT NULL,   -- the admin token's name
  created_at TEXT    NOT NULL,
  PRIMARY KEY (slug, seq)
) WITHOUT ROWID;

CREATE TRIGGER takedowns_mark_head AFTER INSERT ON takedowns
BEGIN
  UPDATE heads SET
    removed_at   = CASE NEW.action WHEN 'takedown' THEN NEW.created_at END,
    removed_note = CASE NEW.action WHEN 'takedown' THEN NEW.note END
  WHERE slug = NEW.slug;
END;
