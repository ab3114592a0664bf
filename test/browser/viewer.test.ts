import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../packages/transport/src/encrypt';
import { startViewerServer, VIEWER_EMAIL, VIEWER_PASSWORD } from '../server/support/viewer';
import { hasChromium, launchChromium } from './support/chromium';
import { snippetPage, startPageServer, type Running } from './support/servers';

const CANARY = 'CANARY-replay-visible-7f3a';
const SECRETS = { password: 'Hunter2-Passw0rd!', email: 'ada.secret@example.org', card: '4242 4242 4242 4242', notes: 'my-secret-delivery-notes' };
const MASKED_TEXT = 'Account 001-7734-22';
const VISITOR = 'visitor-e2e-42';
const SCREENSHOTS = process.env.LOWLIGHT_SCREENSHOTS === '1';
const root = join(import.meta.dirname, '../..');

const RECORDED_PAGE = `<h1>Checkout</h1><p id="canary">${CANARY}</p>
<section data-ll-mask><p>${MASKED_TEXT}</p></section>
<form><input name="email" type="email"><input name="password" type="password"><input name="card" autocomplete="cc-number">
<textarea name="notes"></textarea></form>
<script>Lowlight.identify(${JSON.stringify(VISITOR)}); Lowlight.addCustomEvent('checkout failed', { step: 'payment' });</script>`;

type LowlightWindow = { __started: Promise<void>; Lowlight: { flush(): Promise<void> } };

/** Records a page: loads it, types the secrets, flushes, and waits until the server indexed the session. */
async function record(browser: Browser, url: string, type: boolean): Promise<void> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(() => (window as unknown as LowlightWindow).__started);
  if (type) {
    for (const [name, value] of Object.entries(SECRETS)) await page.locator(`[name="${name}"]`).pressSequentially(value, { delay: 5 });
    await page.locator('#canary').click();
  }
  await page.waitForTimeout(300);
  await page.evaluate(() => (window as unknown as LowlightWindow).Lowlight.flush());
  await page.close();
}

async function logIn(page: Page, viewerUrl: string): Promise<void> {
  await page.goto(`${viewerUrl}/sessions`);
  await page.waitForURL(/\/login\?next=/);
  await page.fill('input[name=email]', VIEWER_EMAIL);
  await page.fill('input[name=password]', VIEWER_PASSWORD);
  await Promise.all([page.waitForURL(/\/sessions$/), page.click('form.login button')]);
}

/** Everything the rebuilt page holds: markup, text and form values. */
async function replayedDocument(page: Page): Promise<{ html: string; text: string; values: string[] }> {
  const frame = (await page.locator('#player iframe').elementHandle())!;
  const content = (await frame.contentFrame())!;
  return content.evaluate(() => ({
    html: document.documentElement.outerHTML,
    text: document.body?.innerText ?? '',
    values: [...document.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value),
  }));
}

describe.skipIf(!hasChromium)('replay viewer in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startViewerServer>>;
  let pages: Running;
  let beacon: Server;
  const beaconHits: string[] = [];
  let beaconUrl = '';
  let keys: { publicKey: string; privateKey: string };

  beforeAll(async () => {
    beacon = createServer((request, response) => {
      beaconHits.push(request.url ?? '');
      response.writeHead(200, { 'Content-Type': 'image/gif' }).end();
    });
    await new Promise<void>((done) => beacon.listen(0, '127.0.0.2', done));
    beaconUrl = `http://127.0.0.2:${(beacon.address() as { port: number }).port}`;
    server = await startViewerServer();
    keys = await generateKeyPair();
    const hostile = `<p id="canary">${CANARY}</p><img src="${beaconUrl}/beacon-img" width="10" height="10">
<div style="background-image: url('${beaconUrl}/beacon-css'); width: 10px; height: 10px"></div>
<style>@font-face { font-family: Spy; src: url('${beaconUrl}/beacon-font'); } p { font-family: Spy, sans-serif; }</style>
<script>window.parent.__ranInReplay = true; fetch('${beaconUrl}/beacon-script', { mode: 'no-cors' });</script>`;
    const encryptHead = '<title>e2ee</title><script src="/lowlight-encrypt.iife.js"></script>';
    pages = await startPageServer({
      '/': snippetPage(server.ingestUrl, RECORDED_PAGE),
      '/hostile': snippetPage(server.ingestUrl, hostile),
      '/encrypted': snippetPage(server.ingestUrl, `<p id="canary">${CANARY}</p>`, `encrypt: LowlightEncrypt.encryptTo(${JSON.stringify(keys.publicKey)})`, encryptHead),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await server?.close();
    await new Promise((done) => beacon?.close(done));
  });

  it('records the demo page, replays it with the canary and without any secret, then deletes the visitor everywhere', async () => {
    await record(browser, `${pages.url}/`, true);
    const [session] = await server.stores.meta.sessionsOfVisitor(server.projectId, VISITOR);
    expect(session).toBeDefined();
    const sid = session!.id;

    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await logIn(page, server.url);
    const row = page.locator(`tr[data-session="${sid}"]`);
    await expect(row.textContent()).resolves.toContain(VISITOR);
    if (SCREENSHOTS) await page.screenshot({ path: join(root, 'docs/images/viewer-list.png') });

    await row.locator('a.replay').click();
    await page.waitForSelector('body[data-loaded="true"]');
    const replayed = await replayedDocument(page);
    expect(replayed.text).toContain(CANARY);
    const everything = [replayed.html, replayed.text, ...replayed.values].join('\n');
    for (const secret of [...Object.values(SECRETS), MASKED_TEXT]) expect(everything, secret).not.toContain(secret);
    expect(await page.locator('#timeline .marker.pageview').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#timeline .marker.identify').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#timeline .marker.custom').getAttribute('title')).toBe('custom: checkout failed');
    expect(await page.locator('#pages li').count()).toBeGreaterThanOrEqual(1);
    // rrweb's iframe is sandboxed without scripts.
    expect(await page.locator('#player iframe').getAttribute('sandbox')).toBe('allow-same-origin');
    await page.click('#play');
    await page.waitForTimeout(400);
    if (SCREENSHOTS) await page.screenshot({ path: join(root, 'docs/images/viewer-replay.png') });

    await page.goto(`${server.url}/sessions?visitor=${VISITOR}`);
    await Promise.all([page.waitForURL(/\/sessions$/), page.click('[data-delete-visitor]')]);
    expect(await page.locator(`tr[data-session="${sid}"]`).count()).toBe(0);
    expect(await server.stores.meta.getSession(server.projectId, sid)).toBeNull();
    expect(await server.stores.meta.sessionsOfVisitor(null, VISITOR)).toEqual([]);
    expect(await server.stores.blobs.list(`${server.projectId}/${sid}/`)).toEqual([]);
    await page.close();
  });

  it('replays a page with recorded images, fonts, CSS and inline scripts without reaching any of them', async () => {
    await record(browser, `${pages.url}/hostile`, false);
    // The recording browser fetched them: the beacon server works.
    expect(beaconHits.length).toBeGreaterThan(0);
    beaconHits.length = 0;
    const [session] = await server.stores.meta.listSessions({ projectId: server.projectId, url: '/hostile', limit: 1 });
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => violations.push(message.text()));
    await logIn(page, server.url);
    await page.goto(`${server.url}/sessions/${server.projectId}/${session!.id}`);
    await page.waitForSelector('body[data-loaded="true"]');
    await page.click('#play');
    await page.waitForTimeout(1500);
    const replayed = await replayedDocument(page);
    expect(replayed.text).toContain(CANARY);
    expect(await page.evaluate(() => (window as unknown as { __ranInReplay?: boolean }).__ranInReplay)).toBeUndefined();
    expect(beaconHits).toEqual([]);
    expect(violations.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
  });

  it('decrypts an end-to-end encrypted session in the browser with a pasted key, and says so without one', async () => {
    await record(browser, `${pages.url}/encrypted`, false);
    const [session] = (await server.stores.meta.listSessions({ projectId: server.projectId, limit: 10 })).filter((s) => s.encrypted);
    expect(session).toBeDefined();
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.url()} ${request.postData() ?? ''}`));
    await logIn(page, server.url);
    await page.goto(`${server.url}/sessions/${server.projectId}/${session!.id}`);
    await page.waitForFunction(() => /end-to-end encrypted/.test(document.getElementById('status')?.textContent ?? ''));
    await page.fill('#private-key', keys.privateKey);
    await page.click('#decrypt');
    await page.waitForSelector('body[data-loaded="true"]');
    expect((await replayedDocument(page)).text).toContain(CANARY);
    // The private key never left the tab.
    expect(requests.join('\n')).not.toContain(keys.privateKey);
    await page.close();
  });
});
