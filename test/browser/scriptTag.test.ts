import { batchEvents } from '@lowlight/transport';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/chromium';
import { decodeReceived, snippetPage, startCollector, startPageServer, type Running } from './support/servers';

const CANARY = 'CANARY-visible-7d3f';
const SECRETS = {
  typedText: 'typed-text-secret-5521',
  typedEmail: 'typed.visitor@leak-test.example',
  password: 'Pw-correct-horse-9917',
  textarea: 'textarea-secret-note-3301',
  option: 'Blue-secret-option',
  optionValue: 'secret-option-value',
  masked: 'MASKED-region-text-91ab',
  maskedLater: 'MASKED-added-later-44c1',
  plantedEmail: 'planted.email@leak-test.example',
  laterEmail: 'later.email@leak-test.example',
  card: '4242 4242 4242 4242',
  laterCard: '5555555555554444',
};

const PAGE = `
  <p id="canary">${CANARY}</p>
  <label>Name <input id="text"></label>
  <label>Email <input id="email" type="email"></label>
  <label>Password <input id="pw" type="password"></label>
  <textarea id="ta"></textarea>
  <select id="sel"><option value="red">Red</option><option value="${SECRETS.optionValue}">${SECRETS.option}</option></select>
  <div id="masked" data-ll-mask><p>${SECRETS.masked}</p></div>
  <p>Reach me at ${SECRETS.plantedEmail}</p>
  <p id="card">Card: ${SECRETS.card}</p>`;

/**
 * Loads a page holding the script-tag snippet in a fresh Chromium, records it until flushed, and returns what the
 * collector received, decoded, with what `read` then reads from the page.
 */
async function recordPage<T>(head: string, body: string, read?: (page: Page) => Promise<T>): Promise<{ delivered: string; read: T | undefined }> {
  const collector = await startCollector();
  const pages = await startPageServer({ '/': snippetPage(`${collector.url}/collect`, body, '', head) });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());
    return { read: await read?.(page), delivered: decodeReceived(collector.collector.received).join('\n') };
  } finally {
    await browser.close();
    await pages.close();
    await collector.close();
  }
}

describe.skipIf(!hasChromium)('script-tag bundle in Chromium', () => {
  let browser: Browser;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let pages: Running;
  let page: Page;

  beforeAll(async () => {
    collector = await startCollector();
    // Counts the page's own fetch calls: batches go out from Lowlight's worker.
    const countFetches = '<title>Lowlight e2e</title><script>window.__pageFetches = 0; const pageFetch = fetch; window.fetch = (...args) => (window.__pageFetches++, pageFetch(...args));</script>';
    pages = await startPageServer({ '/': snippetPage(`${collector.url}/collect`, PAGE, '', countFetches) });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);

    await page.click('#text');
    await page.type('#text', SECRETS.typedText);
    await page.type('#email', SECRETS.typedEmail);
    await page.type('#pw', SECRETS.password);
    await page.type('#ta', SECRETS.textarea);
    await page.selectOption('#sel', SECRETS.optionValue);
    await page.evaluate((secrets) => {
      const later = document.createElement('span');
      later.textContent = secrets.maskedLater;
      document.querySelector('#masked')!.append(later);
      document.querySelector('#card')!.textContent = `New card ${secrets.laterCard}, mail ${secrets.laterEmail}`;
    }, SECRETS);
    await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await collector?.close();
  });

  it('delivers gzip batches to the collector, with no Referer and no cookies', () => {
    expect(collector.collector.received.length).toBeGreaterThan(0);
    for (const { url, headers } of collector.collector.received) {
      expect(new URL(url, 'http://x.invalid').searchParams.get('enc')).toBe('gzip');
      expect(headers.referer).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
    }
  });

  it("POSTs its batches from its worker, off the page's main thread", async () => {
    expect(collector.collector.received.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __pageFetches: number }).__pageFetches)).toBe(0);
  });

  it('records the click, as rrweb names mouse interactions (down, focus, up, click)', () => {
    const events = decodeReceived(collector.collector.received).flatMap((body) => batchEvents(JSON.parse(body)));
    const mouse = events.filter((event) => event.type === 3 && (event.data as { source?: number }).source === 2);
    expect(mouse.map((event) => (event.data as { type: number }).type)).toEqual(expect.arrayContaining([1, 5, 0, 2]));
  });

  it('sends the visible canary text', () => {
    expect(decodeReceived(collector.collector.received).join('\n')).toContain(CANARY);
  });

  it.each(Object.entries(SECRETS))('never sends %s', (_name, secret) => {
    const everything = decodeReceived(collector.collector.received).join('\n');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(encodeURIComponent(secret));
  });

  it('stores nothing sensitive in web storage and sets no cookie', async () => {
    const storage = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
    }));
    for (const secret of Object.values(SECRETS)) {
      expect(storage.local + storage.session).not.toContain(secret);
    }
    expect(storage.cookie).toBe('');
  });

  it('sends nothing recorded after stop()', async () => {
    await page.evaluate(() => (window as unknown as { Lowlight: { stop(): Promise<void> } }).Lowlight.stop());
    const before = collector.collector.received.length;
    await page.evaluate(() => {
      document.querySelector('#canary')!.textContent = 'after-stop-change';
    });
    await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());
    await page.waitForTimeout(200);
    expect(collector.collector.received.length).toBe(before);
    expect(decodeReceived(collector.collector.received).join('\n')).not.toContain('after-stop-change');
  });
});

describe.skipIf(!hasChromium)('script-tag bundle under a Content-Security-Policy without workers', () => {
  it('compresses and sends in the page instead, and delivers everything', async () => {
    const collector = await startCollector();
    const head = `<meta http-equiv="Content-Security-Policy" content="worker-src 'none'"><title>csp</title>`;
    const pages = await startPageServer({ '/': snippetPage(`${collector.url}/collect`, `<p>${CANARY}</p>`, '', head) });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => message.text().includes('Content Security Policy') && violations.push(message.text()));
      await page.goto(`${pages.url}/`);
      await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
      await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());
      await page.evaluate(() => document.body.append('a second batch'));
      await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());
      // The policy did refuse the worker, once: Lowlight does not try again for each batch...
      expect(violations).toHaveLength(1);
      expect(collector.collector.received.length).toBeGreaterThan(1);
      // ...and the batches still arrived, gzip-compressed, whole.
      expect(collector.collector.received.length).toBeGreaterThan(0);
      for (const { url } of collector.collector.received) expect(new URL(url, 'http://x.invalid').searchParams.get('enc')).toBe('gzip');
      expect(decodeReceived(collector.collector.received).join('\n')).toContain(CANARY);
    } finally {
      await browser.close();
      await pages.close();
      await collector.close();
    }
  });
});

describe.skipIf(!hasChromium)("script-tag bundle and rrweb's clean DOM prototypes", () => {
  // Counts iframes added anywhere in the document, even ones removed at once, from before the recorder loads.
  const countIframes = `<script>window.__iframes = 0; new MutationObserver((records) => { for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'IFRAME') window.__iframes++; }).observe(document, { childList: true, subtree: true });</script>`;
  // Angular's zone.js, which wraps MutationObserver so that each callback runs change detection: rrweb then takes a
  // clean one (and the methods it calls) from an iframe.
  const zoneJs = `<script>window.Zone = { current: {} }; const M = MutationObserver; window.MutationObserver = class extends M {};</script>`;

  const iframesAdded = (head: string) =>
    recordPage(`<title>t</title>${head}`, `<p>${CANARY}</p>`, (page) => page.evaluate(() => (window as unknown as { __iframes: number }).__iframes));

  it('creates no hidden iframe on a page whose DOM prototypes are native', async () => {
    const { read: iframes, delivered } = await iframesAdded(countIframes);
    expect(iframes).toBe(0);
    expect(delivered).toContain(CANARY);
  });

  it("still takes a clean MutationObserver from an iframe where Angular's zone.js runs", async () => {
    const { read: iframes, delivered } = await iframesAdded(countIframes + zoneJs);
    expect(iframes).toBeGreaterThan(0);
    expect(delivered).toContain(CANARY);
  });
});

describe.skipIf(!hasChromium)('script-tag bundle on a page that redefined Array.from', () => {
  it("leaves the page's Array.from alone, adds no iframe, and still records stylesheets whole", async () => {
    // As Prototype.js does (Magento 1 stores): an Array.from that ignores its mapping function.
    const prototypeJs = `<script>window.__pageArrayFrom = Array.from = function (items) { return Array.prototype.slice.call(items); };
      window.__iframes = 0; new MutationObserver((records) => { for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'IFRAME') window.__iframes++; }).observe(document, { childList: true, subtree: true });</script>
      <style>.canary-rule { color: rgb(1, 2, 3); }</style>`;
    const { read, delivered } = await recordPage(`<title>t</title>${prototypeJs}`, `<p class="canary-rule">${CANARY}</p>`, (page) =>
      page.evaluate(() => {
        const w = window as unknown as { __pageArrayFrom: unknown; __iframes: number };
        return { kept: Array.from === w.__pageArrayFrom, iframes: w.__iframes };
      }),
    );
    expect(read).toEqual({ kept: true, iframes: 0 });
    expect(delivered).toContain(CANARY);
    expect(delivered).toContain('.canary-rule { color: rgb(1, 2, 3); }');
    expect(delivered).not.toContain('[object CSS');
  });
});

describe.skipIf(!hasChromium)("script-tag bundle's slimmer <head>", () => {
  it('records only the <meta> elements that shape how the page renders, and no comment, script or script preload', async () => {
    const head = `<title>t</title><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="dark light">
      <meta name="description" content="about us"><meta name="format-detection" content="telephone=no"><meta itemprop="author" content="Ann">
      <meta property="og:title" content="t"><link rel="modulepreload" href="/m.js"><link rel="shortcut icon" href="/f.ico"><!-- a comment -->`;
    const { delivered } = await recordPage(head, `<p>${CANARY}</p><script>void 0</script>`);
    expect(delivered).toContain(CANARY);
    const metas = [...delivered.matchAll(/"tagName":"meta","attributes":(\{[^}]*\})/g)].map(([, attributes]) => JSON.parse(attributes!));
    expect(metas).toEqual([{ charset: 'utf-8' }, { name: 'viewport', content: 'width=device-width' }, { name: 'color-scheme', content: 'dark light' }]);
    expect(delivered).not.toMatch(/a comment|modulepreload|shortcut icon|"tagName":"script"/);
  });
});
