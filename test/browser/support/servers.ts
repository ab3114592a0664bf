import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createCollector } from './collector.mjs';

const root = resolve(import.meta.dirname, '../../..');

export interface Running {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Running> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}

/** The demo collector on its own loopback port, so the page posts cross-origin as it would in production. */
export async function startCollector(options?: { privateKey?: string }) {
  const collector = createCollector(options);
  const server = createServer((request, response) => {
    void collector.handle(request, response).then((handled) => handled || response.writeHead(404).end());
  });
  return { ...(await listen(server)), collector };
}

/**
 * Serves test pages (path → HTML) and the built script-tag files from @lowlight/core (`/lowlight.iife.js` and its add-ons);
 * with `collector`, also that collector's routes (`/collect`) on the pages' own origin, as a first-party setup does.
 */
export async function startPageServer(pages: Record<string, string>, collector?: ReturnType<typeof createCollector>) {
  const server = createServer(async (request, response) => {
    if (await collector?.handle(request, response)) return;
    const path = new URL(request.url ?? '/', 'http://pages.invalid').pathname;
    if (/^\/lowlight[a-z-]*\.iife\.js$/.test(path)) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await readFile(resolve(root, `packages/core/dist${path}`)));
    } else if (path === '/rrweb-replay.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await readFile(resolve(root, 'node_modules/@rrweb/replay/dist/replay.umd.min.cjs')));
    } else if (pages[path] !== undefined) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pages[path]);
    } else {
      response.writeHead(404).end();
    }
  });
  return listen(server);
}

/** Decodes every body the collector received, independently of the collector's own decoder. */
export function decodeReceived(received: Array<{ url: string; body: Buffer }>): string[] {
  return received.map(({ url, body }) => {
    const encoding = new URL(url, 'http://x.invalid').searchParams.get('enc');
    return (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
  });
}

/** A page that holds only the script-tag snippet (after `head`), then `body`. */
export function snippetPage(endpoint: string, body: string, startOptions = '', head = '<title>Lowlight e2e</title>'): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}
<script src="/lowlight.iife.js"></script>
<script>window.__started = Lowlight.start({ endpoint: ${JSON.stringify(endpoint)}${startOptions ? `, ${startOptions}` : ''} });</script>
</head><body>${body}</body></html>`;
}
