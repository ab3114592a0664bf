// npm run bench:server [-- --database postgres://…] [--duration 10] [--connections 16]
// Starts lowlight-server (the built CLI) in its own process on loopback, then drives it from this process with
// autocannon: realistic gzip batches (a full snapshot opening each pageview, then incremental batches), every
// request a new (sid, pid, seq). Prints accepted batches per second and p50/p99 latency.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { batchBody, serializeEvent } from '@lowlight/transport';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'packages/server/bin/lowlight-server.js');
const { values } = parseArgs({
  options: {
    database: { type: 'string', default: process.env.LOWLIGHT_BENCH_DATABASE_URL },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
  },
});

const hex = () => randomBytes(16).toString('hex');

/** A page of `nodes` elements as rrweb serializes it, with text that compresses like real copy. */
function fullSnapshot(timestamp, nodes) {
  const words = ['checkout', 'basket', 'delivery', 'price', 'quantity', 'review', 'summary', 'total', 'shipping', 'account'];
  const childNodes = Array.from({ length: nodes }, (_, i) => ({
    type: 2, tagName: i % 5 ? 'div' : 'p', attributes: { class: `row row-${i % 17}` }, id: i + 10,
    childNodes: [{ type: 3, textContent: `${words[i % 10]} ${words[(i * 7) % 10]} ${i}`, id: i + 100_000 }],
  }));
  return { type: 2, timestamp, data: { node: { type: 0, id: 1, childNodes: [{ type: 2, tagName: 'body', id: 2, attributes: {}, childNodes }] }, initialOffset: { top: 0, left: 0 } } };
}

function incremental(timestamp, i) {
  return i % 4 === 0
    ? { type: 3, timestamp, data: { source: 2, type: 2, id: 10 + (i % 300), x: i % 800, y: i % 600 } }
    : { type: 3, timestamp, data: { source: 1, positions: [{ x: i % 800, y: (i * 3) % 600, id: 10 + (i % 300), timeOffset: -20 }] } };
}

/** One pageview: seq 0 holds meta + full snapshot + the pageview event, then `later` batches of 60 incremental events. */
function pageviewBatches(now, later) {
  const sid = hex();
  const pid = hex();
  const batches = [];
  const first = [
    { type: 4, timestamp: now, data: { href: 'https://shop.example/checkout', width: 1280, height: 800 } },
    fullSnapshot(now + 1, 600),
    { type: 5, timestamp: now + 2, data: { tag: 'lowlight/pageview', payload: { url: 'https://shop.example/checkout', title: 'Checkout', referrer: '', viewport: { width: 1280, height: 800 }, browser: 'Chrome 150', os: 'Linux', trigger: 'load', policy: 'lowlight/1;level=balanced;dnt=1;gpc=1;consent=default;identity=optional;sample=1' } } },
  ];
  batches.push(first);
  for (let b = 0; b < later; b += 1) batches.push(Array.from({ length: 60 }, (_, i) => incremental(now + 1000 * (b + 1) + i * 10, i)));
  return batches.map((events, seq) => {
    // As the SDK writes it (docs/protocol.md, version 2).
    const json = batchBody(events.map(serializeEvent), events.map((event) => event.timestamp));
    return { query: `v=2&sid=${sid}&pid=${pid}&seq=${seq}&enc=gzip`, body: gzipSync(json), raw: json.length };
  });
}

function startServer(args, env) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) done({ child, url: match[1] });
    });
    child.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

function run(args, env) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? done(out.trim()) : fail(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

async function bench(name, storeArgs) {
  const dir = await mkdtemp(join(tmpdir(), 'lowlight-bench-'));
  const env = { LOWLIGHT_LOG_LEVEL: 'warn', LOWLIGHT_RATE_PER_CLIENT: '1000000', LOWLIGHT_RATE_PER_KEY: '1000000' };
  const args = ['--data', dir, ...storeArgs];
  const server = await startServer(args, env);
  try {
    const endpoint = await run(['project', 'create', `bench-${Date.now()}`, '--url', server.url, ...args], env);
    const now = Date.now();
    const duration = Number(values.duration);
    // Enough distinct batches that none repeats: a pageview is 1 snapshot batch + 9 incremental ones.
    const batches = [];
    while (batches.length < duration * 3000) batches.push(...pageviewBatches(now, 9));
    const bytes = batches.reduce((sum, b) => sum + b.body.length, 0) / batches.length;
    const raw = batches.reduce((sum, b) => sum + b.raw, 0) / batches.length;
    let next = 0;
    const result = await autocannon({
      url: endpoint,
      method: 'POST',
      connections: Number(values.connections),
      duration,
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
      requests: [{
        setupRequest(request) {
          const batch = batches[next++ % batches.length];
          return { ...request, path: `${new URL(endpoint).pathname}?${batch.query}`, body: batch.body };
        },
      }],
    });
    const accepted = result['2xx'];
    console.log(`${name}: ${(accepted / duration).toFixed(0)} accepted batches/s (${accepted} in ${duration} s, ${result.non2xx} refused, ${result.errors} errors), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; batches average ${(bytes / 1024).toFixed(1)} KiB gzip (${(raw / 1024).toFixed(1)} KiB JSON), ${values.connections} connections`);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((done) => server.child.once('exit', done));
    await rm(dir, { recursive: true, force: true });
  }
}

await bench('SQLite + files', []);
if (values.database) await bench('PostgreSQL + files', ['--database', values.database]);
else console.log('PostgreSQL: skipped (pass --database postgres://… or set LOWLIGHT_BENCH_DATABASE_URL)');
