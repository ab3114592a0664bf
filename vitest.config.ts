import { resolve } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/** Tests import `@lowlight/*` from source, so unit tests need no build. */
const sourceAliases = [
  { find: /^@lowlight\/([a-z-]+)$/, replacement: `${root}/packages/$1/src/index` },
  { find: /^@lowlight\/([a-z-]+)\/([a-z-]+)$/, replacement: `${root}/packages/$1/src/$2` },
];

export default defineConfig({
  resolve: { alias: sourceAliases },
  define: { __LL_SCRIPT_TAG__: 'false' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'examples/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'packages/server/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['packages/server/src/**/*.test.ts', 'test/server/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Databases, ports and data folders are real; one file at a time keeps them apart.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine keeps timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
