// Rows 1–3: main-thread time to start recording generated pages (first snapshot, masking, batching,
// compression, the first send) and to record a burst of 1,000 mutations, Lowlight's script tag with its
// defaults against raw @rrweb/record; and the longest main-thread task while recording.
// Main-thread time is Chromium's own TaskDuration counter (all main-thread tasks, GC included; the
// compression worker's thread is not the page's), read before and after. Variants alternate.
import { benchPage } from './benchPage.mjs';
import { ENDPOINT, mainThreadMs, median, openPage } from './chromium.mjs';

/** In the page: starts a recorder; raw rrweb serializes each event, the least any recorder does with it. */
async function startRecorder({ variant, endpoint }) {
  if (variant === 'raw') {
    window.rawBytes = 0;
    window.stopRaw = window.Raw.record({ emit: (event) => void (window.rawBytes += JSON.stringify(event).length) });
  } else if (variant === 'lowlight') {
    await window.Lowlight.start({ endpoint });
    await window.Lowlight.flush();
  }
}

/** In the page: 1,000 mutations in one task, 250 each of adds, removes, text changes and attribute changes. */
async function mutationBurst(variant) {
  let seed = 7;
  const random = (n) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const paragraphs = [...document.querySelectorAll('p')];
  const lists = [...document.querySelectorAll('ul')];
  const items = [...document.querySelectorAll('li')];
  for (let i = 0; i < 250; i++) {
    const item = document.createElement('li');
    item.className = `added c${i % 60}`;
    item.textContent = `added item ${i} with some words`;
    lists[random(lists.length)].appendChild(item);
    paragraphs.splice(random(paragraphs.length), 1)[0]?.remove();
    const target = paragraphs[random(paragraphs.length)];
    if (target?.firstChild) target.firstChild.data = `changed text ${i} lorem ipsum`;
    items[random(items.length)].setAttribute('style', `padding:${i % 9}px`);
  }
  // rrweb's MutationObserver callback runs as a microtask of this task; Lowlight then batches and sends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (variant === 'lowlight') await window.Lowlight.flush();
}

/**
 * How long a freshly loaded page is left alone before the recorder starts. Chromium does its own work on a page
 * that just loaded: about 1 s after load it syncs the page's history state (15–30 ms on the 10k page, whose forms'
 * states it serializes) and about 2.5 s after load V8 collects the page's load garbage; and until then the page's
 * main thread shares the CPU with the browser finishing the load. Started at once, each sample caught some of that
 * work at random (a longer start, Lowlight's with its send, more often) and the same code's medians moved by
 * 10–30 % between runs; started on a settled page, a sample holds only what recording costs.
 */
const SETTLE_MS = 3000;

async function preparedPage(browser, scripts, html, variant) {
  const opened = await openPage(browser, html);
  if (variant !== 'none') await opened.page.addScriptTag({ content: scripts[variant] });
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  return opened;
}

/** Main-thread ms to start recording a page of `nodes` nodes, and (`burst`) to record the mutation burst. */
async function sampleOnce(browser, scripts, html, variant, burst) {
  const opened = await preparedPage(browser, scripts, html, variant);
  const { page, cdp, collector } = opened;
  const before = await mainThreadMs(cdp);
  await page.evaluate(startRecorder, { variant, endpoint: ENDPOINT });
  const started = await mainThreadMs(cdp);
  const startBatches = [...collector.batches];
  let burstMs;
  if (burst) {
    await page.evaluate(mutationBurst, variant);
    burstMs = (await mainThreadMs(cdp)) - started;
  }
  const rawBytes = variant === 'raw' ? await page.evaluate(() => window.rawBytes) : undefined;
  await opened.close();
  return { startMs: started - before, burstMs, startBatches, rawBytes };
}

/** The longest main-thread task (ms) from starting the recorder through the burst, from a Chromium trace. */
async function longestTask(browser, scripts, html, variant) {
  const { page, close } = await preparedPage(browser, scripts, html, variant);
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline'] });
  await page.evaluate(startRecorder, { variant, endpoint: ENDPOINT });
  await page.evaluate(mutationBurst, variant);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  await close();
  const events = trace.traceEvents ?? trace;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.dur && mainThreads.has(`${e.pid}:${e.tid}`));
  return Math.max(...tasks.map((e) => e.dur)) / 1000;
}

export async function recordCost(browser, scripts, { sizes, samples, burstSize = 10_000 }) {
  const rows = [];
  let snapshotBatches;
  let rawSnapshotBytes;
  for (const nodes of sizes) {
    const html = benchPage(nodes);
    const burst = nodes === burstSize;
    const variants = burst ? ['raw', 'lowlight', 'none'] : ['raw', 'lowlight'];
    const times = Object.fromEntries(variants.map((v) => [v, { start: [], burst: [] }]));
    for (let i = 0; i < samples; i++) {
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(i + k) % variants.length];
        const result = await sampleOnce(browser, scripts, html, variant, burst);
        times[variant].start.push(result.startMs);
        if (burst) times[variant].burst.push(result.burstMs);
        if (burst && variant === 'lowlight') snapshotBatches = result.startBatches;
        if (burst && variant === 'raw') rawSnapshotBytes = result.rawBytes;
      }
    }
    const longest = {};
    for (const variant of ['raw', 'lowlight']) {
      const runs = [];
      for (let i = 0; i < Math.min(3, samples); i++) runs.push(await longestTask(browser, scripts, html, variant));
      longest[variant] = median(runs);
    }
    const row = {
      nodes,
      samples,
      startMs: { raw: median(times.raw.start), lowlight: median(times.lowlight.start) },
      longestTaskMs: longest,
    };
    row.startRatio = row.startMs.lowlight / row.startMs.raw;
    if (burst) {
      const none = median(times.none.burst);
      row.burst = {
        mutations: 1000,
        totalMs: { none, raw: median(times.raw.burst), lowlight: median(times.lowlight.burst) },
        recorderMs: { raw: median(times.raw.burst) - none, lowlight: median(times.lowlight.burst) - none },
      };
      row.burst.ratio = row.burst.totalMs.lowlight / row.burst.totalMs.raw;
    }
    rows.push(row);
  }
  return { rows, snapshotBatches, rawSnapshotBytes };
}
