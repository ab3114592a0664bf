/**
 * The script-tag build's entry: `@lowlight/core/dist/lowlight.iife.js` exposes these as
 * `window.Lowlight`. They are the same calls as `@lowlight/core`'s.
 */
export { addCustomEvent, consent, destroy, flush, identify, optIn, optOut, pause, resume, start, stats, stop } from './convenience';
