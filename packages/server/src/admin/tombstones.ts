import { signer } from '../signatures';

/** The keyed hash a tombstone holds instead of a session or visitor id. */
export type TombstoneHash = (projectId: string, kind: 'session' | 'visitor', id: string) => Promise<string>;

/**
 * HMAC-SHA-256 under a server secret: a tombstone lets the server recognise a
 * deleted id when a late batch names it, but nobody holding only the database
 * can test guesses of visitor ids against it.
 */
export function tombstoneHasher(secret: Uint8Array): TombstoneHash {
  const sign = signer(secret, 'tombstone');
  return async (projectId, kind, id) => sign(projectId, kind, id).toString('hex');
}
