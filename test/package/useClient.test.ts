import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../../packages/react/dist');

describe("@lowlight/react's 'use client' boundary", () => {
  // Without the directive first, a Next.js App Router layout (a server component) cannot render the provider.
  it.each(['index.js', 'index.cjs'])('opens dist/%s', (file) => {
    expect(readFileSync(resolve(dist, file), 'utf8')).toMatch(/^'use client';\n/);
  });
});
