// `npm start -w examples/next-app`: builds the app, then serves it with `next start` beside a local Lowlight server
// it records into. The root layout reads the project's ingest URL from LOWLIGHT_ENDPOINT when it serves a page.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { printAndWait, startLocalServer } from '@lowlight/example-local-server';

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** `port`, or a free one when it is taken (or 0): the project must know the app's origin before Next.js starts. */
function freePort(port, host) {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', (error) => (error.code === 'EADDRINUSE' ? resolve(freePort(0, host)) : reject(error)));
    probe.listen(port, host, () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

/** Resolves once `next start` says it is ready; rejects with its output if it exits first. */
function nextStart(port, host, env) {
  const child = spawn(process.execPath, [nextBin, 'start', '--port', String(port), '--hostname', host], {
    cwd: import.meta.dirname,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const read = (chunk) => {
      output += chunk;
      if (output.includes('Ready')) resolve(child);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}:\n${output}`)));
  });
  return ready;
}

/** Starts the local Lowlight server and the built app on `port` (3000; 0 picks a free one). */
export async function startNextApp({ port = 3000, viewerPort, host = '127.0.0.1' } = {}) {
  const server = await startLocalServer({ port: viewerPort, host });
  const appUrl = `http://${host}:${await freePort(port, host)}`;
  const project = await server.createProject('Next.js example', [appUrl]);
  const next = await nextStart(new URL(appUrl).port, host, { LOWLIGHT_ENDPOINT: project.ingestUrl }).catch(async (error) => {
    await server.close();
    throw error;
  });
  return {
    ...server,
    appUrl: `${appUrl}/`,
    projectId: project.id,
    async close() {
      const exited = new Promise((done) => next.once('exit', done));
      next.kill();
      await exited;
      await server.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await startNextApp();
  printAndWait(running, [`App:       ${running.appUrl}`]);
}
