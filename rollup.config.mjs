import { packageConfigs, scriptTagConfig } from './scripts/rollupHelpers.mjs';

const packages = ['mask', 'transport', 'core', 'react', 'vue'];

export default [
  ...packages.flatMap((name) => packageConfigs(name)),
  // The server: Node-only, its CLI behind `bin`, its SQL migrations read from dist at start.
  ...packageConfigs('server', { internal: ['cli'], assets: ['src/stores/migrations', 'src/viewer/assets'] }),
  await scriptTagConfig({ input: 'packages/core/src/scriptTag.ts', file: 'dist/lowlight.iife.js', name: 'Lowlight' }),
  // The end-to-end encryption add-on: <script src="lowlight-encrypt.iife.js"> gives window.LowlightEncrypt.encryptTo.
  await scriptTagConfig({ input: 'packages/transport/src/encrypt.ts', file: 'dist/lowlight-encrypt.iife.js', name: 'LowlightEncrypt' }),
].map((config) => ({ ...config, onwarn }));

function onwarn(warning, warn) {
  // rrweb's bundle uses `this` at module level and eval-free dynamic code paths Rollup flags; everything else fails the build.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  throw new Error(`${warning.code}: ${warning.message}`);
}
