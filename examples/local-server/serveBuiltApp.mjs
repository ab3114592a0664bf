// `node ../local-server/serveBuiltApp.mjs <dist> "<project name>"`: serves a built single-page app and the local
// Lowlight server it records into. The app posts to `/lowlight` on its own origin; this server forwards those batches
// to the project's ingest URL, the way a first-party proxy does in production.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { listen, printAndWait, startLocalServer } from './localServer.mjs';

/** The path a built example posts its batches to. */
export const INGEST_PATH = '/lowlight';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/** Forwards a batch with the page's Origin and body; the ingest route checks the origin against the project's. */
async function forward(request, response, ingestUrl) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const search = new URL(request.url, 'http://app.invalid').search;
  const headers = Object.fromEntries(['content-type', 'origin'].filter((name) => request.headers[name]).map((name) => [name, request.headers[name]]));
  const reply = await fetch(ingestUrl + search, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  response.writeHead(reply.status, { 'Content-Type': reply.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await reply.arrayBuffer()));
}

/** Serves `dir`; a path with no file gets index.html, so the app's router handles it. */
async function serveFile(dir, pathname, response) {
  const file = join(dir, pathname); // URL parsing already resolved any `..`, so this stays inside dir
  const found = extname(file) && (await readFile(file).catch(() => null));
  const body = found || (await readFile(join(dir, 'index.html')));
  response.writeHead(200, { 'Content-Type': (found && TYPES[extname(file)]) || TYPES['.html'] }).end(body);
}

/**
 * Starts the local Lowlight server, then serves the built app in `dir` on `port` (5173; 0 picks a free one)
 * under a project named `name` that takes batches from the app's origin only.
 */
export async function startBuiltApp({ dir, name, port = 5173, viewerPort, host = '127.0.0.1' }) {
  const server = await startLocalServer({ port: viewerPort, host });
  let ingestUrl = '';
  const app = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://app.invalid');
    const reply = pathname === INGEST_PATH ? forward(request, response, ingestUrl) : serveFile(dir, pathname, response);
    reply.catch(() => response.writeHead(502).end());
  });
  const appUrl = await listen(app, port, host);
  const project = await server.createProject(name, [appUrl]);
  ingestUrl = project.ingestUrl;
  return {
    ...server,
    appUrl: `${appUrl}/`,
    projectId: project.id,
    async close() {
      await new Promise((done) => app.close(done));
      await server.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, name = 'Example app'] = process.argv.slice(2);
  const running = await startBuiltApp({ dir: resolve(dir), name });
  printAndWait(running, [`App:       ${running.appUrl}`]);
}
