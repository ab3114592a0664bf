import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CIPHER, generateKeyPair } from '../../packages/transport/src/encrypt';
import { hasChromium, launchChromium } from './support/chromium';
import { startFaultyCollector } from './support/faultyCollector';
import { decodeReceived, snippetPage, startPageServer } from './support/servers';

type Lowlight = { flush(): Promise<void>; optOut(): Promise<void>; consent(state: string): Promise<void> };
type Collector = Awaited<ReturnType<typeof startFaultyCollector>>;

/** The npm transports, from source, as `window.LowlightTransports`: the script-tag build has no fan-out of its own. */
async function transportsBundle(): Promise<string> {
  const root = resolve(import.meta.dirname, '../..');
  const result = await build({
    stdin: {
      contents: `export { fetchTransport } from '@lowlight/transport/fetch';
        export { fanOutTransport } from '@lowlight/transport/fan-out';
        export { encryptTo } from '@lowlight/transport/encrypt';`,
      resolveDir: root,
      loader: 'ts',
    },
    alias: { '@lowlight/transport': `${root}/packages/transport/src` },
    bundle: true,
    format: 'iife',
    globalName: 'LowlightTransports',
    target: 'es2020',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/** Waits until the database of the offline queue is gone from this origin. */
const expectNoQueue = (page: Page) =>
  expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name)), { timeout: 5000 }).toEqual([]);

/** The visitor does something: rows with `text`, then a flush. */
const activity = (page: Page, text: string) =>
  page.evaluate(async (text) => {
    for (let i = 0; i < 5; i++) {
      document.body.append(Object.assign(document.createElement('p'), { textContent: `${text} ${i}` }));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await (window as unknown as { Lowlight: Lowlight }).Lowlight.flush();
  }, text);

const startedOn = (page: Page) => page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);

describe.skipIf(!hasChromium)('purge and isolation in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  /** What a test started (servers, its browser context), closed after it. */
  const started: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => void (browser = await launchChromium()));
  afterEach(async () => void (await Promise.all(started.splice(0).map((running) => running.close()))));
  afterAll(async () => void (await browser?.close()));

  /** A collector (`down` or up), a page server, and a fresh browser profile. */
  async function site(pages: (endpoint: string) => Record<string, string>, privateKey?: string) {
    const collector = await startFaultyCollector({ privateKey });
    const server = await startPageServer(pages(`${collector.url}/collect`));
    context = await browser.newContext();
    started.push(collector, server, context);
    return { collector, server };
  }

  const recordingPage = (endpoint: string) => snippetPage(endpoint, '<main>recorded page</main>', 'flushIntervalMs: 200, retryInitialMs: 100, retryMaxMs: 400');

  it('stops every tab of the site at once when one tab withdraws, and sends nothing more from any', async () => {
    const { collector, server } = await site((endpoint) => ({ '/': recordingPage(endpoint) }));
    const tabs = [await context.newPage(), await context.newPage()];
    for (const tab of tabs) {
      await tab.goto(`${server.url}/`);
      await startedOn(tab);
      await activity(tab, 'before withdrawal');
    }
    await expect.poll(() => collector.collector.batches.length).toBeGreaterThan(0);

    await tabs[1]!.evaluate(() => (window as unknown as { Lowlight: Lowlight }).Lowlight.optOut());
    await activity(tabs[0]!, 'AFTER-WITHDRAWAL-in-the-other-tab');
    await tabs[0]!.waitForTimeout(600);
    expect(decodeReceived(collector.collector.received).join('\n')).not.toContain('AFTER-WITHDRAWAL');
    await expectNoQueue(tabs[0]!);
  });

  it('the opt-out page purges what an earlier page left queued, while another tab holds the queue open', async () => {
    const { collector, server } = await site((endpoint) => ({
      '/': recordingPage(endpoint),
      // The README's opt-out recipe.
      '/privacy/opt-out': `<!doctype html><script src="/lowlight.iife.js"></script>
        <script>window.__done = Lowlight.optOut()</script><p>You are opted out.</p>`,
    }));
    collector.setFault('down');
    const recording = await context.newPage();
    await recording.goto(`${server.url}/`);
    await startedOn(recording);
    await activity(recording, 'QUEUED-while-the-server-is-down');
    await expect
      .poll(() => recording.evaluate(async () => (await indexedDB.databases()).map((database) => database.name)))
      .toEqual(['lowlight']);

    const optOutPage = await context.newPage();
    await optOutPage.goto(`${server.url}/privacy/opt-out`);
    await optOutPage.evaluate(() => Promise.race([(window as unknown as { __done: Promise<void> }).__done, new Promise((_, reject) => setTimeout(() => reject(new Error('optOut() hangs')), 3000))]));
    await expectNoQueue(optOutPage);

    collector.setFault('none');
    await recording.waitForTimeout(800);
    expect(decodeReceived(collector.collector.received).join('\n')).not.toContain('QUEUED-while');
  });

  it('a fan-out keeps one queue per backend: after a reload while both are down, each gets only its own batches', async () => {
    const { publicKey, privateKey } = await generateKeyPair();
    const plain = await startFaultyCollector();
    started.push(plain);
    const bundle = await transportsBundle();
    const backend = (endpoint: string, encrypt = '') =>
      `LowlightTransports.fetchTransport({ endpoint: ${JSON.stringify(endpoint)}, flushIntervalMs: 200, retryInitialMs: 100, retryMaxMs: 400${encrypt} })`;
    const { collector: encrypted, server } = await site(
      (endpoint) => ({
        '/': `<!doctype html><html><head><meta charset="utf-8"><title>fan-out</title>
<script src="/lowlight.iife.js"></script><script>${bundle}</script>
<script>window.__started = Lowlight.start({ transport: LowlightTransports.fanOutTransport([
  ${backend(endpoint, `, encrypt: LowlightTransports.encryptTo(${JSON.stringify(publicKey)})`)},
  ${backend(`${plain.url}/collect`)},
]) });</script></head><body><main>fan-out page</main></body></html>`,
      }),
      privateKey,
    );
    encrypted.setFault('down');
    plain.setFault('down');
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await startedOn(page);
    await activity(page, 'FIRST-PAGE');
    await page.reload();
    await startedOn(page);
    encrypted.setFault('none');
    plain.setFault('none');
    await activity(page, 'SECOND-PAGE');

    const pageviews = (collector: Collector) => new Set(collector.collector.batches.map((batch) => (batch.envelope as { pid: string }).pid));
    await expect.poll(() => [pageviews(encrypted).size, pageviews(plain).size], { timeout: 15_000 }).toEqual([2, 2]);
    const texts = (collector: Collector) => JSON.stringify(collector.collector.batches.flatMap((batch) => batch.events));
    for (const collector of [encrypted, plain]) expect(texts(collector)).toMatch(/FIRST-PAGE[\s\S]*SECOND-PAGE/);
    // Every request the encrypting backend got is ciphertext; none the plain one got is.
    for (const { url, body } of encrypted.collector.received) {
      expect(new URL(url, 'http://x.invalid').searchParams.get('cipher')).toBe(CIPHER);
      expect(body.toString('latin1')).not.toContain('FIRST-PAGE');
      expect(() => gunzipSync(body)).toThrow();
    }
    for (const { url } of plain.collector.received) expect(new URL(url, 'http://x.invalid').searchParams.get('cipher')).toBeNull();
  });
});
