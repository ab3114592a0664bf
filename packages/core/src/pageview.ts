import { EventType, type EventMasker, type RecordedEvent } from '@lowlight/mask';
import { coarseEnvironment } from './userAgent';

/** Tag of the custom event that opens each pageview and follows each SPA navigation. */
export const PAGEVIEW_EVENT = 'lowlight/pageview';

export interface PageviewPayload {
  url: string;
  title: string;
  referrer: string;
  viewport: { width: number; height: number };
  browser: string;
  os: string;
  /** Why this pageview started: a page load, or a history change in a single-page app. */
  trigger: 'load' | 'navigation';
}

/** Pageview metadata, already masked: URL and referrer scrubbed, title masked as page text. */
export function pageviewEvent(win: Window, masker: EventMasker, trigger: PageviewPayload['trigger']): RecordedEvent {
  const { browser, os } = coarseEnvironment(win.navigator.userAgent);
  const payload: PageviewPayload = {
    url: masker.maskUrl(win.location.href),
    title: masker.maskText(win.document.title),
    referrer: masker.maskUrl(win.document.referrer),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    browser,
    os,
    trigger,
  };
  return { type: EventType.Custom, data: { tag: PAGEVIEW_EVENT, payload }, timestamp: Date.now() };
}

/**
 * Calls `onNavigate` after every same-document navigation: `pushState`,
 * `replaceState`, back/forward and hash changes. rrweb records only the URL
 * of the first snapshot, so without this a single-page app's pages would have
 * no URL in the replay. Returns a function that undoes the patching.
 */
export function observeNavigation(win: Window, onNavigate: () => void): () => void {
  const history = win.history;
  let active = true;
  let lastUrl = win.location.href;
  const check = (): void => {
    if (!active || win.location.href === lastUrl) return;
    lastUrl = win.location.href;
    onNavigate();
  };
  const restores = (['pushState', 'replaceState'] as const).map((method) => {
    const original = history[method];
    const patched = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
    history[method] = patched;
    // If another script wrapped ours since, leave its wrapper in place; ours is inert once inactive.
    return () => {
      if (history[method] === patched) history[method] = original;
    };
  });
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  return () => {
    active = false;
    for (const restore of restores) restore();
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  };
}
