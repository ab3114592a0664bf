-- Viewer logins: server-side sessions (only a hash of the cookie's token) and failed-login counters per email.

CREATE TABLE viewer_sessions (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL REFERENCES users (email) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX viewer_sessions_expiry ON viewer_sessions (expires_at);

CREATE TABLE login_failures (
  email TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until BIGINT NOT NULL
);
