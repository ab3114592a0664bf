import type { Browser } from 'playwright-core';
import { batchEvents } from '../../../packages/transport/src/wire';
import { decodeReceived } from './servers';

interface BatchEvent {
  type: number;
  timestamp: number;
}

/** What rrweb's Replayer page exposes once /rrweb-replay.js has loaded. */
type ReplayWindow = { rrwebReplay: { Replayer: new (events: unknown[], config: object) => { getMetaData(): { totalTime: number }; pause(offset: number): void } } };

/**
 * Everything a person watching the replay could read: each pageview is rebuilt
 * by rrweb's own Replayer from the batches (decoded JSON), played to its end,
 * and the rendered text (`innerText`, so inline pieces read as one run), every
 * attribute, every field's value and the title are collected, through shadow
 * roots and iframes. A value split across nodes on the wire shows whole here.
 *
 * `pagesUrl` must serve `/rrweb-replay.js` (see startPageServer); `received` are the requests as they arrived.
 */
export async function replayedText(browser: Browser, pagesUrl: string, received: Array<{ url: string; body: Buffer }>): Promise<string> {
  const byPageview = new Map<string, BatchEvent[]>();
  const bodies = decodeReceived(received);
  received.forEach(({ url }, i) => {
    const pid = new URL(url, 'http://x.invalid').searchParams.get('pid')!;
    byPageview.set(pid, [...(byPageview.get(pid) ?? []), ...batchEvents(JSON.parse(bodies[i]!) as { events: BatchEvent[] })]);
  });
  const context = await browser.newContext();
  try {
    const texts: string[] = [];
    for (const events of byPageview.values()) {
      events.sort((a, b) => a.timestamp - b.timestamp);
      if (!events.some((event) => event.type === 2)) continue; // no full snapshot: nothing to rebuild
      const page = await context.newPage();
      // Recorded resources must not slow the rebuild down: the replay only needs the DOM.
      await page.route(/^(?!.*\/(?:replay|rrweb-replay\.js)$)/, (route) => route.abort());
      await page.goto(`${pagesUrl}/replay`);
      await page.addScriptTag({ url: '/rrweb-replay.js' });
      await page.evaluate((recorded) => {
        const { Replayer } = (window as unknown as ReplayWindow).rrwebReplay;
        const replayer = new Replayer(recorded, { root: document.body, showWarning: false, mouseTail: false, triggerFocus: false });
        replayer.pause(replayer.getMetaData().totalTime + 1);
      }, events);
      await page.waitForTimeout(100);
      texts.push(
        await page.evaluate(() => {
          const parts: string[] = [];
          const collect = (root: Document | ShadowRoot): void => {
            if (root instanceof Document) parts.push(root.title, root.body?.innerText ?? '');
            else for (const child of root.children) parts.push((child as HTMLElement).innerText ?? child.textContent ?? '');
            for (const element of root.querySelectorAll('*')) {
              for (const name of element.getAttributeNames()) parts.push(element.getAttribute(name) ?? '');
              if ('value' in element && typeof element.value === 'string') parts.push(element.value);
              if (element.shadowRoot) collect(element.shadowRoot);
              if (element instanceof HTMLIFrameElement && element.contentDocument) collect(element.contentDocument);
            }
          };
          const frame = document.querySelector('iframe');
          if (frame?.contentDocument) collect(frame.contentDocument);
          return parts.join('\n');
        }),
      );
      await page.close();
    }
    return texts.join('\n');
  } finally {
    await context.close();
  }
}
