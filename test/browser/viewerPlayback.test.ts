import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBatch, hexId, type TestBatch } from '../server/support/batches';
import { logIn, startViewerServer } from '../server/support/viewer';
import { hasChromium, launchChromium } from './support/chromium';

const PAGEVIEWS = 12;
const CHUNKS_PER_PAGEVIEW = 3;
const EVENTS_PER_CHUNK = 60;
const STEP_MS = 20;
/** The player's look-ahead (LOOKAHEAD_CHUNKS in replay.js), read back from the page and checked against this. */
const LOOKAHEAD = 3;
const TOTAL_EVENTS = PAGEVIEWS * CHUNKS_PER_PAGEVIEW * EVENTS_PER_CHUNK;
/** At most one pageview's chunks (from its full snapshot) plus the look-ahead. */
const EVENT_CAP = (CHUNKS_PER_PAGEVIEW + LOOKAHEAD) * EVENTS_PER_CHUNK;

type Event = TestBatch['events'][number];
type ReplayFigures = { heldEvents: number; maxHeldEvents: number; currentTime: number; totalTime: number; lookaheadChunks: number };

/** A page whose only text (node 5) says which pageview it is; mutations then rewrite it step by step. */
const snapshot = (ts: number, label: string): Event[] => [
  { type: 4, timestamp: ts, data: { href: `https://shop.example/${label}`, width: 800, height: 600 } },
  {
    type: 2,
    timestamp: ts,
    data: {
      node: { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: 'html', attributes: {}, childNodes: [{ type: 2, id: 3, tagName: 'body', attributes: {}, childNodes: [{ type: 2, id: 4, tagName: 'p', attributes: { id: 'label' }, childNodes: [{ type: 3, id: 5, textContent: label }] }] }] }] },
      initialOffset: { top: 0, left: 0 },
    },
  },
  { type: 5, timestamp: ts, data: { tag: 'lowlight/pageview', payload: { url: `https://shop.example/${label}`, title: label, referrer: '', viewport: { width: 800, height: 600 }, browser: 'Chrome 150', os: 'Linux', trigger: 'load' } } },
];
/** Alternating text changes and mouse moves (a user interaction, so skip-inactivity sees activity). */
const step = (ts: number, text: string, n: number): Event =>
  n % 2 ? { type: 3, timestamp: ts, data: { source: 1, positions: [{ x: n % 300, y: 10, id: 4, timeOffset: 0 }] } } : { type: 3, timestamp: ts, data: { source: 0, texts: [{ id: 5, value: text }], attributes: [], removes: [], adds: [] } };

async function ingest(url: string, batches: TestBatch[]): Promise<void> {
  for (const batch of batches) {
    const { query, body } = encodeBatch(batch);
    const response = await fetch(`${url}?${query}`, { method: 'POST', body: new Uint8Array(body) });
    if (response.status !== 204) throw new Error(`ingest: ${response.status} ${await response.text()}`);
  }
}

/** A long session: PAGEVIEWS pageviews (each a full snapshot), each CHUNKS_PER_PAGEVIEW chunks of EVENTS_PER_CHUNK events. */
function longSession(start: number): { sid: string; batches: TestBatch[] } {
  const sid = hexId();
  const batches: TestBatch[] = [];
  let ts = start;
  for (let p = 0; p < PAGEVIEWS; p += 1) {
    const pid = hexId();
    for (let c = 0; c < CHUNKS_PER_PAGEVIEW; c += 1) {
      const events: Event[] = c === 0 ? snapshot(ts, `Page ${p}`) : [];
      while (events.length < EVENTS_PER_CHUNK) {
        ts += STEP_MS;
        events.push(step(ts, `Page ${p} step ${c}-${events.length}`, events.length));
      }
      batches.push({ sid, pid, seq: c, events });
    }
    ts += 100;
  }
  return { sid, batches };
}

/** One pageview that idles for two minutes between two bursts of activity. */
function idleSession(start: number): { sid: string; batches: TestBatch[] } {
  const sid = hexId();
  const pid = hexId();
  const later = start + 120_000;
  return {
    sid,
    batches: [
      { sid, pid, seq: 0, events: [...snapshot(start, 'Before the pause'), step(start + 50, 'Before the pause', 1)] },
      { sid, pid, seq: 1, events: [step(later, 'After the pause', 1), step(later + 10, 'After the pause', 0)] },
    ],
  };
}

const figures = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { lowlightReplay: ReplayFigures }).lowlightReplay }));
const label = async (page: Page) => (await (await (await page.locator('#player iframe').elementHandle())!.contentFrame())!.evaluate(() => document.getElementById('label')?.textContent ?? '')) as string;

describe.skipIf(!hasChromium)('replay playback in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startViewerServer>>;
  let long: { sid: string; batches: TestBatch[] };
  let idle: { sid: string; batches: TestBatch[] };
  let cookie: string;

  beforeAll(async () => {
    server = await startViewerServer({ server: { rateLimits: { perClient: { perSecond: 1000, burst: 1000 } } } });
    const start = Date.now() - 3_600_000;
    long = longSession(start);
    idle = idleSession(start + 600_000);
    await ingest(server.ingestUrl, [...long.batches, ...idle.batches]);
    ({ cookie } = await logIn(server.url));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A replay page in a context that carries the member's session cookie. */
  async function open(sid: string, query = ''): Promise<Page> {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'll_session', value: cookie.split('=')[1]!, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/sessions/${server.projectId}/${sid}${query}`);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  it('plays a long multi-chunk session to its end while holding only a bounded window of events, and seeks back', async () => {
    const page = await open(long.sid);
    expect((await figures(page)).lookaheadChunks).toBe(LOOKAHEAD);
    await page.waitForSelector('body[data-loaded="true"]');
    // The timeline knows every pageview, though no more than the window was ever held for playback.
    expect(await page.locator('#timeline .marker.pageview').count()).toBe(PAGEVIEWS);
    await page.selectOption('#speed', '8');
    await page.click('#play');
    let peak = 0;
    await expect
      .poll(async () => {
        const now = await figures(page);
        peak = Math.max(peak, now.heldEvents);
        return page.evaluate(() => document.body.dataset.playing);
      }, { timeout: 40_000, interval: 100 })
      .toBe('false');
    const end = await figures(page);
    expect(end.currentTime).toBeGreaterThanOrEqual(end.totalTime - 100);
    // The last event is a mouse move; the text change before it is the last one shown.
    expect(await label(page)).toBe(`Page ${PAGEVIEWS - 1} step ${CHUNKS_PER_PAGEVIEW - 1}-${EVENTS_PER_CHUNK - 2}`);
    expect(peak).toBeGreaterThan(0);
    expect(end.maxHeldEvents).toBeLessThanOrEqual(EVENT_CAP);
    expect(end.maxHeldEvents).toBeLessThan(TOTAL_EVENTS / 4);

    // Back to the third pageview from the list of pages: its chunks are fetched again, the window stays bounded.
    await page.locator('#pages li button').nth(2).click();
    await expect.poll(() => label(page)).toMatch(/^Page 2\b/);
    const back = await figures(page);
    expect(back.heldEvents).toBeLessThanOrEqual(EVENT_CAP);
    expect(back.maxHeldEvents).toBeLessThanOrEqual(EVENT_CAP);
    await page.context().close();
  });

  it('opens a ?t= link at that moment, and plays about 8 times faster at 8x than at 1x', async () => {
    const page = await open(long.sid, '?t=20');
    const at = await figures(page);
    expect(at.currentTime).toBeGreaterThanOrEqual(20_000);
    expect(at.currentTime).toBeLessThan(20_500);
    // 20 s in is the sixth pageview: each lasts about 177 steps of STEP_MS, plus 100 ms between them.
    expect(await label(page)).toMatch(/^Page 5 step/);
    // The share button links to the moment shown.
    await page.click('#share');
    expect(new URL(page.url()).search).toBe('?t=20');

    const rate = async (speed: string) => {
      await page.selectOption('#speed', speed);
      const before = (await figures(page)).currentTime;
      await page.click('#play');
      await page.waitForTimeout(1000);
      await page.click('#play');
      return (await figures(page)).currentTime - before;
    };
    await page.uncheck('#skip');
    const slow = await rate('1');
    const fast = await rate('8');
    expect(slow).toBeGreaterThan(500);
    expect(slow).toBeLessThan(1600);
    expect(fast).toBeGreaterThan(4 * slow);
    await page.context().close();
  });

  it('skips two idle minutes when skip-inactivity is on, still seeks, and plays them in real time when it is off', async () => {
    const page = await open(idle.sid);
    expect((await figures(page)).totalTime).toBeGreaterThanOrEqual(120_000);
    expect(await page.isChecked('#skip')).toBe(true);
    await page.click('#play');
    // At 1x the pause would take two minutes; skipping crosses it in seconds.
    await expect.poll(() => label(page), { timeout: 15_000 }).toBe('After the pause');
    // The last event is 10 ms later: once rrweb reports the end, the player stops (on a loaded machine, a moment later).
    await expect.poll(() => page.evaluate(() => document.body.dataset.playing)).toBe('false');

    // Seeking into the middle of the idle stretch still lands there.
    await page.evaluate(() => {
      const timeline = document.getElementById('timeline')!;
      const box = timeline.getBoundingClientRect();
      timeline.dispatchEvent(new MouseEvent('click', { clientX: box.left + box.width / 2, clientY: box.top + 2, bubbles: true }));
    });
    await expect.poll(async () => (await figures(page)).currentTime).toBeGreaterThan(55_000);
    expect((await figures(page)).currentTime).toBeLessThan(70_000);
    expect(await label(page)).toBe('Before the pause');

    expect(await page.evaluate(() => document.body.dataset.playing)).toBe('false');
    await page.uncheck('#skip');
    const before = (await figures(page)).currentTime;
    await page.click('#play');
    await page.waitForTimeout(1500);
    expect((await figures(page)).currentTime - before).toBeLessThan(3000);
    expect(await label(page)).toBe('Before the pause');
    await page.context().close();
  });
});
