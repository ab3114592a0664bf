import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectorPages } from './leak-corpus/detectors';
import { fieldPages } from './leak-corpus/fields';
import { forgottenPages } from './leak-corpus/forgotten';
import { hardeningPages } from './leak-corpus/hardening';
import { hardeningCssPages } from './leak-corpus/hardening-css';
import { hardeningFormatPages } from './leak-corpus/hardening-formats';
import { secretForms, type LeakPage } from './leak-corpus/leakPage';
import { levelPages } from './leak-corpus/levels';
import { markPages } from './leak-corpus/marks';
import { nestedPages } from './leak-corpus/nested';
import { urlPages } from './leak-corpus/urls';
import { hasChromium, launchChromium } from './support/chromium';
import { replayedText } from './support/replay';
import { decodeReceived, snippetPage, startCollector, startPageServer, type Running } from './support/servers';

const CORPUS: LeakPage[] = [
  ...fieldPages, ...markPages, ...detectorPages, ...urlPages, ...nestedPages, ...forgottenPages, ...levelPages,
  ...hardeningPages, ...hardeningCssPages, ...hardeningFormatPages,
];

type Started = { __started: Promise<void>; Lowlight: { flush(): Promise<void> } };

/** A secret matches only as a whole number: `4912` inside a timestamp is not a leak. */
function containsForm(haystack: string, form: string): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${/^\d/.test(form) ? '(?<!\\d)' : ''}${escaped}${/\d$/.test(form) ? '(?!\\d)' : ''}`).test(haystack);
}

/** Everything Lowlight could have left in the browser: web storage and IndexedDB (binary values base64). Cookies go to the collector only as headers, which the wire check covers. */
async function dumpStorage(page: Page): Promise<string> {
  const dumped = await page.evaluate(async () => {
    const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    const values: unknown[] = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
        values.push(
          JSON.parse(
            JSON.stringify(all, (_key, value) =>
              value instanceof ArrayBuffer || ArrayBuffer.isView(value)
                ? { binary: toBase64(new Uint8Array(value instanceof ArrayBuffer ? value : value.buffer)) }
                : value,
            ),
          ),
        );
      }
      db.close();
    }
    return { local: { ...localStorage }, session: { ...sessionStorage }, indexedDB: values };
  });
  // Stored batches may be gzip bodies: decode them so secrets inside are visible to the check.
  return JSON.stringify(dumped, (_key, value) => {
    if (!value || typeof value.binary !== 'string') return value;
    const bytes = Buffer.from(value.binary, 'base64');
    return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  });
}

describe.skipIf(!hasChromium)('leak corpus through the script-tag bundle in Chromium', () => {
  let browser: Browser;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let pages: Running;
  const results: Array<{ name: string; clean: boolean }> = [];

  beforeAll(async () => {
    collector = await startCollector();
    const served: Record<string, string> = { '/replay': '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>' };
    for (const leakPage of CORPUS) {
      const endpoint = `${collector.url}/collect?corpus=${leakPage.name}`;
      served[`/p/${leakPage.name}`] = snippetPage(endpoint, leakPage.body, leakPage.startOptions, leakPage.head);
      Object.assign(served, leakPage.extraPages);
    }
    pages = await startPageServer(served);
    browser = await launchChromium();
  });

  afterAll(async () => {
    const clean = results.filter((result) => result.clean).length;
    console.log(`leak corpus: ${clean}/${CORPUS.length} pages clean`);
    await browser?.close();
    await pages?.close();
    await collector?.close();
  });

  it('has unique page names and a page for every mechanism it claims', () => {
    expect(new Set(CORPUS.map((page) => page.name)).size).toBe(CORPUS.length);
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  // Pages run a few at a time, each in its own browser context: most of a page's time is waiting on the network.
  it.concurrent.each(CORPUS)('$name: $mechanism', async (leakPage) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(pages.url + (leakPage.entry ?? `/p/${leakPage.name}${leakPage.query ?? ''}`));
      if (!leakPage.entry) await page.evaluate(() => (window as unknown as Started).__started);
      await leakPage.act?.(page);
      // Planted after the page's actions: a page whose later events never arrived cannot pass.
      const lateCanary = `LATE-CANARY-${leakPage.name}`;
      await page.evaluate((text) => {
        const late = document.createElement('p');
        late.setAttribute('data-ll-unmask', '');
        late.textContent = text;
        document.body.append(late);
      }, lateCanary);
      // Let mutation observers and rrweb's input sampling catch up before flushing.
      await page.waitForTimeout(50);
      await page.evaluate(() => (window as unknown as Started).Lowlight.flush());

      const mine = collector.collector.received.filter(({ url }) => url.includes(`corpus=${leakPage.name}&`));
      const batches = decodeReceived(mine);
      const wire = [...batches, JSON.stringify(mine.map(({ url, headers }) => ({ url, headers })))].join('\n');
      const stored = await dumpStorage(page);
      // A value split across nodes is a leak when the replay shows it whole.
      const replay = await replayedText(browser, pages.url, mine);
      const leaks = leakPage.secrets.filter((secret) =>
        secretForms(secret).some((form) => containsForm(wire, form) || containsForm(stored, form) || containsForm(replay, form)),
      );
      const forbidden = (leakPage.forbidden ?? []).filter((pattern) => pattern.test(wire)).map(String);
      const canarySeen = wire.includes(leakPage.canary) && replay.includes(leakPage.canary);
      const lateCanarySeen = wire.includes(lateCanary) && replay.includes(lateCanary);
      results.push({ name: leakPage.name, clean: leaks.length === 0 && forbidden.length === 0 && canarySeen && lateCanarySeen });
      expect({ leaks, forbidden, canarySeen, lateCanarySeen, requests: mine.length > 0 }).toEqual({
        leaks: [],
        forbidden: [],
        canarySeen: true,
        lateCanarySeen: true,
        requests: true,
      });
    } finally {
      await context.close();
    }
  });
});
