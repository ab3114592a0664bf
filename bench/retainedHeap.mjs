// Row 5: retained JS heap of the page after simulated minutes of mutations and pointer moves (fake
// clock), with no recorder, raw rrweb (events serialized and dropped: a sink that never holds them),
// Lowlight with its collector up, and Lowlight with the collector down (503), so batches pile up in
// its offline queue until its byte cap drops the oldest. The default cap (5 MiB) takes hours of this page
// to fill, so that run sets `maxQueueBytes` to DOWN_QUEUE_BYTES: the heap must then level off.
import { benchPage } from './benchPage.mjs';
import { ENDPOINT, openPage, retainedHeap } from './chromium.mjs';

const DOWN_QUEUE_BYTES = 256 * 1024;

/** In the page: every 100 ms a mutation (text, attribute, or an item added and the oldest removed) and a pointer move. */
function installActivity() {
  let tick = 0;
  const paragraphs = [...document.querySelectorAll('p')];
  const list = document.querySelector('ul');
  setInterval(() => {
    tick++;
    const paragraph = paragraphs[tick % paragraphs.length];
    if (tick % 3 === 0) paragraph.firstChild.data = `text ${tick} lorem ipsum dolor sit amet`;
    else if (tick % 3 === 1) paragraph.setAttribute('class', `c${tick % 60}`);
    else {
      const item = document.createElement('li');
      item.textContent = `item ${tick}`;
      list.appendChild(item);
      if (list.children.length > 30) list.firstElementChild.remove();
    }
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: tick % 800, clientY: (tick * 7) % 600, bubbles: true }));
  }, 100);
}

async function runVariant(browser, scripts, variant, minutes, collectorDown) {
  const opened = await openPage(browser, benchPage(1_000), { clock: new Date('2026-01-05T09:00:00Z') });
  const { page, cdp, collector } = opened;
  if (collectorDown) collector.status = 503;
  if (variant !== 'none') await page.addScriptTag({ content: scripts[variant] });
  if (variant === 'raw') {
    await page.evaluate(() => window.Raw.record({ emit: (event) => void JSON.stringify(event) }));
  } else if (variant === 'lowlight') {
    const options = collectorDown ? { endpoint: ENDPOINT, maxQueueBytes: DOWN_QUEUE_BYTES } : { endpoint: ENDPOINT };
    await page.evaluate((start) => window.Lowlight.start(start), options);
  }
  await page.evaluate(installActivity);
  const atMinute = {};
  for (let second = 10; second <= minutes * 60; second += 10) {
    await page.clock.runFor(10_000);
    // Lets the collector's answers arrive; they take real time, not simulated time.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (second % (10 * 60) === 0 || second === minutes * 60) atMinute[second / 60] = await retainedHeap(cdp);
  }
  const stats = variant === 'lowlight' ? await page.evaluate(() => window.Lowlight.stats()) : undefined;
  const heap = await retainedHeap(cdp);
  await opened.close();
  return { heap, atMinute, stats, attempts: collector.attempts };
}

export async function heapAfterMinutes(browser, scripts, { minutes }) {
  const none = await runVariant(browser, scripts, 'none', minutes, false);
  const raw = await runVariant(browser, scripts, 'raw', minutes, false);
  const lowlight = await runVariant(browser, scripts, 'lowlight', minutes, false);
  const down = await runVariant(browser, scripts, 'lowlight', minutes, true);
  return {
    minutes,
    heap: { none: none.heap, raw: raw.heap, lowlight: lowlight.heap, lowlightCollectorDown: down.heap },
    overNoRecorder: { raw: raw.heap - none.heap, lowlight: lowlight.heap - none.heap, lowlightCollectorDown: down.heap - none.heap },
    ratio: lowlight.heap / raw.heap,
    recorderRatio: (lowlight.heap - none.heap) / (raw.heap - none.heap),
    atMinute: { raw: raw.atMinute, lowlight: lowlight.atMinute, lowlightCollectorDown: down.atMinute },
    stats: { lowlight: lowlight.stats, lowlightCollectorDown: down.stats },
    collectorDownQueueBytes: DOWN_QUEUE_BYTES,
  };
}
