// `npm run bench`: Lowlight's costs beside raw @rrweb/record, in real Chromium, in one run.
// Prints a table and writes bench/results/latest.json. See docs/benchmarks.md.
//
//   npm run bench                         every row, 11 samples per timing (about 6 minutes)
//   npm run bench -- --quick              every row, fewer samples, shorter simulated sessions
//   npm run bench -- --only=record,bytes  a subset: record, session, heap, node
//   npm run bench -- --samples=15         samples per variant for the timing rows
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './chromium.mjs';
import { bundleSizes, maskerThroughput } from './nodeCosts.mjs';
import { recordCost } from './recordCost.mjs';
import { heapAfterMinutes } from './retainedHeap.mjs';
import { buildPageScripts } from './scripts.mjs';
import { bytesSummary, sessionBytes } from './sessionBytes.mjs';
import { printTable } from './table.mjs';

const args = process.argv.slice(2);
const option = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const only = new Set((option('only') ?? 'record,session,heap,node').split(','));
const settings = quick
  ? { sizes: [1_000, 10_000], samples: 3, sessionMinutes: 1, heapMinutes: 5, maskRounds: 5 }
  : { sizes: [1_000, 10_000, 50_000], samples: 11, sessionMinutes: 5, heapMinutes: 30, maskRounds: 15 };
if (option('samples')) settings.samples = Number(option('samples'));

const root = resolve(import.meta.dirname, '..');
const resultsDir = join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

const started = Date.now();
const results = {
  date: new Date().toISOString(),
  settings: { quick, ...settings },
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadavg1m: loadavg()[0], node: process.version },
  versions: { '@rrweb/record': version('@rrweb/record'), 'playwright-core': version('playwright-core') },
};
const log = (message) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);

log('building the script tag and raw rrweb');
const scripts = await buildPageScripts();
const browser = await launch();
results.versions.chromium = browser.version();
try {
  if (only.has('record')) {
    log(`record cost: ${settings.sizes.join(', ')} nodes, ${settings.samples} samples per variant`);
    const { rows, snapshotBatches, rawSnapshotBytes } = await recordCost(browser, scripts, settings);
    results.record = rows;
    if (snapshotBatches) {
      results.pageBytes = { nodes: 10_000, ...bytesSummary(snapshotBatches), rawRrwebJson: rawSnapshotBytes };
      writeFileSync(join(resultsDir, 'page-batches.json'), JSON.stringify(snapshotBatches.map((b) => b.json)));
    }
  }
  if (only.has('session')) {
    log(`session bytes: ${settings.sessionMinutes} simulated minutes`);
    const { batchesJson, ...session } = await sessionBytes(browser, scripts, { minutes: settings.sessionMinutes });
    results.session = session;
    writeFileSync(join(resultsDir, 'session-batches.json'), JSON.stringify(batchesJson));
  }
  if (only.has('heap')) {
    log(`retained heap: ${settings.heapMinutes} simulated minutes`);
    results.heap = await heapAfterMinutes(browser, scripts, { minutes: settings.heapMinutes });
  }
} finally {
  await browser.close();
}
if (only.has('node')) {
  log('masker throughput and bundle sizes');
  results.masker = await maskerThroughput({ textNodes: 10_000, rounds: settings.maskRounds });
  results.sizes = bundleSizes(scripts);
}
results.durationS = Math.round((Date.now() - started) / 1000);
results.machine.loadavg1mAtEnd = loadavg()[0];
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
log(`wrote bench/results/latest.json in ${results.durationS}s`);
