// Full-snapshot cost of a 10k-node page in Chromium, masking off vs the default level, in one run.
//   node bench/maskingCost.mjs [nodes] [runs]
// Both variants record with rrweb and serialize what would be sent; "default" also masks every
// event, as the recorder does (the egress guard runs only after plugins that change events, so it
// is measured on its own). Runs alternate in the same page; medians are reported.
import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { lowlightSource } from '../scripts/rollupHelpers.mjs';
import { benchPage } from './benchPage.mjs';

const nodes = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 15);
const root = resolve(import.meta.dirname, '..');

const bundle = await rollup({
  input: resolve(root, 'bench/bench.entry.ts'),
  plugins: [lowlightSource(), nodeResolve({ browser: true }), esbuild({ target: 'es2020', define: { __LL_SCRIPT_TAG__: 'true' } })],
  onwarn: () => {},
});
const { output } = await bundle.generate({ format: 'iife', name: 'Bench', inlineDynamicImports: true });

const browser = await chromium.launch({
  executablePath: process.env.LOWLIGHT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
await page.setContent(benchPage(nodes));
await page.addScriptTag({ content: output[0].code });

const result = await page.evaluate(({ runs }) => {
  const { record, createEventMasker } = window.Bench;
  let guardMs = 0;
  const once = (masked) => {
    const masker = createEventMasker();
    let bytes = 0;
    let lastJson = '';
    const start = performance.now();
    const stop = record({
      emit(event) {
        const kept = masked ? masker.maskEvent(event) : event;
        if (!kept) return;
        lastJson = JSON.stringify(kept);
        bytes += lastJson.length;
      },
      blockSelector: '[data-ll-block]',
      slimDOMOptions: { script: true, comment: true },
    });
    const elapsed = performance.now() - start;
    stop();
    if (masked) {
      const guardStart = performance.now();
      masker.guardJson(lastJson);
      guardMs = performance.now() - guardStart;
    }
    return { elapsed, bytes };
  };
  const off = [];
  const on = [];
  for (let i = 0; i < runs + 2; i++) {
    const a = once(false);
    const b = once(true);
    // The first two pairs warm the JIT up.
    if (i >= 2) {
      off.push(a.elapsed);
      on.push(b.elapsed);
    }
  }
  const median = (values) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
  return { off: median(off), on: median(on), bytesOff: once(false).bytes, bytesOn: once(true).bytes, guardMs };
}, { runs });

const domNodes = await page.evaluate(() => {
  let count = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) count++;
  return count;
});
await browser.close();

console.log(`page: ${domNodes} DOM nodes, ${runs} runs each, alternating, medians`);
console.log(`full snapshot, masking off:     ${result.off.toFixed(1)} ms  (${result.bytesOff} bytes of JSON)`);
console.log(`full snapshot, default level:   ${result.on.toFixed(1)} ms  (${result.bytesOn} bytes of JSON)`);
console.log(`masking cost: ${(result.on - result.off).toFixed(1)} ms, ratio ${(result.on / result.off).toFixed(3)}`);
console.log(`egress guard over the snapshot's JSON (runs only after plugins that change events): ${result.guardMs.toFixed(1)} ms`);
