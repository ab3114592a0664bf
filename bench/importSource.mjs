// Imports a package's TypeScript source in Node for the benchmarks, bundled by esbuild, so the bench
// measures the code in the tree without `npm run build`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/** The module `packages/<path>` (a .ts file), e.g. `importSource('mask/src/index.ts')`. */
export async function importSource(path) {
  const { outputFiles } = await build({
    entryPoints: [join(root, 'packages', path)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    define: { __LL_SCRIPT_TAG__: 'false' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'lowlight-bench-'));
  const file = join(dir, 'module.mjs');
  writeFileSync(file, outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
