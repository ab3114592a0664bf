import { createHash, randomBytes } from 'node:crypto';
import type { SqlDriver } from '../stores/sqlDriver';

/** A logged-in viewer: who, and the CSRF token their pages must send back. */
export interface ViewerSession {
  email: string;
  csrfToken: string;
  expiresAt: number;
}

/** Failed logins of one email from one client: counted in the database, so the slowdown holds across instances. */
export interface LoginFailures {
  failures: number;
  lockedUntil: number;
}

/**
 * Viewer sessions and failed-login counters (tables of migrations
 * `002_viewer.sql` and `004_login_devices.sql`), over the same SQL driver as the MetadataStore. The cookie's
 * token is never stored: only its SHA-256, so a copy of the database logs nobody in.
 */
export interface LoginStore {
  /** Creates a session; returns the token for the cookie (the only copy). */
  createSession(email: string, now: number, ttlMs: number): Promise<{ token: string; session: ViewerSession }>;
  /** The live session a cookie token names, or null (unknown, expired or logged out). */
  findSession(token: string, now: number): Promise<ViewerSession | null>;
  deleteSession(token: string): Promise<void>;
  /** `device` is a known browser's device-cookie id, or '' for every other client (deviceCookie.ts). */
  failures(email: string, device: string): Promise<LoginFailures>;
  recordFailure(email: string, device: string, lockedUntil: (failures: number) => number): Promise<LoginFailures>;
  clearFailures(email: string, device: string): Promise<void>;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The LoginStore on a migrated database (SQLite or PostgreSQL: the SQL is the same). */
export function createLoginStore(db: SqlDriver): LoginStore {
  return {
    async createSession(email, now, ttlMs) {
      const token = randomBytes(32).toString('base64url');
      const session = { email, csrfToken: randomBytes(32).toString('base64url'), expiresAt: now + ttlMs };
      // Expired rows go whenever someone logs in, so the table stays as small as the live sessions.
      await db.run('DELETE FROM viewer_sessions WHERE expires_at <= ?', [now]);
      await db.run('INSERT INTO viewer_sessions (token_hash, email, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
        tokenHash(token), email, session.csrfToken, now, session.expiresAt,
      ]);
      return { token, session };
    },
    async findSession(token, now) {
      const rows = await db.all<{ email: string; csrfToken: string; expiresAt: number | string }>(
        'SELECT email, csrf_token AS "csrfToken", expires_at AS "expiresAt" FROM viewer_sessions WHERE token_hash = ? AND expires_at > ?',
        [tokenHash(token), now],
      );
      const row = rows[0];
      return row ? { ...row, expiresAt: Number(row.expiresAt) } : null;
    },
    async deleteSession(token) {
      await db.run('DELETE FROM viewer_sessions WHERE token_hash = ?', [tokenHash(token)]);
    },
    async failures(email, device) {
      const rows = await db.all<{ failures: number | string; lockedUntil: number | string }>(
        'SELECT failures, locked_until AS "lockedUntil" FROM login_failures WHERE email = ? AND device = ?',
        [email, device],
      );
      return rows[0] ? { failures: Number(rows[0].failures), lockedUntil: Number(rows[0].lockedUntil) } : { failures: 0, lockedUntil: 0 };
    },
    async recordFailure(email, device, lockedUntil) {
      return db.transaction(async (tx) => {
        const store = createLoginStore(tx);
        const failures = (await store.failures(email, device)).failures + 1;
        const until = lockedUntil(failures);
        await tx.run(
          `INSERT INTO login_failures (email, device, failures, locked_until) VALUES (?, ?, ?, ?)
           ON CONFLICT (email, device) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
          [email, device, failures, until],
        );
        return { failures, lockedUntil: until };
      });
    },
    async clearFailures(email, device) {
      await db.run('DELETE FROM login_failures WHERE email = ? AND device = ?', [email, device]);
    },
  };
}
