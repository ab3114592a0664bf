import { readFileSync } from 'node:fs';
import { packageConfigs, scriptTagConfig } from './scripts/rollupHelpers.mjs';

const packages = ['mask', 'transport', 'core', 'vue'];

export default [
  ...packages.flatMap((name) => packageConfigs(name)),
  // The provider is a chunk of its own, opening with 'use client'; the entry stays a plain module (packages/react/src/index.tsx).
  ...packageConfigs('react', { internal: ['provider'] }),
  // The server: Node-only, its CLI behind `bin`, its SQL migrations read from dist at start.
  ...packageConfigs('server', { internal: ['cli'], assets: ['src/stores/migrations', 'src/viewer/assets'] }),
  // The script-tag files ship in @lowlight/core (CDNs serve them from the npm package), each with its `.sri` hash.
  await scriptTagConfig({
    input: 'packages/core/src/scriptTag.ts',
    file: 'packages/core/dist/lowlight.iife.js',
    name: 'Lowlight',
    loader: { input: 'packages/core/src/loader/snippet.js', file: 'lowlight-loader.js', src: cdnUrl },
  }),
  // The end-to-end encryption add-on: <script src="lowlight-encrypt.iife.js"> gives window.LowlightEncrypt.encryptTo.
  await scriptTagConfig({ input: 'packages/transport/src/encrypt.ts', file: 'packages/core/dist/lowlight-encrypt.iife.js', name: 'LowlightEncrypt' }),
].map((config) => ({ ...config, onwarn }));

/** The loader snippet's default script URL: this version of the file on jsDelivr, which serves npm packages. */
function cdnUrl(fileName) {
  const { version } = JSON.parse(readFileSync('packages/core/package.json', 'utf8'));
  return `https://cdn.jsdelivr.net/npm/@lowlight/core@${version}/dist/${fileName}`;
}

function onwarn(warning, warn) {
  // rrweb's bundle uses `this` at module level and eval-free dynamic code paths Rollup flags; everything else fails the build.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  throw new Error(`${warning.code}: ${warning.message}`);
}
