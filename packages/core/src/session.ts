import type { SafeStorage } from './firstPartyStorage';
import { randomId } from './randomId';

export const SESSION_KEY = 'll:session';

/**
 * The session id: random, kept in first-party `sessionStorage` so it lasts for
 * the tab and dies with it. No cookie, nothing derived from the visitor.
 */
export function resolveSessionId(storage: SafeStorage): string {
  const existing = storage.get(SESSION_KEY);
  if (existing && /^[0-9a-f]{32}$/.test(existing)) return existing;
  const id = randomId();
  storage.set(SESSION_KEY, id);
  return id;
}
