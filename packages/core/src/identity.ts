import { EventType, type RecordedEvent } from '@lowlight/mask';
import { invalidOption } from './invalidOption';

/** Tag of the custom event that carries the visitor's identity: after each pageview's first snapshot, and on `identify()`. */
export const IDENTIFY_EVENT = 'lowlight/identify';

/** Facts about an identified visitor, e.g. `{ plan: 'pro' }`. Masked like any custom payload: detectors apply. */
export type Traits = Record<string, string | number | boolean | null>;

/**
 * Who the visitor is, as the site knows them. Use a pseudonymous id: an email
 * as id is masked like any email. Traits are sent with `identify()` only;
 * later pages of the session carry the id alone.
 */
export interface Identity {
  /** The id the site gave the visitor. */
  id: string;
  /** Extra attributes, masked like page text. */
  traits?: Traits;
}

/** Throws unless the identity's id is a non-empty string. */
export function checkIdentity({ id }: Identity): void {
  if (typeof id !== 'string' || !id) invalidOption('id', 'a non-empty string', id);
}

/**
 * Takes a tracked link's id out of the page URL: reads `param`, then removes
 * it from the address bar. Called before rrweb starts, so neither rrweb's Meta
 * event nor any pageview URL ever carries it.
 */
export function takeLinkId(win: Window, param: string): string | null {
  const url = new URL(win.location.href);
  const id = url.searchParams.get(param);
  if (id !== null) {
    url.searchParams.delete(param);
    win.history.replaceState(win.history.state, '', url.href);
  }
  return id;
}

export function identifyEvent(identity: Identity): RecordedEvent {
  return { type: EventType.Custom, data: { tag: IDENTIFY_EVENT, payload: { ...identity } }, timestamp: Date.now() };
}
