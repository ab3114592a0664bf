// Row 4: bytes on the wire per minute of a scripted 5-minute session (navigation, typing, scrolling,
// pointer moves, clicks, a growing list), on Playwright's fake clock so it runs in seconds: rrweb's
// throttles, Lowlight's flush timer and every timestamp follow simulated time.
import { compressedSizes } from './compressors.mjs';
import { ENDPOINT, openPage } from './chromium.mjs';
import { sessionPage } from './sessionPage.mjs';

const STEP_MS = 250;

/** Drives the page through `minutes` simulated minutes; the same script for every variant. */
async function drive(page, minutes) {
  const steps = (minutes * 60_000) / STEP_MS;
  for (let step = 0; step < steps; step++) {
    const second = (step * STEP_MS) / 1000;
    const phase = second % 100;
    await page.mouse.move(100 + ((step * 37) % 600), 100 + ((step * 53) % 400));
    if (phase >= 10 && phase < 25) await page.keyboard.type(String.fromCharCode(97 + (step % 26)));
    if (phase === 10) await page.click(step % 2 ? 'input[name=name]' : 'textarea');
    if (phase >= 40 && phase < 60) await page.mouse.wheel(0, 120);
    if (step % 8 === 0) await page.evaluate((n) => window.app.addItem(n), step / 8);
    if (phase === 70) await page.click('#send');
    if (phase === 90) await page.evaluate((n) => window.app.navigate(n), second);
    await page.clock.runFor(STEP_MS);
  }
}

async function runVariant(browser, scripts, variant, minutes) {
  const opened = await openPage(browser, sessionPage(), { clock: new Date('2026-01-05T09:00:00Z') });
  const { page, collector } = opened;
  await page.addScriptTag({ content: scripts[variant] });
  if (variant === 'raw') {
    await page.evaluate(() => {
      window.rawEvents = [];
      window.Raw.record({ emit: (event) => window.rawEvents.push(JSON.stringify(event)) });
    });
  } else {
    await page.evaluate((endpoint) => window.Lowlight.start({ endpoint }), ENDPOINT);
  }
  await drive(page, minutes);
  const rawEvents = variant === 'raw' ? await page.evaluate(() => window.rawEvents) : undefined;
  if (variant === 'lowlight') await page.evaluate(() => window.Lowlight.flush());
  await opened.close();
  return { batches: collector.batches, rawEvents };
}

/** Wire bytes of Lowlight's batches against their JSON, raw rrweb's JSON, and general-purpose compressors. */
export function bytesSummary(batches, minutes) {
  const wire = batches.reduce((total, batch) => total + batch.wire, 0);
  const texts = batches.map((batch) => batch.json);
  const perBatch = compressedSizes(texts);
  const oneStream = compressedSizes([texts.join('\n')]);
  return {
    batches: batches.length,
    wire,
    json: perBatch.json,
    sentJson: batches.reduce((total, batch) => total + batch.sent, 0),
    ratio: wire / perBatch.json,
    wirePerMinute: minutes ? wire / minutes : undefined,
    perBatch,
    oneStream,
  };
}

export async function sessionBytes(browser, scripts, { minutes }) {
  const lowlight = await runVariant(browser, scripts, 'lowlight', minutes);
  const raw = await runVariant(browser, scripts, 'raw', minutes);
  const rawJson = raw.rawEvents.reduce((total, json) => total + Buffer.byteLength(json) + 1, 0);
  const summary = bytesSummary(lowlight.batches, minutes);
  return { minutes, ...summary, rawRrwebJson: rawJson, rawRrwebEvents: raw.rawEvents.length, wireVsRawRrweb: summary.wire / rawJson, batchesJson: lowlight.batches.map((b) => b.json) };
}
