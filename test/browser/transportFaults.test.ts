import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/chromium';
import { startFaultyCollector, type Fault } from './support/faultyCollector';
import { snippetPage, startPageServer, type Running } from './support/servers';

/** Numbers every recorded event (`n: "<page>:<count>"`) so delivery can be checked exactly once and in order. */
const NUMBERING_HEAD = `<title>faults</title><script>window.__page = Math.random().toString(36).slice(2); window.__count = 0;</script>`;
const START_OPTIONS = `flushIntervalMs: 200, retryInitialMs: 100, retryMaxMs: 400,
  plugins: [{ name: 'test/number@1', processEvent(event) { event.n = window.__page + ':' + (++window.__count); return event; } }]`;

type Lowlight = { flush(options?: object): Promise<void>; stats(): { dropped: number } };

describe.skipIf(!hasChromium)('transport fault injection in Chromium', () => {
  let browser: Browser;
  let collector: Awaited<ReturnType<typeof startFaultyCollector>>;
  let pages: Running;

  beforeAll(async () => {
    collector = await startFaultyCollector();
    const endpoint = `${collector.url}/collect`;
    pages = await startPageServer({
      '/': snippetPage(endpoint, '<main id="main"></main>', START_OPTIONS, NUMBERING_HEAD),
      '/bounded': snippetPage(endpoint, '<main id="main"></main>', `${START_OPTIONS}, maxQueueBytes: 1500`, NUMBERING_HEAD),
      // Nothing on a timer: only the page being hidden, or the network coming back, can send in time.
      '/patient': snippetPage(endpoint, '<main id="main"></main>', `${START_OPTIONS}, flushIntervalMs: 60000, retryInitialMs: 60000, retryMaxMs: 60000`, NUMBERING_HEAD),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await collector?.close();
  });

  async function openPage(context: BrowserContext, path = '/'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(pages.url + path);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    return page;
  }

  /** The visitor does something: 15 mutations, 30 ms apart. */
  const activity = (page: Page) =>
    page.evaluate(async () => {
      for (let i = 0; i < 15; i++) {
        document.getElementById('main')!.append(Object.assign(document.createElement('p'), { textContent: `row ${i}` }));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    });

  const pageOf = (page: Page) => page.evaluate(() => (window as unknown as { __page: string }).__page);
  const capturedOn = (page: Page) => page.evaluate(() => (window as unknown as { __count: number }).__count);
  const statsOf = (page: Page) => page.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.stats());

  /** What the collector stored for these pages: numbered events in (pageview, seq) order, and how often each arrived. */
  function delivered(pageIds: string[]) {
    const numbers = collector.collector.batches
      .slice()
      .sort((a, b) => (a.envelope.pid === b.envelope.pid ? a.envelope.seq - b.envelope.seq : 0))
      .flatMap((batch) => batch.events.map((event) => (event as { n?: string }).n))
      .filter((n): n is string => n !== undefined && pageIds.includes(n.split(':')[0]!));
    const counts = new Map<string, number>();
    for (const n of numbers) counts.set(n, (counts.get(n) ?? 0) + 1);
    return { numbers, unique: counts.size, duplicated: [...counts.values()].filter((count) => count > 1).length };
  }

  /** Waits until every captured event not dropped has arrived, prints the summary line, and checks order. */
  async function settleAndReport(name: string, pageIds: string[], captured: number, dropped: number) {
    await expect.poll(() => delivered(pageIds).unique, { timeout: 20_000, interval: 100 }).toBe(captured - dropped);
    const result = delivered(pageIds);
    console.log(`${name}: events captured ${captured} / delivered ${result.unique} / duplicated ${result.duplicated} / dropped ${dropped}`);
    expect(result.duplicated).toBe(0);
    // In order: within each page, event numbers only grow.
    for (const id of pageIds) {
      const sequence = result.numbers.filter((n) => n.startsWith(`${id}:`)).map((n) => Number(n.split(':')[1]));
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    }
  }

  async function scenario(name: string, fault: Fault, recover: (page: Page) => Promise<void> = async () => collector.setFault('none')) {
    const context = await browser.newContext();
    try {
      collector.setFault(fault);
      const page = await openPage(context);
      await activity(page);
      await recover(page);
      await activity(page);
      await page.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.flush());
      await settleAndReport(name, [await pageOf(page)], await capturedOn(page), (await statsOf(page)).dropped);
      expect((await statsOf(page)).dropped).toBe(0);
    } finally {
      collector.setFault('none');
      await context.close();
    }
  }

  it('server down at start', () => scenario('server down at start', 'down'));
  it('500s', () => scenario('500s', 'error500'));
  it('429 with Retry-After', () => scenario('429 with Retry-After', 'rateLimited'));
  it('slow responses', () => scenario('slow responses', 'slow'));
  it('connection resets', () => scenario('connection resets', 'reset'));

  it('offline then online', async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context, '/patient');
      await context.setOffline(true);
      await activity(page);
      await page.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.flush());
      // The next retry is a minute away; coming back online must send at once.
      await context.setOffline(false);
      await settleAndReport('offline then online', [await pageOf(page)], await capturedOn(page), (await statsOf(page)).dropped);
    } finally {
      await context.close();
    }
  });

  it('tab hidden', async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context, '/patient');
      await activity(page);
      // Hidden, with no flush() from the page: what was buffered leaves on its own.
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await settleAndReport('tab hidden', [await pageOf(page)], await capturedOn(page), 0);
    } finally {
      await context.close();
    }
  });

  it('page reload mid-session', async () => {
    const context = await browser.newContext();
    try {
      collector.setFault('error500');
      const page = await openPage(context);
      await activity(page);
      await page.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.flush());
      const firstId = await pageOf(page);
      const capturedBefore = await capturedOn(page);
      // Reloaded while the server still fails: the unload path and the offline queue carry the first page's events.
      await page.reload();
      await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
      collector.setFault('none');
      await activity(page);
      await page.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.flush());
      const captured = capturedBefore + (await capturedOn(page));
      await settleAndReport('page reload mid-session', [firstId, await pageOf(page)], captured, (await statsOf(page)).dropped);
    } finally {
      collector.setFault('none');
      await context.close();
    }
  });

  it('past the queue bounds, losses equal the reported drop count', async () => {
    const context = await browser.newContext();
    try {
      collector.setFault('error500');
      const page = await openPage(context, '/bounded');
      for (let round = 0; round < 4; round++) {
        await activity(page);
        await page.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.flush());
      }
      const { dropped } = await statsOf(page);
      expect(dropped).toBeGreaterThan(0);
      collector.setFault('none');
      await activity(page);
      await page.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.flush());
      await settleAndReport('past the queue bounds', [await pageOf(page)], await capturedOn(page), (await statsOf(page)).dropped);
    } finally {
      collector.setFault('none');
      await context.close();
    }
  });
});
