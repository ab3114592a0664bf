import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/chromium';
import { createCollector } from './support/collector.mjs';
import { decodeReceived, snippetPage, startPageServer, type Running } from './support/servers';

const CANARY = 'CANARY-first-party-5c2e';

type LowlightWindow = { __started: Promise<void>; Lowlight: { flush(): Promise<void> } };

/** A first-party setup: the page and its collector share one origin, and the endpoint is a path. */
describe.skipIf(!hasChromium)('script tag with a relative endpoint in Chromium', () => {
  let browser: Browser;
  let pages: Running;
  const collector = createCollector();

  beforeAll(async () => {
    pages = await startPageServer({ '/shop/cart': snippetPage('/collect', `<p>${CANARY}</p>`) }, collector);
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
    for (const { url } of collector.received) expect(url).toMatch(/^\/collect\?v=1&/);
    expect(decodeReceived(collector.received).join('\n')).toContain(CANARY);
    await page.close();
  });
});
