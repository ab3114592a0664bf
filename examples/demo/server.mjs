// `npm run demo`: a Lowlight server on SQLite in a throwaway folder, the demo page recording into it, and a login
// for the viewer. Prints the demo page URL, the viewer URL and the login; Ctrl+C stops and deletes everything.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, hashPassword, openLoginStore, openStores } from '@lowlight/server';

const here = import.meta.dirname;
export const DEMO_EMAIL = 'demo@lowlight.local';

/** Listens on `port`, or on any free port when that one is taken. */
async function listen(server, port, host) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return new Promise((resolve) => server.listen(0, host, resolve));
  });
  return `http://${host}:${server.address().port}`;
}

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
  const data = await mkdtemp(join(tmpdir(), 'lowlight-demo-'));
  const stores = await openStores({ data });
  const logins = openLoginStore({ data });
  const password = randomBytes(9).toString('base64url');
  await stores.meta.createUser(DEMO_EMAIL, await hashPassword(password));

  let ingest = '';
  const page = await startPageServer(pagePort, host, () => ingest);
  const project = await stores.meta.createProject({ name: 'Demo shop', origins: [page.url] });
  const app = await buildServer({ stores, logger: false, tombstoneSecret: randomBytes(32), viewer: { logins } });
  const viewerUrl = await app.listen({ port: viewerPort, host }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return app.listen({ port: 0, host });
  });
  ingest = `${viewerUrl}/i/${project.ingestKey}`;

  return {
    pageUrl: `${page.url}/`,
    viewerUrl: `${viewerUrl}/`,
    email: DEMO_EMAIL,
    password,
    projectId: project.id,
    stores,
    data,
    async close() {
      await new Promise((resolve) => page.server.close(resolve));
      await app.close();
      await logins.close();
      await stores.close();
      await rm(data, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const demo = await startDemo();
  console.log(`Demo page: ${demo.pageUrl}\nViewer:    ${demo.viewerUrl}\nLogin:     ${demo.email} / ${demo.password}`);
  const stop = () => demo.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
