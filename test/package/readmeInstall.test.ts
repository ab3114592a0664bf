import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The `@lowlight/*` packages named by `import … from '…'` or `import('…')` in a piece of text. */
const importedPackages = (text: string): string[] =>
  [...new Set([...text.matchAll(/(?:from\s+|import\()\s*['"](@lowlight\/[a-z-]+)/g)].map((match) => match[1]!))].sort();

const installLines = [...readme.matchAll(/^npm install (.+?)(?:\s+#.*)?$/gm)].map((match) => match[1]!.split(/\s+/));

// Strict installs (pnpm, Yarn PnP) resolve only a project's own dependencies: every package an example imports
// must be on an install line the reader sees, or copying the example fails.
describe("README's install lines", () => {
  it('list every package the README examples import', () => {
    const imported = importedPackages(readme);
    expect(imported.length).toBeGreaterThan(3);
    expect(imported.filter((name) => !installLines.some((line) => line.includes(name)))).toEqual([]);
  });

  it('give one line for core with what its own examples import (transport, mask)', () => {
    const start = readme.indexOf('## Use it from npm');
    const end = readme.indexOf('\n### React', start); // the bindings' section has install lines of its own
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const npmSection = readme.slice(start, end);
    const [first] = [...npmSection.matchAll(/^npm install (.+)$/gm)].map((match) => match[1]!.split(/\s+/));
    expect([...first!].sort()).toEqual(importedPackages(npmSection));
  });
});
