// The workspace packages that are published to npm (packages/*, not private), with their manifests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** `{ name, dir, manifest }` for each published package; `dir` is relative to the repo root. */
export function publishedPackages(base = root) {
  return readdirSync(join(base, 'packages'))
    .map((name) => ({ name, dir: `packages/${name}`, manifest: JSON.parse(readFileSync(join(base, 'packages', name, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}
