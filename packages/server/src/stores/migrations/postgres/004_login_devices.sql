-- Failed logins are counted per email and per client: '' for any browser, or the id of a device cookie that this
-- server gave a browser at a successful login. Someone failing on purpose slows down only the '' counter, so a
-- member's known browser still logs in. The old counters are only counters: starting them afresh is harmless.

DROP TABLE login_failures;

CREATE TABLE login_failures (
  email TEXT NOT NULL,
  device TEXT NOT NULL,
  failures INTEGER NOT NULL,
  locked_until BIGINT NOT NULL,
  PRIMARY KEY (email, device)
);
