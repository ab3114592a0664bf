-- Projects, sessions, pageviews, chunk index, batch ids, tombstones, data keys and users.
-- Foreign keys to sessions are checked at commit, so one ingest transaction may write in any order.

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ingest_key TEXT NOT NULL UNIQUE,
  origins TEXT NOT NULL, -- JSON array of origins
  retention_days INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE sessions (
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  visitor_id TEXT,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  pageviews INTEGER NOT NULL,
  clicks INTEGER NOT NULL,
  browser TEXT,
  os TEXT,
  privacy_level TEXT,
  encrypted BOOLEAN NOT NULL,
  first_url TEXT,
  bytes BIGINT NOT NULL,
  PRIMARY KEY (project_id, id)
);
-- Keyset pagination of the session list, per project and across projects.
CREATE INDEX sessions_list ON sessions (project_id, started_at DESC, id DESC);
CREATE INDEX sessions_list_all ON sessions (started_at DESC, id DESC);
CREATE INDEX sessions_visitor ON sessions (visitor_id) WHERE visitor_id IS NOT NULL;
-- The retention sweeper.
CREATE INDEX sessions_ended ON sessions (project_id, ended_at);

CREATE TABLE pageviews (
  project_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  id TEXT NOT NULL,
  url TEXT,
  title TEXT,
  started_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, session_id, id),
  FOREIGN KEY (project_id, session_id) REFERENCES sessions (project_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE chunks (
  project_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  id TEXT NOT NULL,
  pageview_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  first_ts BIGINT NOT NULL,
  last_ts BIGINT NOT NULL,
  bytes BIGINT NOT NULL,
  full_snapshot BOOLEAN NOT NULL,
  encrypted BOOLEAN NOT NULL,
  key_id TEXT NOT NULL,
  blob_key TEXT NOT NULL,
  PRIMARY KEY (project_id, session_id, id),
  FOREIGN KEY (project_id, session_id) REFERENCES sessions (project_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

-- Batch ids already stored: (project, sid, pid, seq) makes ingest exactly-once.
CREATE TABLE batches (
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  pageview_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (project_id, session_id, pageview_id, seq)
);

-- Deleted sessions and visitors, by keyed hash only, so late batches are dropped.
CREATE TABLE tombstones (
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'visitor')),
  hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, kind, hash)
);

-- Per-session data keys, wrapped by the server key. Deleting the row shreds the session's blobs.
CREATE TABLE data_keys (
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  wrapped BYTEA NOT NULL,
  PRIMARY KEY (project_id, session_id)
);

CREATE TABLE users (
  email TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL
);
