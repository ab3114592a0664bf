import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/chromium';
import { decodeReceived, startCollector, startPageServer, type Running } from './support/servers';

const dist = resolve(import.meta.dirname, '../../packages/core/dist');
const bundle = readFileSync(resolve(dist, 'lowlight.iife.js'));
const built = readFileSync(resolve(dist, 'lowlight-loader.js'), 'utf8');
const CDN_URL = /https:\/\/cdn\.jsdelivr\.net\/npm\/@lowlight\/core@[^/"]+\/dist\/lowlight\.iife\.js/;
/** The snippet exactly as built, pointed at the test server's copy of the file instead of the CDN. */
const snippet = built.replace(CDN_URL, '/lowlight.iife.js');
const CANARY = 'CANARY-loader-5b1e';

type LoaderWindow = Window & {
  Lowlight: Record<string, (...args: unknown[]) => unknown>;
  __results: Record<string, Promise<unknown>>;
  __domReadyBeforeBundle: boolean;
};

/** A page whose inline scripts call Lowlight before the async file can have run. */
function page(calls: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>loader</title>
<script>${snippet}</script>
<script>window.__results = {}; const isStub = (call) => call.toString().includes('push'); ${calls}</script>
</head><body><p>${CANARY}</p>
<script>document.addEventListener('DOMContentLoaded', () => { window.__domReadyBeforeBundle = isStub(Lowlight.start); });</script>
</body></html>`;
}

describe('loader snippet as built', () => {
  it('names the script-tag file with its SRI hash and crossorigin, and stays small enough to paste inline', () => {
    expect(built).toMatch(CDN_URL);
    const integrity = readFileSync(resolve(dist, 'lowlight.iife.js.sri'), 'utf8').trim();
    // Computed here independently of the build: SRI is sha384 of the exact bytes, base64.
    expect(integrity).toBe(`sha384-${createHash('sha384').update(bundle).digest('base64')}`);
    expect(built).toContain(`"${integrity}"`);
    expect(built).toContain('crossOrigin="anonymous"');
    expect(built).toContain('async=!0');
    expect(built.length).toBeLessThan(650);
  });
});

describe.skipIf(!hasChromium)('loader snippet in Chromium', () => {
  let browser: Browser;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let pages: Running;

  beforeAll(async () => {
    collector = await startCollector();
    const endpoint = JSON.stringify(`${collector.url}/collect`);
    pages = await startPageServer({
      '/record': page(`
        __results.start = Lowlight.start({ endpoint: ${endpoint} });
        __results.flush = Lowlight.flush();
        __results.stats = Lowlight.stats();
        __results.bad = Lowlight.consent('maybe');`),
      '/out-then-in': page(`Lowlight.optOut(); __results.last = Lowlight.optIn();`),
      '/in-then-out': page(`Lowlight.optIn(); __results.last = Lowlight.optOut();`),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await collector?.close();
  });

  /** A new tab whose script-tag file is held back `delayMs` and served as `body`. */
  async function open({ delayMs = 0, body = bundle }: { delayMs?: number; body?: Buffer } = {}): Promise<Page> {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.route('**/lowlight.iife.js', async (route) => {
      await new Promise((done) => setTimeout(done, delayMs));
      await route.fulfill({ status: 200, contentType: 'text/javascript', body });
    });
    return tab;
  }

  it('does not block the page: it is parsed and ready while the file is still loading', async () => {
    const tab = await open({ delayMs: 1_500 });
    await tab.goto(`${pages.url}/record`, { waitUntil: 'domcontentloaded' });
    expect(await tab.evaluate(() => (window as unknown as LoaderWindow).__domReadyBeforeBundle)).toBe(true);
    expect(await tab.evaluate(() => document.querySelector('script[src="/lowlight.iife.js"]')?.getAttribute('async'))).not.toBeNull();
    await tab.context().close();
  });

  it('replays the calls made before load on the real calls, each promise settling with its call', async () => {
    collector.collector.received.length = 0;
    const tab = await open({ delayMs: 300 });
    await tab.goto(`${pages.url}/record`);
    const results = await tab.evaluate(async () => {
      const { __results: r } = window as unknown as LoaderWindow;
      const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value }), (error: Error) => ({ error: error.message }));
      return { start: await settle(r.start!), flush: await settle(r.flush!), stats: await settle(r.stats!), bad: await settle(r.bad!) };
    });
    expect(results.start).toEqual({});
    expect(results.flush).toEqual({});
    expect(results.stats).toEqual({ value: expect.objectContaining({ sent: expect.any(Number), dropped: 0 }) });
    expect(results.bad).toEqual({ error: expect.stringContaining('[lowlight]') });
    // The real calls replaced the stand-in, and the replayed start() records: a flush now delivers the page.
    expect(await tab.evaluate(() => (window as unknown as LoaderWindow).Lowlight.start!.toString())).not.toContain('push');
    await tab.evaluate(() => (window as unknown as LoaderWindow).Lowlight.flush!());
    expect(decodeReceived(collector.collector.received).join('\n')).toContain(CANARY);
    // Stopped before closing: nothing this tab captures later can reach the collector during a later test.
    await tab.evaluate(() => (window as unknown as LoaderWindow).Lowlight.stop!());
    await tab.context().close();
  });

  it.each([
    ['/out-then-in', null],
    ['/in-then-out', '1'],
  ])('replays in call order (%s)', async (path, optedOut) => {
    const tab = await open({ delayMs: 200 });
    await tab.goto(`${pages.url}${path}`);
    await tab.evaluate(() => (window as unknown as LoaderWindow).__results.last);
    expect(await tab.evaluate(() => localStorage.getItem('ll:optout'))).toBe(optedOut);
    await tab.context().close();
  });

  it('runs nothing when the file does not match its integrity hash, and the page carries on', async () => {
    collector.collector.received.length = 0;
    const tampered = Buffer.concat([bundle, Buffer.from('\nwindow.__tampered = true;')]);
    const tab = await open({ body: tampered });
    const errors: Error[] = [];
    tab.on('pageerror', (error) => errors.push(error));
    const integrityErrors: string[] = [];
    tab.on('console', (message) => /integrity/i.test(message.text()) && integrityErrors.push(message.text()));
    await tab.goto(`${pages.url}/record`);
    // Chromium reports the refused file on the console once it has decided; by then nothing of it ran.
    await expect.poll(() => integrityErrors.length).toBeGreaterThan(0);
    const state = await tab.evaluate(() => ({
      tampered: (window as unknown as { __tampered?: boolean }).__tampered,
      stub: (window as unknown as LoaderWindow).Lowlight.start!.toString().includes('push'),
      text: document.body.textContent,
    }));
    expect(state).toEqual({ tampered: undefined, stub: true, text: expect.stringContaining(CANARY) });
    expect(errors).toEqual([]);
    expect(collector.collector.received).toEqual([]);
    await tab.context().close();
  });
});
