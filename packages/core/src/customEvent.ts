import { EventType, type RecordedEvent } from '@lowlight/mask';
import { invalidOption } from './invalidOption';

/** The most characters a custom event's tag and payload, as JSON, may take together. */
export const MAX_CUSTOM_EVENT_CHARS = 8192;

/**
 * A site's own event for `addCustomEvent`, checked and copied as plain JSON: the masker then works on data
 * the page can no longer change, and nothing JSON cannot carry goes out. Tags starting with `lowlight/` are
 * Lowlight's own (pageview, identify), which the server and viewer trust: a site cannot send them.
 */
export function customEvent(tag: string, payload: unknown): RecordedEvent {
  if (typeof tag !== 'string' || !tag || tag.startsWith('lowlight/')) invalidOption('tag', 'a non-empty string not starting with "lowlight/"', tag);
  let json: string | undefined;
  try {
    json = JSON.stringify(payload ?? null);
  } catch {
    // A cycle or a BigInt: refused below, as a function or a symbol is.
  }
  if (json === undefined || json.length + tag.length > MAX_CUSTOM_EVENT_CHARS) {
    throw new Error(
      `[lowlight] core: "payload" must be JSON of at most ${MAX_CUSTOM_EVENT_CHARS} characters with its tag, got ${json ? `${json.length} characters` : typeof payload}`,
    );
  }
  return { type: EventType.Custom, data: { tag, payload: JSON.parse(json) }, timestamp: Date.now() };
}
