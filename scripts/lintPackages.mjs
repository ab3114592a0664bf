// `npm run lint:packages`: packs every published package once, then checks each tarball as npm would install it:
// publint --strict (exports, files, formats) and @arethetypeswrong/cli (types for every entry, ESM and CJS).
// Needs `npm run build` first. Exits non-zero on any finding.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { publishedPackages } from './publishedPackages.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const attw = join(root, 'node_modules/.bin/attw');

/**
 * Exports that are plain files, not modules with types: package.json and the script-tag files.
 * The `node16` profile leaves out TypeScript's legacy `node10` resolution, which cannot see subpath exports at all;
 * TypeScript users import subpaths with `moduleResolution` `node16`, `nodenext` or `bundler`.
 */
const plainFiles = (manifest) => Object.entries(manifest.exports).filter(([key, target]) => typeof target === 'string' && key !== './package.json').map(([key]) => key);

/** Module entries with no `require` condition. */
const esmOnlyEntries = (manifest) => Object.entries(manifest.exports).filter(([, target]) => typeof target === 'object' && !target.require).map(([key]) => key);

/** `npm pack` of every published package of the repo at `base`, in one npm run; adds each `tarball` path. */
export async function packAll(destination, base = root) {
  const packages = publishedPackages(base);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination, ...packages.flatMap(({ dir }) => ['-w', dir])], { cwd: base });
  const packed = JSON.parse(stdout);
  return packages.map((pkg) => ({ ...pkg, tarball: join(destination, packed.find((entry) => entry.name === pkg.manifest.name).filename) }));
}

async function lint({ manifest, tarball }) {
  const problems = [];
  const pkg = await readFile(tarball);
  const { messages, pkg: packedManifest } = await publint({ pkgDir: 'package', strict: true, pack: { tarball: pkg.buffer.slice(pkg.byteOffset, pkg.byteOffset + pkg.byteLength) } });
  for (const message of messages.filter(({ type }) => type !== 'suggestion')) {
    problems.push(`publint ${message.type}: ${formatMessage(message, packedManifest, { color: false })}`);
  }
  // ESM-only entries (the `./testing` suites, which import vitest) are checked under attw's esm-only profile.
  const esmOnly = esmOnlyEntries(manifest);
  const excluded = [...plainFiles(manifest), ...esmOnly];
  const checks = [['--profile', 'node16', ...(excluded.length ? ['--exclude-entrypoints', ...excluded] : [])]];
  if (esmOnly.length) checks.push(['--profile', 'esm-only', '--entrypoints', ...esmOnly]);
  for (const check of checks) {
    await run(attw, [tarball, ...check, '--format', 'ascii', '--no-color', '--no-emoji'], { cwd: root }).catch(({ stdout }) => problems.push(`attw:\n${stdout}`));
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scratch = await mkdtemp(join(tmpdir(), 'lowlight-lint-'));
  try {
    const packages = await packAll(scratch);
    const results = await Promise.all(packages.map(async (pkg) => ({ name: pkg.manifest.name, problems: await lint(pkg) })));
    for (const { name, problems } of results) {
      console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${name}  (publint --strict, attw --profile node16)`);
      for (const problem of problems) console.log(`      ${problem.replaceAll('\n', '\n      ')}`);
    }
    if (results.some(({ problems }) => problems.length)) process.exitCode = 1;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
