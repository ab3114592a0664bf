// Bundle sizes, min+gzip (zlib level 9), against the budgets in the README.
// `npm run size` prints them; test/package/size.test.ts enforces them.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');

/** The script-tag build must stay under this many bytes min+gzip. */
export const SCRIPT_TAG_BUDGET = 28_000;

export function gzipSize(path) {
  const code = readFileSync(path);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export function scriptTagSize() {
  return gzipSize(join(root, 'dist/lowlight.iife.js'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { min, gzip } = scriptTagSize();
  console.log(`dist/lowlight.iife.js  ${min} B min  ${gzip} B min+gzip  (budget ${SCRIPT_TAG_BUDGET} B, ${SCRIPT_TAG_BUDGET - gzip} B left)`);
  if (gzip > SCRIPT_TAG_BUDGET) {
    console.error('over budget');
    process.exit(1);
  }
}
