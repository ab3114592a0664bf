import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir).map((name) => {
  const dir = join(packagesDir, name);
  return { name, dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
});

/** Browser globals an SSR-safe import must not read. Reads from our dist files are recorded with their stack. */
const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'self'];
const touches: string[] = [];

beforeAll(() => {
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        const stack = new Error().stack ?? '';
        if (/packages[\\/][a-z]+[\\/]dist[\\/]/.test(stack)) touches.push(`${name}\n${stack}`);
        return undefined;
      },
    });
  }
});

afterAll(() => {
  for (const name of BROWSER_GLOBALS) delete (globalThis as Record<string, unknown>)[name];
});

describe.each(packages)('@lowlight/$name as published', ({ dir, manifest }) => {
  // Module entries only: package.json and the script-tag files are exported as plain files. An entry with no
  // `require` is ESM only (the `./testing` suites, which import vitest).
  type Conditions = { import: { default: string }; require?: { default: string } };
  const entries = Object.entries(manifest.exports as Record<string, string | Conditions>)
    .filter((entry): entry is [string, Conditions] => typeof entry[1] === 'object');

  it('is side-effect free, ESM-first and lists only built files', () => {
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.type).toBe('module');
    expect(manifest.files).toContain('dist');
  });

  it.each(entries)('imports %s as ESM and CJS under plain Node without touching browser globals', async (_key, target) => {
    // Frameworks set their own globals on import (Vue's devtools hooks); judge only our code.
    for (const peer of Object.keys(manifest.peerDependencies ?? {})) await import(peer);
    const globalsBefore = new Set(Object.keys(globalThis));
    const esm = await import(pathToFileURL(join(dir, target.import.default)).href);
    if (target.require) {
      const cjs = createRequire(join(dir, 'package.json'))(join(dir, target.require.default));
      expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).filter((key) => key !== '__esModule').sort());
    }
    expect(Object.keys(esm).length).toBeGreaterThan(0);
    expect(Object.keys(globalThis).filter((key) => !globalsBefore.has(key))).toEqual([]);
    expect(touches).toEqual([]);
  });

  it('passes publint with no errors or warnings', async () => {
    const { messages } = await publint({ pkgDir: dir, strict: true });
    expect(messages.filter((message) => message.type !== 'suggestion')).toEqual([]);
    // publint packs the package to check it, which takes longer than vitest's 5 s default on a busy 2-core machine.
  }, 30_000);
});
