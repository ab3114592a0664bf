import { EventType, type EventMasker, type RecordedEvent } from '@lowlight/mask';
import { coarseEnvironment } from './userAgent';

/** Tag of the custom event that opens each pageview and follows each SPA navigation. */
export const PAGEVIEW_EVENT = 'lowlight/pageview';

/** The payload of a `PAGEVIEW_EVENT` custom event. */
export interface PageviewPayload {
  /** The page URL, scrubbed like every recorded URL. */
  url: string;
  /** The document title, masked as page text. */
  title: string;
  /** The referrer, scrubbed like `url`. */
  referrer: string;
  /** The viewport size. */
  viewport: {
    /** Width in CSS pixels. */
    width: number;
    /** Height in CSS pixels. */
    height: number;
  };
  /** Browser family and major version only. */
  browser: string;
  /** OS family and major version only. */
  os: string;
  /** Why this pageview started: a page load, or a history change in a single-page app. */
  trigger: 'load' | 'navigation';
  /** The privacy rules the pageview is recorded under (docs/protocol.md, `policy`). */
  policy: string;
}

/** Pageview metadata, already masked: URL and referrer scrubbed, title masked as page text. */
export function pageviewEvent(win: Window, masker: EventMasker, trigger: PageviewPayload['trigger'], policy: string): RecordedEvent {
  const { browser, os } = coarseEnvironment(win.navigator.userAgent);
  const payload: PageviewPayload = {
    url: masker.maskUrl(win.location.href),
    title: masker.maskText(win.document.title),
    referrer: masker.maskUrl(win.document.referrer),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    browser,
    os,
    trigger,
    policy,
  };
  return { type: EventType.Custom, data: { tag: PAGEVIEW_EVENT, payload }, timestamp: Date.now() };
}
