import type { BatchEnvelope } from '@lowlight/transport';
import type { BatchEvent } from './decodeBatch';

/** rrweb event types and sources the server looks at (rrweb's `EventType`, `IncrementalSource`, `MouseInteractions`). */
const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const CUSTOM = 5;
const MOUSE_INTERACTION = 2;
const CLICK = 2;

/** Strings copied into metadata rows are capped: they come from the page. */
const MAX_TEXT = 2048;

export interface PageviewFacts {
  url: string | null;
  title: string | null;
  browser: string | null;
  os: string | null;
}

/** What one batch tells the session list, read from the events the page sent (already masked). */
export interface BatchFacts {
  /** The first `lowlight/pageview` event (page load or navigation) of the batch, if any. */
  pageview: PageviewFacts | null;
  /** Pageview events (loads and single-page-app navigations). */
  pageviews: number;
  clicks: number;
  /** The id given to `identify()`, from the last `lowlight/identify` event. */
  visitorId: string | null;
  /** `level=` of the policy string: strict, balanced or relaxed. */
  privacyLevel: string | null;
  fullSnapshot: boolean;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value.slice(0, MAX_TEXT) : null);

const customPayload = (event: BatchEvent, tag: string): Record<string, unknown> | null => {
  if (event.type !== CUSTOM || event.data.tag !== tag) return null;
  const { payload } = event.data;
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : null;
};

/** Reads the session-list facts from a checked batch. Unknown or malformed custom events are ignored, never trusted. */
export function batchFacts(envelope: BatchEnvelope, events: BatchEvent[]): BatchFacts {
  const facts: BatchFacts = {
    pageview: null,
    pageviews: 0,
    clicks: 0,
    visitorId: null,
    privacyLevel: /(?:^|;)level=([a-z]+)/.exec(envelope.policy)?.[1] ?? null,
    fullSnapshot: false,
  };
  for (const event of events) {
    if (event.type === FULL_SNAPSHOT) facts.fullSnapshot = true;
    if (event.type === INCREMENTAL && event.data.source === MOUSE_INTERACTION && event.data.type === CLICK) facts.clicks += 1;
    const pageview = customPayload(event, 'lowlight/pageview');
    if (pageview) {
      facts.pageviews += 1;
      facts.pageview ??= { url: text(pageview.url), title: text(pageview.title), browser: text(pageview.browser), os: text(pageview.os) };
    }
    const identify = customPayload(event, 'lowlight/identify');
    if (identify && text(identify.id)) facts.visitorId = text(identify.id);
  }
  return facts;
}
