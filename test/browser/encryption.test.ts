import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIPHER, generateKeyPair } from '../../packages/transport/src/encrypt';
import { hasChromium, launchChromium } from './support/chromium';
import { snippetPage, startCollector, startPageServer, type Running } from './support/servers';

const CANARY = 'CANARY-end-to-end-encrypted';

describe.skipIf(!hasChromium)('end-to-end encryption through the script-tag add-on', () => {
  let browser: Browser;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let pages: Running;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair();
    collector = await startCollector({ privateKey });
    const head = '<title>e2ee</title><script src="/lowlight-encrypt.iife.js"></script>';
    pages = await startPageServer({
      '/': snippetPage(`${collector.url}/collect`, `<p>${CANARY}</p>`, `encrypt: LowlightEncrypt.encryptTo(${JSON.stringify(publicKey)})`, head),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await collector?.close();
  });

  it('sends only ciphertext, which the key holder decrypts to exactly the recorded events', async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    await page.evaluate(() => {
      document.body.append('added after start');
    });
    await page.waitForTimeout(50);
    await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());

    const { received, batches } = collector.collector;
    expect(received.length).toBeGreaterThan(0);
    for (const { url, body } of received) {
      expect(new URL(url, 'http://x.invalid').searchParams.get('cipher')).toBe(CIPHER);
      // Neither the raw bytes nor any attempt to read them as gzip shows the page.
      expect(body.toString('latin1')).not.toContain(CANARY);
      expect(() => gunzipSync(body)).toThrow();
    }
    // Every request decrypted and was accepted; together they hold the page, in order.
    expect(batches.map((batch) => batch.envelope.seq)).toEqual(received.map((_, seq) => seq));
    const events = batches.flatMap((batch) => batch.events);
    expect(JSON.stringify(events)).toContain(CANARY);
    expect(JSON.stringify(events)).toContain('added after start');
    const types = events.map((event) => event.type);
    expect(types.indexOf(4)).toBeGreaterThanOrEqual(0);
    expect(types.indexOf(2)).toBeGreaterThan(types.indexOf(4));
  });
});
