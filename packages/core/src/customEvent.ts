import { EventType, type RecordedEvent } from '@lowlight/mask';
import { invalidOption } from './invalidOption';

/** The most characters a custom event's tag and payload, as JSON, may take together. */
export const MAX_CUSTOM_EVENT_CHARS = 8192;

/**
 * A site's own event for `addCustomEvent`, checked. Tags starting with `lowlight/` are Lowlight's own
 * (pageview, identify), which the server and viewer trust: a site cannot send them. The payload is copied
 * within the call, so the page changing it afterwards changes nothing.
 */
export function customEvent(tag: string, payload: unknown): RecordedEvent {
  if (typeof tag !== 'string' || !tag || tag.startsWith('lowlight/')) invalidOption('tag', 'a non-empty string, not lowlight/…', tag);
  // Throws for what JSON cannot carry (a cycle, a BigInt), so the call rejects and nothing is recorded.
  const json = JSON.stringify([tag, payload]);
  if (json.length > MAX_CUSTOM_EVENT_CHARS) invalidOption('payload', `at most ${MAX_CUSTOM_EVENT_CHARS} characters of JSON with its tag`, json.length);
  // A copy as JSON has it: the event may wait behind a full snapshot (createRecorder's capture) before it is masked.
  return { type: EventType.Custom, data: { tag, payload: (JSON.parse(json) as unknown[])[1] }, timestamp: Date.now() };
}
