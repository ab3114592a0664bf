import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunningExample } from '@lowlight/example-local-server';
import { expect } from 'vitest';
import { storedBatches, until } from '../../server/support/storedBatches';
import { launchChromium } from '../support/chromium';

export const examplesDir = resolve(import.meta.dirname, '../../../examples');

/**
 * Whether an example's production build (`npm run build:examples`) is there. The tests reuse it rather than
 * build again; without it they are skipped with a warning, except under CI, where they fail.
 */
export function built(example: string, file: string): boolean {
  if (existsSync(resolve(examplesDir, example, file))) return true;
  const message = `examples/${example} is not built: run "npm run build:examples" first.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n[lowlight tests] ${message} Its browser test is skipped.\n`);
  return false;
}

/** Text each example marks as masked, and what the test types into its form: neither may reach the server. */
export const MASKED_TEXT = 'Signed in as Ada Lovelace';
const TYPED_SECRET = 'typed-secret-Grace-7731';

type Pageview = { url: string; title: string; trigger: 'load' | 'navigation' };
type Event = { type: number; data: { tag?: string; payload?: Pageview } };

const pageviewsIn = (events: Event[]) =>
  events.filter((event) => event.data?.tag === 'lowlight/pageview').map((event) => event.data.payload!);

/**
 * Opens the example's orders page in Chromium, follows its link to the contact page, types into the form and sends
 * it, then checks what the example's Lowlight server stored: two pageviews (the load, then the client-side
 * navigation) with the right paths and titles, the masked line only as masked, and nothing typed.
 */
export async function recordsTwoRoutesMasked(app: RunningExample, titles: { orders: RegExp; contact: RegExp }): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const events = async () => (await storedBatches<Event>(app.stores, app.projectId)).flatMap((batch) => batch.events);
    await page.goto(app.appUrl);
    // The first batch holds the load pageview: recording runs, so the navigation below is recorded.
    await until(async () => pageviewsIn(await events()).length === 1);
    await page.getByRole('link', { name: 'Contact' }).click();
    await page.getByRole('heading', { name: 'Contact us' }).waitFor();
    await page.getByLabel('Name').pressSequentially(TYPED_SECRET);
    await page.getByLabel('Message').fill(`Call me, ${TYPED_SECRET}`);
    // Sending must not put what was typed in a URL (a plain <form> GETs /contact?name=…, which a pageview records).
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForLoadState('load');
    await page.close({ runBeforeUnload: true });
    await until(async () => JSON.stringify(await events()).includes('"source":5')); // rrweb's input events arrived

    const recorded = await events();
    const pageviews = pageviewsIn(recorded);
    expect(pageviews.map(({ url, trigger }) => [new URL(url).pathname, trigger])).toEqual([
      ['/', 'load'],
      ['/contact', 'navigation'],
    ]);
    expect(pageviews[0]!.title).toMatch(titles.orders);
    expect(pageviews[1]!.title).toMatch(titles.contact);
    const plain = JSON.stringify(recorded);
    expect(plain).toContain(MASKED_TEXT.replace(/\S/g, '*'));
    expect(plain).not.toContain('Ada');
    expect(plain).not.toContain('Lovelace');
    expect(plain).not.toContain('Grace'); // the typed value's letters: '7731' alone may be in a timestamp
  } finally {
    await browser.close();
  }
}
