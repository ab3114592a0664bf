import { resolve } from 'node:path';

// npm workspaces install Next.js in the monorepo's node_modules, so the build resolves and traces from there.
const monorepo = resolve(import.meta.dirname, '../..');

/** @type {import('next').NextConfig} */
export default {
  outputFileTracingRoot: monorepo,
  turbopack: { root: monorepo },
};
