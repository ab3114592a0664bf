// Bundle sizes against per-entry budgets: min+gzip (zlib level 9), except the loader snippet, which a page
// pastes inline and so is counted minified. `npm run size` prints the table; test/package/size.test.ts enforces it.
// Each budget sits a little above the size measured when it was set, so growth is a conscious change here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const coreDist = join(root, 'packages/core/dist');

/** The script-tag build must stay under this many bytes min+gzip. */
const SCRIPT_TAG_BUDGET = 28_000;

export function gzipSize(code) {
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** An app's bundle of `source` as esbuild makes it for a browser, minified; `external` stays out of it. */
async function bundled(source, external = []) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    external,
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

const file = (name) => () => readFileSync(join(coreDist, name));

/** What each entry costs, how it is measured, and its budget. */
export const ENTRIES = [
  { name: '@lowlight/core/dist/lowlight.iife.js', measure: 'gzip', budget: SCRIPT_TAG_BUDGET, code: file('lowlight.iife.js') },
  { name: '@lowlight/core/dist/lowlight-encrypt.iife.js', measure: 'gzip', budget: 1_000, code: file('lowlight-encrypt.iife.js') },
  { name: '@lowlight/core/dist/lowlight-loader.js (inline)', measure: 'min', budget: 650, code: file('lowlight-loader.js') },
  {
    name: 'app: @lowlight/core + @lowlight/transport/fetch',
    measure: 'gzip',
    // A regression guard, not a target. Raised from 43,000 for the offline queue's empty marker and first-visit
    // database listing (127 B, docs/benchmarks.md), then for the detectors reading values however they are written
    // (no-break spaces, dashes, invisible characters, other scripts' digits: ~400 B, packages/mask/src/foldText.ts),
    // then for IBANs on by default (~340 B), then for secrets after a label, `<output>` masked as a field and typed
    // values masked where the page shows them back (~270 B; the script tag paid for them with rrweb trims instead),
    // then for `flush()` waiting until its batches are stored and typed values read in any case and spacing (~115 B),
    // then for a secret's value in the block after its label (~210 B), then for codes before their label and the
    // label patterns' linear-time bounds (~130 B), then for labels in other languages and scripts, keys and tokens
    // after theirs, and ids printed in digit groups (~280 B), then for values a later mutation writes after their label,
    // read from the live page (~140 B), then for URLs decoded as often as they were encoded (~20 B), then for
    // addresses still being written in mutations and tokens in URL paths (~230 B), then for batches POSTed from the
    // compression worker, off the page's main thread (~85 B, packages/transport/src/pageWorker.ts), then for labels in
    // compounds and more languages, and a word between a label and its value (~180 B), then for private keys in PEM
    // armour, unquoted secrets assigned with spaces, and number and birth-date labels in more languages (~140 B), then
    // for labels joined by hyphens, any word after a label, and values after a label with only spaces or a dash (~80 B),
    // then for identifier labels (`ID`, `#`, `No.`, account, licence, username), card codes after spaces and emails
    // with an address literal for a domain (~100 B), then for values under a label heading their table column (~130 B),
    // then for the people an id is for as labels and the label patterns spelled in both cases (~115 B), then for email
    // addresses read as any run of characters but whitespace and punctuation, combining marks included (~55 B).
    budget: 46_900,
    code: () =>
      bundled(`import { createRecorder } from '@lowlight/core';
        import { fetchTransport } from '@lowlight/transport/fetch';
        createRecorder({ transport: fetchTransport({ endpoint: '/collect' }) }).start();`),
  },
  // The adapters on their own: React/Vue and the core they wrap are the app's anyway.
  { name: '@lowlight/react (react, @lowlight/core external)', measure: 'gzip', budget: 950, code: () => bundled(`export * from '@lowlight/react';`, ['react', '@lowlight/core']) },
  { name: '@lowlight/vue (vue, @lowlight/core external)', measure: 'gzip', budget: 900, code: () => bundled(`export * from '@lowlight/vue';`, ['vue', '@lowlight/core']) },
];

/** Every entry's size, in the unit its budget counts. */
export async function measureAll() {
  return Promise.all(
    ENTRIES.map(async ({ name, measure, budget, code }) => {
      const { min, gzip } = gzipSize(await code());
      return { name, measure, budget, min, gzip, size: measure === 'min' ? min : gzip };
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureAll();
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`${'entry'.padEnd(width)}  ${'min B'.padStart(7)}  ${'gzip B'.padStart(7)}  ${'budget'.padStart(13)}  left`);
  for (const { name, measure, budget, min, gzip, size } of rows) {
    const flag = size > budget ? '  OVER BUDGET' : '';
    console.log(`${name.padEnd(width)}  ${String(min).padStart(7)}  ${String(gzip).padStart(7)}  ${`${budget} ${measure}`.padStart(13)}  ${budget - size}${flag}`);
  }
  if (rows.some(({ size, budget }) => size > budget)) process.exit(1);
}
