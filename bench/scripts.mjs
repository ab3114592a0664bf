// The scripts the browser benchmarks load into a page, built in memory (no `npm run build` needed):
// - Lowlight: the script-tag build exactly as `@lowlight/core/dist/lowlight.iife.js` ships (trimmed rrweb, terser), `window.Lowlight`;
// - Raw: @rrweb/record as published, `window.Raw.record`.
import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { scriptTagConfig } from '../scripts/rollupHelpers.mjs';

const root = resolve(import.meta.dirname, '..');

async function generate(config, output) {
  const bundle = await rollup({ ...config, onwarn: () => {} });
  const { output: chunks } = await bundle.generate(output);
  await bundle.close();
  return chunks[0].code;
}

/** `{ lowlight, raw }`: the source of each script. */
export async function buildPageScripts() {
  const config = await scriptTagConfig({ input: 'packages/core/src/scriptTag.ts', file: 'packages/core/dist/lowlight.iife.js', name: 'Lowlight' });
  const lowlight = await generate(config, config.output);
  const raw = await generate(
    { input: resolve(root, 'bench/raw.entry.ts'), plugins: [nodeResolve({ browser: true }), esbuild({ target: 'es2020' })] },
    { format: 'iife', name: 'Raw', inlineDynamicImports: true },
  );
  return { lowlight, raw };
}
