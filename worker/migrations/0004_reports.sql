-- Readers' error reports (POST /v1/factboxes/:slug/reports), handled by editors with a token.
-- What is kept about a reader: the text, the optional contact address until the report is closed
-- (the CHECK below makes a closed report with an address impossible), and `client`, an HMAC of
-- the reader's address with a salt of the day (report_salts) that is deleted once the rate-limit
-- window is past it, so no stored hash can be linked back to an address. Never the address itself.
CREATE TABLE reports (
  id         TEXT    PRIMARY KEY,          -- random UUID: unguessable, so ids reveal no count
  slug       TEXT    NOT NULL,
  target     TEXT    NOT NULL,             -- JSON Pointer into the box at `revision`; '' for the whole box
  revision   INTEGER NOT NULL CHECK (revision >= 1),   -- the revision the reader saw
  text       TEXT    NOT NULL,
  contact    TEXT,                         -- optional email; set NULL when the report is closed
  client     TEXT    NOT NULL,             -- the rotating salted hash (see above)
  status     TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'rejected')),
  note       TEXT,                         -- the editor's note (never public)
  correction INTEGER CHECK (correction >= 0), -- index into the box's corrections (permanent, so stable)
  created_at TEXT    NOT NULL,
  closed_at  TEXT,
  closed_by  TEXT,                         -- the token name that closed it
  CHECK (status = 'open' OR contact IS NULL)
);
-- The editors' list: one box, one status, newest first (keyset on created_at, id).
CREATE INDEX reports_by_status ON reports (slug, status, created_at DESC, id DESC);
-- The rate limit: one client's reports on one box within the last hour.
CREATE INDEX reports_by_client ON reports (slug, client, created_at);
-- Forgetting: the reports whose client hash has not been blanked yet, oldest first (few at a time).
CREATE INDEX reports_hashed ON reports (created_at) WHERE client <> '';

-- One random salt per UTC day for the client hash. A day's salt is deleted one hour after the day
-- ends (when no rate-limit window can reach back into it any more).
CREATE TABLE report_salts (
  day  TEXT PRIMARY KEY,   -- YYYY-MM-DD, UTC
  salt TEXT NOT NULL       -- 32 random bytes, base64
) WITHOUT ROWID;
