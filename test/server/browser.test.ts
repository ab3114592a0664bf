import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStores } from '../../packages/server/src/stores/openStores';
import { hasChromium, launchChromium } from '../browser/support/chromium';
import { snippetPage, startPageServer, type Running } from '../browser/support/servers';
import { runCli, startCli, type RunningServer } from './support/cli';
import { allBytes } from './support/server';
import { storedBatches, until } from './support/storedBatches';

const SECRETS = {
  typedText: 'typed-text-secret-5521',
  password: 'Pw-correct-horse-9917',
  masked: 'MASKED-region-text-91ab',
  plantedEmail: 'planted.email@leak-test.example',
  card: '4242 4242 4242 4242',
};
const CANARY = 'CANARY-visible-7d3f';
const VISITOR = 'e2e-visitor-3f9a1c';
const PAGE = `
  <p id="canary">${CANARY}</p>
  <label>Name <input id="text"></label>
  <label>Password <input id="pw" type="password"></label>
  <div data-ll-mask><p>${SECRETS.masked}</p></div>
  <p>Reach me at ${SECRETS.plantedEmail}</p>
  <p>Card: ${SECRETS.card}</p>
  <button id="buy">Buy</button>`;

/** Numbers every event (`n`), so delivery can be counted exactly once on the server. */
const NUMBERING_HEAD = `<title>e2e</title><script>window.__count = 0;</script>`;
const FAST = `flushIntervalMs: 200, retryInitialMs: 100, retryMaxMs: 400,
  plugins: [{ name: 'test/number@1', processEvent(event) { event.n = ++window.__count; return event; } }]`;

type Event = { type: number; n?: number; data: { tag?: string } };

describe.skipIf(!hasChromium)('the script-tag SDK against lowlight-server in Chromium', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let pages: Running;
  const routes: Record<string, string> = {};
  let projectId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lowlight-e2e-'));
    server = await startCli(['--data', dir]);
    pages = await startPageServer(routes);
    const created = await runCli(['project', 'create', 'E2E', '--origin', pages.url, '--url', server.url, '--data', dir]);
    const endpoint = created.stdout.trim();
    routes['/'] = snippetPage(endpoint, PAGE, FAST, NUMBERING_HEAD);
    const stores = await openStores({ data: dir });
    projectId = (await stores.meta.listProjects())[0]!.id;
    await stores.close();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function record(page: Page): Promise<void> {
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    await page.evaluate((id) => (window as unknown as { Lowlight: { identify(id: string): void } }).Lowlight.identify(id), VISITOR);
    await page.type('#text', SECRETS.typedText);
    await page.type('#pw', SECRETS.password);
    await page.click('#buy');
    await page.evaluate(() => (window as unknown as { Lowlight: { flush(): Promise<void> } }).Lowlight.flush());
  }

  it('stores the session, its pageview and chunks with the planted secrets absent, then forgets the visitor entirely', async () => {
    const page = await browser.newPage();
    await record(page);
    const stores = await openStores({ data: dir });
    try {
      await until(async () => (await stores.meta.listSessions({ projectId, limit: 10 })).length > 0);
      const [session] = await stores.meta.listSessions({ projectId, limit: 10 });
      expect(session).toMatchObject({ visitorId: VISITOR, pageviews: 1, browser: expect.stringMatching(/^Chrom/), privacyLevel: expect.any(String) });
      expect((await stores.meta.listPageviews(projectId, session!.id))[0]?.url).toBe(`${pages.url}/`);
      expect((await stores.meta.listChunks(projectId, session!.id))[0]).toMatchObject({ fullSnapshot: true });

      const plain = JSON.stringify(await storedBatches(stores, projectId));
      expect(plain).toContain(CANARY);
      const disk = await allBytes(dir);
      for (const secret of Object.values(SECRETS)) {
        expect(plain).not.toContain(secret);
        expect(disk.includes(Buffer.from(secret))).toBe(false);
      }
      // Encrypted at rest: not even the visible text is readable on disk.
      expect(disk.includes(Buffer.from(CANARY))).toBe(false);

      const pageviewIds = (await stores.meta.listPageviews(projectId, session!.id)).map((pageview: { id: string }) => pageview.id);
      await page.close();
      expect(await runCli(['visitor', 'delete', VISITOR, '--data', dir])).toMatchObject({ code: 0 });
      expect(await stores.meta.sessionsOfVisitor(null, VISITOR)).toEqual([]);
      expect(await stores.meta.getSession(projectId, session!.id)).toBeNull();
      expect(await stores.meta.getDataKey(projectId, session!.id)).toBeNull();
      // The blob folder holds nothing of them. (The SQLite file is checked once the store zeroes freed pages: see the report.)
      const after = await allBytes(join(dir, 'blobs'));
      for (const trace of [VISITOR, session!.id, ...pageviewIds]) expect(after.includes(Buffer.from(trace))).toBe(false);
    } finally {
      await stores.close();
    }
  });

  it('delivers every event exactly once when the server is killed mid-session and restarted', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${pages.url}/`);
    await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    const port = new URL(server.url).port;
    // Keep the page busy while the server dies and comes back.
    const typing = (async () => {
      for (let i = 0; i < 30; i += 1) {
        await page.type('#text', `x${i}`);
        await page.click('#buy');
        await page.waitForTimeout(50);
      }
    })();
    await page.waitForTimeout(400);
    await server.stop('SIGKILL');
    await page.waitForTimeout(700);
    server = await startCli(['--data', dir, '--port', port]);
    await typing;
    // stop(), not flush(): nothing captured after the count is read (rrweb's last pointer event comes up to 500 ms
    // after the last move) may reach the server on the page's unload and be counted twice over.
    await page.evaluate(() => (window as unknown as { Lowlight: { stop(): Promise<void> } }).Lowlight.stop());
    await until(async () => (await page.evaluate(() => (window as unknown as { Lowlight: { stats(): { queued: number } } }).Lowlight.stats().queued)) === 0);
    const count = await page.evaluate(() => (window as unknown as { __count: number }).__count);
    await context.close();

    const stores = await openStores({ data: dir });
    try {
      const numbers = (await storedBatches<Event>(stores, projectId)).flatMap((batch) => batch.events.map((event) => event.n)).filter((n) => n !== undefined);
      expect(numbers.length).toBe(count);
      expect(new Set(numbers).size).toBe(count);
      // Nothing half-written: every blob is indexed (a retry re-used any orphan's key).
      const sessions = await stores.meta.listSessions({ projectId, limit: 10 });
      for (const session of sessions) {
        const indexed = (await stores.meta.listChunks(projectId, session.id)).map((chunk: { blobKey: string }) => chunk.blobKey).sort();
        expect(await stores.blobs.list(`${projectId}/${session.id}/`)).toEqual(indexed);
      }
    } finally {
      await stores.close();
    }
  });
});
