// `npm run demo`: a Lowlight server on SQLite in a throwaway folder, the demo page recording into it, and a login
// for the viewer. Prints the demo page URL, the viewer URL and the login; Ctrl+C stops and deletes everything.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { listen, printAndWait, startLocalServer } from '@lowlight/example-local-server';

const here = import.meta.dirname;

/** The recorded page: index.html, the script-tag build, and `endpoint.js` naming the project's ingest URL. */
async function startPageServer(port, host, endpoint) {
  const files = {
    '/': [join(here, 'index.html'), 'text/html; charset=utf-8'],
    '/lowlight.iife.js': [join(here, '../../packages/core/dist/lowlight.iife.js'), 'text/javascript; charset=utf-8'],
  };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://demo.invalid').pathname;
    if (path === '/endpoint.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(`window.LOWLIGHT_ENDPOINT = ${JSON.stringify(endpoint())};\n`);
      return;
    }
    const file = files[path];
    if (!file || request.method !== 'GET') return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' }).end(await readFile(file[0]));
  });
  return { server, url: await listen(server, port, host) };
}

/**
 * Starts the demo. Ports: the viewer on `viewerPort` (8787), the page on `pagePort` (8790); 0 picks free ones.
 * Resolves with the URLs, the login, and `close()`.
 */
export async function startDemo({ viewerPort = Number(process.env.PORT ?? 8787), pagePort = 8790, host = '127.0.0.1' } = {}) {
  const server = await startLocalServer({ port: viewerPort, host });
  let ingest = '';
  const page = await startPageServer(pagePort, host, () => ingest);
  const project = await server.createProject('Demo shop', [page.url]);
  ingest = project.ingestUrl;
  return {
    ...server,
    pageUrl: `${page.url}/`,
    projectId: project.id,
    async close() {
      await new Promise((resolve) => page.server.close(resolve));
      await server.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const demo = await startDemo();
  printAndWait(demo, [`Demo page: ${demo.pageUrl}`]);
}
