// `npm run demo`: serves the demo page, the script-tag build and a collector on one local port.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createCollector } from './collector.mjs';

const here = import.meta.dirname;
const files = {
  '/': { path: join(here, 'index.html'), type: 'text/html; charset=utf-8' },
  '/sessions': { path: join(here, 'sessions.html'), type: 'text/html; charset=utf-8' },
  '/lowlight.iife.js': { path: join(here, '../../dist/lowlight.iife.js'), type: 'text/javascript; charset=utf-8' },
};

/** Starts the demo server; resolves with its URL. Port 0 picks a free one. */
export async function startDemo({ port = Number(process.env.PORT ?? 8790), host = '127.0.0.1' } = {}) {
  const collector = createCollector();
  const server = createServer(async (request, response) => {
    try {
      if (await collector.handle(request, response)) return;
      const file = files[new URL(request.url, 'http://demo.invalid').pathname];
      if (!file || request.method !== 'GET') {
        response.writeHead(404).end('not found');
        return;
      }
      response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(await readFile(file.path));
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    // The usual port is taken: any free one will do.
    return new Promise((resolve) => server.listen(0, host, resolve));
  });
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${server.address().port}`;
  return { url, server, collector };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startDemo();
  console.log(`
Lowlight demo is running.

  Demo page:          ${url}/            type into the form; passwords, fields, emails and card numbers are masked in the page
  What was received:  ${url}/sessions    every event the collector got, after masking
  Collector endpoint: ${url}/collect     POST target used by Lowlight.start({ endpoint })

Press Ctrl+C to stop.`);
}
