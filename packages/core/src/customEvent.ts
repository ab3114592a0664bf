import { EventType, type RecordedEvent } from '@lowlight/mask';
import { invalidOption } from './invalidOption';

/** The most characters a custom event's tag and payload, as JSON, may take together. */
export const MAX_CUSTOM_EVENT_CHARS = 8192;

/**
 * A site's own event for `addCustomEvent`, checked. Tags starting with `lowlight/` are Lowlight's own
 * (pageview, identify), which the server and viewer trust: a site cannot send them. The masker copies
 * the payload as it masks it, within the call, so the page changing it afterwards changes nothing.
 */
export function customEvent(tag: string, payload: unknown): RecordedEvent {
  if (typeof tag !== 'string' || !tag || tag.startsWith('lowlight/')) invalidOption('tag', 'a non-empty string, not lowlight/…', tag);
  // Throws for what JSON cannot carry (a cycle, a BigInt), so the call rejects and nothing is recorded.
  const size = JSON.stringify([tag, payload]).length;
  if (size > MAX_CUSTOM_EVENT_CHARS) invalidOption('payload', `at most ${MAX_CUSTOM_EVENT_CHARS} characters of JSON with its tag`, size);
  return { type: EventType.Custom, data: { tag, payload }, timestamp: Date.now() };
}
