// Where the script-tag build's bytes come from: each bundled module, minified and gzipped on its own.
// Modules compress better together and top-level names stay unmangled here, so the columns sum to more
// than `npm run size`: use them to rank modules, and the last line for the real total.
// Usage: node scripts/sizeBreakdown.mjs [entry] (default packages/core/src/scriptTag.ts)
import { relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';
import { scriptTagConfig } from './rollupHelpers.mjs';

const root = resolve(import.meta.dirname, '..');
const input = process.argv[2] ?? 'packages/core/src/scriptTag.ts';
const config = await scriptTagConfig({ input, file: '.tmp/size-breakdown.js', name: 'Lowlight' });
const bundle = await rollup({ ...config, onwarn: () => {} });
const { output } = await bundle.generate(config.output);

const rows = [];
for (const [id, { code }] of Object.entries(output[0].modules)) {
  const min = code ? (await minify(code, { ecma: 2020, compress: { passes: 2 } })).code : '';
  rows.push({ id: relative(root, id).replace(/^node_modules\//, ''), min: min.length, gzip: min ? gzipSync(min, { level: 9 }).length : 0 });
}
rows.sort((a, b) => b.gzip - a.gzip);
console.log(' min B  gzip B  module');
for (const { id, min, gzip } of rows) console.log(`${String(min).padStart(6)}  ${String(gzip).padStart(6)}  ${id}`);
console.log(`whole bundle: ${gzipSync(output[0].code, { level: 9 }).length} B min+gzip`);
