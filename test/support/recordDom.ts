import { record } from '@rrweb/record';
import type { RecordedEvent } from '@lowlight/mask';

/** Lets MutationObserver callbacks and rrweb's throttles run. */
export const settle = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records the jsdom document with real rrweb: the page is set up (from markup,
 * or built node by node), a full snapshot taken, then `act` runs and its
 * mutations and input events are captured. Returns rrweb's raw, unmasked events.
 */
export async function recordDom(
  page: string | ((doc: Document) => void),
  act?: (doc: Document) => void | Promise<void>,
): Promise<RecordedEvent[]> {
  document.head.innerHTML = '';
  document.body.innerHTML = typeof page === 'string' ? page : '';
  if (typeof page === 'function') page(document);
  const events: RecordedEvent[] = [];
  const stop = record({ emit: (event) => events.push(event as RecordedEvent), blockSelector: '[data-ll-block]' });
  if (act) {
    await act(document);
    await settle();
  }
  stop?.();
  return events;
}

/** Sets a field's value the way typing does, firing the events rrweb listens to. */
export function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
}
