import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../../packages/react/dist');
const read = (file: string): string => readFileSync(resolve(dist, file), 'utf8');

describe("@lowlight/react's 'use client' boundary", () => {
  // Without the directive first, a Next.js App Router layout (a server component) cannot render the provider.
  it.each(['provider.js', 'provider.cjs'])('opens dist/%s', (file) => {
    expect(read(file)).toMatch(/^'use client';\n/);
  });

  // With it, every export would be a client reference in a server component, and `{...maskProps}` would spread no mark.
  it.each([
    ['index.js', /from '\.\/provider\.js'/],
    ['index.cjs', /require\('\.\/provider\.cjs'\)/],
  ])('leaves dist/%s a plain module that takes the provider from the client one', (file, importsProvider) => {
    expect(read(file)).not.toMatch(/['"]use client['"]/);
    expect(read(file)).toMatch(importsProvider);
  });
});
