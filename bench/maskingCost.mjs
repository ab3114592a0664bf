// Full-snapshot cost of a 10k-node page in Chromium:
//   node bench/maskingCost.mjs [nodes] [samples]
// Three variants, each recording one full snapshot and serializing what would be sent:
// - raw rrweb:        @rrweb/record as published, no masking (the brief's baseline);
// - masking off:      rrweb as the script-tag build ships it (trimmed), no masking;
// - lowlight:         the same rrweb, every event masked at the default level, as the recorder does.
// (The egress guard runs only after plugins that change events, so it is timed on its own.)
// "masking off" vs "lowlight" is masking's cost; "raw rrweb" vs "lowlight" is the budget ratio.
// Reported cold (the first snapshot of a freshly loaded page: what a visitor's page pays) and warm
// (repeated snapshots in one page, once the JIT has optimized). Variants rotate; medians.
import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { lowlightSource } from '../scripts/rollupHelpers.mjs';
import { trimRrweb } from '../scripts/trimRrweb.mjs';
import { benchPage } from './benchPage.mjs';

const nodes = Number(process.argv[2] ?? 10_000);
const samples = Number(process.argv[3] ?? 15);
const root = resolve(import.meta.dirname, '..');

async function iife(entry, name, plugins) {
  const bundle = await rollup({
    input: resolve(root, entry),
    plugins: [...plugins, lowlightSource(), nodeResolve({ browser: true }), esbuild({ target: 'es2020', define: { __LL_SCRIPT_TAG__: 'true' } })],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'iife', name, inlineDynamicImports: true });
  return output[0].code;
}
const scripts = [await iife('bench/raw.entry.ts', 'Raw', []), await iife('bench/bench.entry.ts', 'Bench', [trimRrweb()])];
const html = benchPage(nodes);

const browser = await chromium.launch({
  executablePath: process.env.LOWLIGHT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** Records one full snapshot with a variant; returns ms, JSON bytes and, for lowlight, the guard's ms. */
function snapshotOnce(variant) {
  const record = variant === 'raw' ? window.Raw.record : window.Bench.record;
  const masker = variant === 'lowlight' ? window.Bench.createEventMasker() : undefined;
  let bytes = 0;
  let json = '';
  let maskMs = 0;
  let stringifyMs = 0;
  const start = performance.now();
  const stop = record({
    emit(event) {
      const maskStart = performance.now();
      const kept = masker ? masker.maskEvent(event) : event;
      const stringifyStart = performance.now();
      maskMs += stringifyStart - maskStart;
      if (!kept) return;
      json = JSON.stringify(kept);
      stringifyMs += performance.now() - stringifyStart;
      bytes += json.length;
    },
    blockSelector: '[data-ll-block]',
    slimDOMOptions: 'all',
  });
  const ms = performance.now() - start;
  stop();
  const guardStart = performance.now();
  masker?.guardJson(json);
  return { ms, bytes, maskMs, stringifyMs, guardMs: performance.now() - guardStart };
}

async function freshPage() {
  const page = await browser.newPage();
  await page.setContent(html);
  for (const content of scripts) await page.addScriptTag({ content });
  await page.evaluate(`window.snapshotOnce = ${snapshotOnce.toString()}`);
  return page;
}

const VARIANTS = ['raw', 'off', 'lowlight'];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cold = { raw: [], off: [], lowlight: [], mask: [] };
for (let i = 0; i < samples; i++) {
  for (let k = 0; k < VARIANTS.length; k++) {
    const variant = VARIANTS[(i + k) % VARIANTS.length];
    const page = await freshPage();
    const { ms, maskMs } = await page.evaluate((v) => window.snapshotOnce(v), variant);
    cold[variant].push(ms);
    if (variant === 'lowlight') cold.mask.push(maskMs);
    await page.close();
  }
}

const page = await freshPage();
const warm = await page.evaluate(
  ({ count, variants }) => {
    const result = { raw: [], off: [], lowlight: [], guard: [], mask: [], stringify: { raw: [], off: [], lowlight: [] }, bytes: {} };
    for (let i = 0; i < count + 2; i++) {
      for (const variant of variants) {
        const { ms, bytes, guardMs, maskMs, stringifyMs } = window.snapshotOnce(variant);
        // The first two rounds warm the JIT up.
        if (i < 2) continue;
        result[variant].push(ms);
        result.stringify[variant].push(stringifyMs);
        result.bytes[variant] = bytes;
        if (variant === 'lowlight') {
          result.guard.push(guardMs);
          result.mask.push(maskMs);
        }
      }
    }
    return result;
  },
  { count: samples, variants: VARIANTS },
);
const domNodes = await page.evaluate(() => {
  let count = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) count++;
  return count;
});
await browser.close();

const ratio = (a, b) => (median(a) / median(b)).toFixed(3);
const row = (label, times) =>
  `${label}  raw rrweb ${median(times.raw).toFixed(1)} ms | masking off ${median(times.off).toFixed(1)} ms | ` +
  `lowlight ${median(times.lowlight).toFixed(1)} ms | masking cost ${(median(times.lowlight) - median(times.off)).toFixed(1)} ms ` +
  `(x${ratio(times.lowlight, times.off)}) | lowlight vs raw rrweb x${ratio(times.lowlight, times.raw)}`;
console.log(`page: ${domNodes} DOM nodes; ${samples} samples per variant, rotating; medians`);
console.log(row('cold (first snapshot of a fresh page):', cold));
console.log(row('warm (repeated snapshots):            ', warm));
console.log(`maskEvent itself: cold ${median(cold.mask).toFixed(1)} ms, warm ${median(warm.mask).toFixed(1)} ms; ` +
  `JSON.stringify warm: raw ${median(warm.stringify.raw).toFixed(1)} ms, masked ${median(warm.stringify.lowlight).toFixed(1)} ms`);
console.log(`snapshot JSON: ${warm.bytes.raw} bytes raw rrweb, ${warm.bytes.lowlight} bytes masked`);
console.log(`egress guard over the snapshot's JSON (runs only after plugins that change events): ${median(warm.guard).toFixed(1)} ms`);
