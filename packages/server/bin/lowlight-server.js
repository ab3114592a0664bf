#!/usr/bin/env node
// Blob writes (write, fsync, rename), gzip and scrypt run on libuv's thread pool, 4 threads by default: with
// fsync taking tens of milliseconds that capped ingest at about 130 batches/s. Set before the pool first starts.
process.env.UV_THREADPOOL_SIZE ??= '32';
const { main } = await import('../dist/cli.js');

const stopSignal = new Promise((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, stopSignal });
