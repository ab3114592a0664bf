import { createHmac } from 'node:crypto';

/** The keyed hash a tombstone holds instead of a session or visitor id. */
export type TombstoneHash = (projectId: string, kind: 'session' | 'visitor', id: string) => Promise<string>;

/**
 * HMAC-SHA-256 under a server secret: a tombstone lets the server recognise a
 * deleted id when a late batch names it, but nobody holding only the database
 * can test guesses of visitor ids against it.
 */
export function tombstoneHasher(secret: Uint8Array): TombstoneHash {
  return async (projectId, kind, id) => createHmac('sha256', secret).update(`lowlight/1 tombstone\n${projectId}\n${kind}\n${id}`).digest('hex');
}
