import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/chromium';
import { createCollector } from './support/collector.mjs';
import { decodeReceived, snippetPage, startPageServer, type Running } from './support/servers';
import { batchEvents } from '../../packages/transport/src/wire';

const CANARY = 'CANARY-first-party-5c2e';

type LowlightWindow = {
  __started: Promise<void>;
  Lowlight: {
    flush(): Promise<void>;
    stop(): Promise<void>;
    destroy(): Promise<void>;
    addCustomEvent(tag: string, payload?: unknown): Promise<void>;
  };
};
type Sent = { type: number; data: { tag?: string; payload?: unknown } };

const EMAIL = 'buyer.secret@leak-test.example';

/** A first-party setup: the page and its collector share one origin, and the endpoint is a path. */
describe.skipIf(!hasChromium)('script tag in Chromium: relative endpoint, addCustomEvent, destroy', () => {
  let browser: Browser;
  let pages: Running;
  const collector = createCollector();
  const events = (): Sent[] => decodeReceived(collector.received).flatMap((body) => batchEvents(JSON.parse(body)));

  beforeAll(async () => {
    const page = snippetPage('/collect', `<p>${CANARY}</p>`);
    pages = await startPageServer({ '/shop/cart': page, '/': page }, collector);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  it('delivers batches to /collect on the page origin', async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/shop/cart`);
    await page.evaluate(() => (window as unknown as LowlightWindow).__started);
    await page.evaluate(() => (window as unknown as LowlightWindow).Lowlight.flush());
    expect(collector.received.length).toBeGreaterThan(0);
    for (const { url } of collector.received) expect(url).toMatch(/^\/collect\?v=2&/);
    expect(decodeReceived(collector.received).join('\n')).toContain(CANARY);
    // Stopped before closing: nothing this page captures later can reach the collector during the next test.
    await page.evaluate(() => (window as unknown as LowlightWindow).Lowlight.stop());
    await page.close();
  });

  it('sends a masked custom event, then destroy() ends the compression worker', async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as LowlightWindow).__started);
    await page.evaluate(
      (email) => (window as unknown as LowlightWindow).Lowlight.addCustomEvent('checkout failed', { step: 'payment', contact: email }),
      EMAIL,
    );
    const refused = await page.evaluate(() =>
      (window as unknown as LowlightWindow).Lowlight.addCustomEvent('lowlight/identify', { id: 'spoofed' }).then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
    );
    expect(refused).toContain('"tag" must be a non-empty string, not lowlight/…');
    await page.evaluate(() => (window as unknown as LowlightWindow).Lowlight.flush());
    // Batches were gzipped in the worker, so one is running.
    expect(collector.received.some(({ url }) => url.includes('enc=gzip'))).toBe(true);
    expect(page.workers()).toHaveLength(1);

    const custom = events().filter((event) => event.type === 5 && event.data.tag === 'checkout failed');
    expect(custom).toEqual([{ type: 5, data: { tag: 'checkout failed', payload: { step: 'payment', contact: '*'.repeat(EMAIL.length) } }, timestamp: expect.any(Number) }]);
    expect(JSON.stringify(events())).not.toContain(EMAIL);
    expect(JSON.stringify(events())).not.toContain('spoofed');

    await page.evaluate(() => (window as unknown as LowlightWindow).Lowlight.destroy());
    await expect.poll(() => page.workers().length).toBe(0);
    // Nothing records any more.
    const before = collector.received.length;
    await page.evaluate(() => (window as unknown as LowlightWindow).Lowlight.addCustomEvent('after destroy'));
    await page.evaluate(() => (window as unknown as LowlightWindow).Lowlight.flush());
    expect(collector.received.length).toBe(before);
    await page.close();
  });
});
