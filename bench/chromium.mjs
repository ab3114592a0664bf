// One Chromium for the browser benchmarks, and pages on a routed https origin (a secure context with
// sessionStorage and IndexedDB, as on a real site) whose collector the benchmark controls.
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { importSource } from './importSource.mjs';

const { batchEvents } = await importSource('transport/src/wire.ts');

export const ORIGIN = 'https://bench.lowlight.test';
export const ENDPOINT = `${ORIGIN}/collect`;

export function launch() {
  return chromium.launch({
    executablePath: process.env.LOWLIGHT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A fresh context and page serving `html` at ORIGIN/, with a collector at ENDPOINT that answers
 * `collector.status` (204 by default; 503 simulates a collector that is down). Every batch it
 * receives is kept in `collector.batches` as `{ enc, wire, json, sent }`: bytes on the wire, the batch's events
 * as rrweb's own JSON (what the wire leaves out put back, no envelope), and the bytes of JSON as sent.
 */
export async function openPage(browser, html, { clock } = {}) {
  const context = await browser.newContext();
  const collector = { status: 204, batches: [], attempts: 0 };
  await context.route(`${ORIGIN}/**`, async (route) => {
    const request = route.request();
    if (!request.url().startsWith(ENDPOINT)) return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    collector.attempts++;
    if (collector.status < 300) {
      const body = request.postDataBuffer() ?? Buffer.alloc(0);
      const enc = new URL(request.url()).searchParams.get('enc');
      const sent = enc === 'gzip' ? gunzipSync(body) : body;
      // The denominator is rrweb's own event JSON: what the SDK left out on the wire (node ids, timestamps) goes back in.
      const events = batchEvents(JSON.parse(sent.toString('utf8')));
      collector.batches.push({ enc, wire: body.length, json: JSON.stringify(events), sent: sent.length });
    }
    return route.fulfill({ status: collector.status, body: '' });
  });
  const page = await context.newPage();
  if (clock) await page.clock.install({ time: clock });
  await page.goto(`${ORIGIN}/`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, context, cdp, collector, close: () => context.close() };
}

/** Seconds of main-thread task time the page has used so far (Chromium's own counter). */
export async function mainThreadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration').value * 1000;
}

/** JS heap in use on the page's main thread after two full garbage collections, in bytes. */
export async function retainedHeap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

export const median = (values) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
