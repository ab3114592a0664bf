import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/chromium';
import { decodeReceived, snippetPage, startCollector, startPageServer, type Running } from './support/servers';

const BODY = `
  <h1>Gated page</h1>
  <label>Name <input id="name"></label>
  <button id="buy" onclick="this.textContent = 'Bought'">Buy</button>
  <canvas id="chart" width="40" height="20"></canvas>`;

/** Browser signals set before any page script runs, as a browser that sends them would. */
const DNT = `Object.defineProperty(navigator, 'doNotTrack', { get: () => '1', configurable: true });`;
const GPC = `Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true, configurable: true });`;

/** Counts every call of the APIs fingerprinting scripts use, into window.__fingerprinting. */
const FINGERPRINT_PROBES = `(() => {
  const calls = (window.__fingerprinting = {});
  const count = (name) => { calls[name] = (calls[name] || 0) + 1; };
  const method = (target, name, label) => {
    const original = target && target[name];
    if (typeof original !== 'function') return;
    target[name] = function (...args) { count(label); return original.apply(this, args); };
  };
  const getter = (target, name, label) => {
    const descriptor = target && Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor || !descriptor.get) return;
    Object.defineProperty(target, name, { ...descriptor, get() { count(label); return descriptor.get.call(this); } });
  };
  const constructor = (name) => {
    if (!window[name]) return;
    window[name] = new Proxy(window[name], { construct(target, args) { count(name); return Reflect.construct(target, args); } });
  };
  for (const name of ['toDataURL', 'toBlob', 'getContext']) method(HTMLCanvasElement.prototype, name, 'canvas.' + name);
  for (const name of ['getImageData', 'measureText']) method(CanvasRenderingContext2D.prototype, name, 'canvas2d.' + name);
  method(WebGLRenderingContext.prototype, 'getParameter', 'webgl.getParameter');
  method(document.fonts, 'check', 'fonts.check');
  method(NavigatorUAData.prototype, 'getHighEntropyValues', 'userAgentData.getHighEntropyValues');
  method(Navigator.prototype, 'getBattery', 'navigator.getBattery');
  for (const name of ['plugins', 'mimeTypes', 'hardwareConcurrency', 'deviceMemory', 'languages']) getter(Navigator.prototype, name, 'navigator.' + name);
  for (const name of ['AudioContext', 'OfflineAudioContext', 'RTCPeerConnection', 'WebSocket']) constructor(name);
})();`;

interface Visit {
  /** The page server's origin. */
  origin: string;
  page: Page;
  collector: Awaited<ReturnType<typeof startCollector>>;
  /** Every request the browser made, by URL. */
  requests: string[];
  /** Requests the browser made to the collector, whether or not they arrived. */
  collectorRequests(): string[];
}

describe.skipIf(!hasChromium)('privacy gates in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext | undefined;
  const running: Running[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser profile, collector and page server; opens `path` of a page that starts Lowlight with `startOptions`. */
  async function visit({ startOptions = '', path = '/', initScripts = [] as string[] } = {}): Promise<Visit> {
    const collector = await startCollector();
    const pages = await startPageServer({
      '/': snippetPage(`${collector.url}/collect`, BODY, startOptions),
      // The opt-out link recipe from the README: a page that only records the visitor's choice.
      '/privacy/opt-out': `<!doctype html><script src="/lowlight.iife.js"></script><script>Lowlight.optOut()</script><p>You are opted out.</p>`,
    });
    running.push(collector, pages);
    context = await browser.newContext();
    for (const script of initScripts) await context.addInitScript(script);
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await open(pages.url + path);
    return { origin: pages.url, page, collector, requests, collectorRequests: () => requests.filter((url) => url.startsWith(collector.url)) };
  }

  /** A new tab in the current profile, once its `Lowlight.start()` (if any) has settled. */
  async function open(url: string): Promise<Page> {
    const page = await context!.newPage();
    await page.goto(url);
    await page.evaluate(() => (window as unknown as { __started?: Promise<void> }).__started);
    return page;
  }

  const lowlight = (page: Page, call: string) => page.evaluate(`Lowlight.${call}`);

  /** Types, clicks and changes the page: activity a recorder would capture. */
  async function act(page: Page): Promise<void> {
    await page.type('#name', 'Ann');
    await page.click('#buy');
    await page.evaluate(() => document.body.append('late text'));
  }

  /** Everything Lowlight could have left in this profile for the page's origin. */
  const storage = (page: Page) =>
    page.evaluate(async () => ({
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      indexedDB: (await indexedDB.databases()).map((database) => database.name),
    }));

  /** Gives every path a chance to send: an explicit flush, then the page going away (pagehide, keepalive). */
  async function leave(visit: Visit): Promise<void> {
    await lowlight(visit.page, 'flush()');
    await visit.page.goto('about:blank');
    await visit.page.waitForTimeout(300);
  }

  async function expectNothingSentOrStored(visit: Visit, local: Record<string, string> = {}): Promise<void> {
    await act(visit.page);
    expect(await storage(visit.page)).toEqual({ local, session: {}, cookie: '', indexedDB: [] });
    await leave(visit);
    expect(visit.collectorRequests()).toEqual([]);
    expect(visit.collector.collector.received).toEqual([]);
  }

  const sent = (visit: Visit) => visit.collector.collector.batches.flatMap((batch) => batch.events) as Array<{ type: number; data: any }>;

  it('sends and stores nothing when the browser sends Do Not Track', async () => {
    await expectNothingSentOrStored(await visit({ initScripts: [DNT] }));
  });

  it('sends and stores nothing when the browser sends Global Privacy Control', async () => {
    await expectNothingSentOrStored(await visit({ initScripts: [GPC] }));
  });

  it('sends and stores nothing while consent is pending', async () => {
    await expectNothingSentOrStored(await visit({ startOptions: "consent: 'pending'" }));
  });

  it('sends and stores nothing under requireIdentity without an identity', async () => {
    await expectNothingSentOrStored(await visit({ startOptions: 'requireIdentity: true' }));
  });

  it('sends nothing once consent is denied after it was granted, and keeps only the denial, on this page and the next', async () => {
    const first = await visit();
    await act(first.page);
    await lowlight(first.page, "consent('denied')");
    await expectNothingSentOrStored(first, { 'll:consent': 'denied' });

    await expectNothingSentOrStored({ ...first, page: await open(`${first.origin}/`) }, { 'll:consent': 'denied' });
  });

  it('sends and stores nothing for a visitor who used the opt-out link', async () => {
    const optedOut = await visit({ path: '/privacy/opt-out' });
    await expectNothingSentOrStored({ ...optedOut, page: await open(`${optedOut.origin}/`) }, { 'll:optout': '1' });
  });

  it('sends a fresh full snapshot once consent is granted, under a policy that says so', async () => {
    const granted = await visit({ startOptions: "consent: 'pending'" });
    await act(granted.page);
    await lowlight(granted.page, "consent('granted')");
    await lowlight(granted.page, 'flush()');
    const types = sent(granted).map((event) => event.type);
    expect(types.slice(0, 2)).toEqual([4, 2]);
    expect(granted.collector.collector.batches[0]!.envelope).toMatchObject({
      policy: 'lowlight/1;level=balanced;dnt=1;gpc=1;consent=granted;identity=optional;sample=1',
    });
  });

  it('records a tracked-link visitor with the identity as session metadata and the parameter in no URL', async () => {
    const tracked = await visit({ path: '/?ll_id=visitor-42&lang=en', startOptions: 'requireIdentity: true' });
    expect(new URL(tracked.page.url()).search).toBe('?lang=en');
    await act(tracked.page);
    // A single-page app navigates, then renders the new page.
    await tracked.page.evaluate(() => {
      history.pushState(null, '', '/checkout?step=2');
      document.body.append('checkout');
    });
    await tracked.page.waitForTimeout(50);
    await lowlight(tracked.page, 'flush()');

    const events = sent(tracked);
    const identify = events.filter((event) => event.type === 5 && event.data.tag === 'lowlight/identify');
    expect(identify.map((event) => event.data.payload)).toEqual([{ id: 'visitor-42' }]);
    const pageviews = events.filter((event) => event.type === 5 && event.data.tag === 'lowlight/pageview');
    expect(pageviews.map((event) => new URL(event.data.payload.url).pathname + new URL(event.data.payload.url).search)).toEqual([
      '/?lang=en',
      '/checkout?step=2',
    ]);
    expect(decodeReceived(tracked.collector.collector.received).join('\n')).not.toContain('ll_id');
    expect(await storage(tracked.page)).toMatchObject({ local: {}, session: { 'll:id': 'visitor-42' }, cookie: '' });
  });

  it('reads no fingerprinting API and sends no IP address, full user agent or plugin list', async () => {
    const recorded = await visit({ initScripts: [FINGERPRINT_PROBES] });
    await act(recorded.page);
    await lowlight(recorded.page, "identify('visitor-1', { plan: 'pro' })");
    await lowlight(recorded.page, 'flush()');
    const userAgent = await recorded.page.evaluate(() => navigator.userAgent);
    expect(await recorded.page.evaluate(() => (window as unknown as { __fingerprinting: object }).__fingerprinting)).toEqual({});

    // The page, the collector, and the compression worker Lowlight starts from a blob: URL of the page's origin.
    const allowed = [recorded.origin, recorded.collector.url, `blob:${recorded.origin}`];
    expect(recorded.requests.filter((url) => !allowed.some((prefix) => url.startsWith(prefix)))).toEqual([]);
    const everything = decodeReceived(recorded.collector.collector.received).join('\n');
    expect(everything.length).toBeGreaterThan(0);
    expect(everything).not.toContain(userAgent);
    expect(everything).not.toMatch(/(?:Chrome|Chromium|HeadlessChrome)\/\d+\.\d+/);
    expect(everything).not.toMatch(/PDF Viewer|application\/pdf/);
    // The page's own address is the only IP a recording may hold (it is the page URL here, served from loopback).
    expect(everything.replaceAll('127.0.0.1', '')).not.toMatch(/\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}\b/i);
  });
});
