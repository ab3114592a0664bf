// `npm run release:dry-run`: what `npm run release` would publish, installed the way a user installs it.
// On a scratch copy of the repo: `changeset version`, build, `npm pack` every package. Then fresh apps in a temp
// folder install the tarballs (their own dependencies come from the npm registry, or npm's cache):
//  - plain Node ESM and plain CJS import every package, create a recorder and check it is SSR safe;
//  - a Vite app is built from the packages' browser entries, loaded in Chromium, and must deliver a batch.
// Also checks that the core tarball carries the script-tag files and a matching SRI hash. Nothing is published.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { packAll } from './lintPackages.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const CANARY = 'CANARY-release-dry-run';
/** What a browser app needs; @lowlight/server installs native modules and is checked by lint:packages instead. */
const APP_PACKAGES = ['@lowlight/core', '@lowlight/mask', '@lowlight/transport', '@lowlight/react', '@lowlight/vue'];

const steps = [];
async function step(name, action) {
  const started = Date.now();
  const result = await action();
  steps.push(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${name}`);
  console.log(steps.at(-1));
  return result;
}

/** The repo's tracked and new (not ignored) files, copied; node_modules is linked, so nothing is installed. */
async function copyRepo(to) {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 64 << 20 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(to, file)), { recursive: true });
    await cp(join(root, file), join(to, file)).catch((error) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the work tree but not yet committed
    });
  }
  await symlink(join(root, 'node_modules'), join(to, 'node_modules'));
}

async function checkScriptTagFiles(tarball, scratch) {
  const into = join(scratch, 'core-tarball');
  await mkdir(into);
  await run('tar', ['-xzf', tarball, '-C', into]);
  const dist = join(into, 'package/dist');
  for (const file of ['lowlight.iife.js', 'lowlight-encrypt.iife.js']) {
    const integrity = (await readFile(join(dist, `${file}.sri`), 'utf8')).trim();
    const actual = `sha384-${createHash('sha384').update(await readFile(join(dist, file))).digest('base64')}`;
    if (integrity !== actual) throw new Error(`${file}.sri says ${integrity}, the file is ${actual}`);
  }
  const loader = await readFile(join(dist, 'lowlight-loader.js'), 'utf8');
  const integrity = (await readFile(join(dist, 'lowlight.iife.js.sri'), 'utf8')).trim();
  if (!loader.includes(integrity)) throw new Error('lowlight-loader.js does not carry lowlight.iife.js\'s integrity hash');
}

const NODE_CHECK = (format) => `
const assert = ${format === 'esm' ? `(await import('node:assert/strict')).default` : `require('node:assert/strict')`};
const load = ${format === 'esm' ? '(name) => import(name)' : '(name) => require(name)'};
// Importing any package on the server must not touch browser globals (there are none here to touch).
const [core, transport, { memoryTransport }] = await Promise.all([load('@lowlight/core'), load('@lowlight/transport'), load('@lowlight/transport/memory')]);
await Promise.all([load('@lowlight/mask'), load('@lowlight/mask/email'), load('@lowlight/transport/fetch'), load('@lowlight/react'), load('@lowlight/vue')]);
assert.equal(typeof transport.createTransport, 'function');
const recorder = core.createRecorder({ transport: memoryTransport() });
assert.equal(recorder.getState().status, 'idle');
await assert.rejects(recorder.start(), /needs a browser window/);
console.log('${format}: ok');
`;

async function nodeApps(app) {
  await writeFile(join(app, 'esm.mjs'), NODE_CHECK('esm'));
  await writeFile(join(app, 'cjs.cjs'), `(async () => {${NODE_CHECK('cjs')}})().catch((error) => { console.error(error); process.exit(1); });\n`);
  for (const file of ['esm.mjs', 'cjs.cjs']) {
    const { stdout } = await run(process.execPath, [file], { cwd: app });
    process.stdout.write(`        ${stdout}`);
  }
}

async function viteApp(app) {
  await writeFile(
    join(app, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>dry run</title></head><body><p>${CANARY}</p><script type="module" src="/main.js"></script></body></html>\n`,
  );
  await writeFile(
    join(app, 'main.js'),
    `import { createRecorder } from '@lowlight/core';
import { fetchTransport } from '@lowlight/transport/fetch';
const recorder = createRecorder({ transport: fetchTransport({ endpoint: new URL('/collect', location.href).href }) });
window.__flushed = recorder.start().then(() => recorder.flush());
`,
  );
  const { build } = await import('vite');
  await build({ root: app, logLevel: 'warn', build: { outDir: join(app, 'dist') } });

  const received = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://app.invalid').pathname;
    if (path === '/collect') {
      const chunks = [];
      for await (const chunk of request) chunks.push(chunk);
      received.push({ url: request.url, body: Buffer.concat(chunks) });
      return void response.writeHead(204).end();
    }
    const file = path === '/' ? 'index.html' : path.slice(1);
    const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
    const body = await readFile(join(app, 'dist', file)).catch(() => null);
    response.writeHead(body ? 200 : 404, { 'Content-Type': type }).end(body ?? '');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  // Debian's Chromium, as in the browser tests (test/browser/support/chromium.ts); never a downloaded browser.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.LOWLIGHT_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.evaluate(() => window.__flushed);
    if (errors.length) throw new Error(`the Vite app threw: ${errors.join('; ')}`);
    const { gunzipSync } = await import('node:zlib');
    const text = received.map(({ url, body }) => (new URL(url, 'http://x.invalid').searchParams.get('enc') === 'gzip' ? gunzipSync(body) : body).toString()).join('\n');
    if (!text.includes(CANARY)) throw new Error(`no batch with the page's text arrived (${received.length} requests)`);
    console.log(`        vite: ${received.length} batch(es) delivered from the built app`);
  } finally {
    await browser.close();
    server.close();
  }
}

const scratch = await mkdtemp(join(tmpdir(), 'lowlight-release-'));
try {
  const repo = join(scratch, 'repo');
  await step('copy the repo', () => copyRepo(repo));
  await step('changeset version', () => run(join(root, 'node_modules/.bin/changeset'), ['version'], { cwd: repo }));
  const { version } = JSON.parse(await readFile(join(repo, 'packages/core/package.json'), 'utf8'));
  await step(`build ${version}`, () => run('npm', ['run', 'build'], { cwd: repo }));
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  const packed = await step('npm pack every package', () => packAll(tarballs, repo));
  await step('script-tag files and SRI in the core tarball', () => checkScriptTagFiles(packed.find(({ manifest }) => manifest.name === '@lowlight/core').tarball, scratch));

  const app = join(scratch, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'throwaway-app', private: true, version: '0.0.0' }));
  // The frameworks at the versions the repo tests with, so npm's cache usually has them.
  const { devDependencies } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const frameworks = ['react', 'vue'].map((name) => `${name}@${devDependencies[name]}`);
  const specs = packed.filter(({ manifest }) => APP_PACKAGES.includes(manifest.name)).map(({ tarball }) => tarball);
  await step('install the tarballs into a fresh app', () =>
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', ...specs, ...frameworks], { cwd: app }),
  );
  await step('plain Node ESM and CJS', () => nodeApps(app));
  await step('Vite app in Chromium', () => viteApp(app));
  console.log(`release dry run of ${version}: ok`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
