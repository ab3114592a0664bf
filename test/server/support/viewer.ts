import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLoginStore } from '../../../packages/server/src/auth/openLoginStore';
import { buildServer, type ServerOptions } from '../../../packages/server/src/buildServer';
import { hashPassword } from '../../../packages/server/src/users';
import { openTestStores, STORE_KINDS, ADMIN_TOKEN, type StoreKind, type TestServer } from './server';

export const VIEWER_EMAIL = 'member@example.test';
export const VIEWER_PASSWORD = 'correct horse battery staple';

export interface ViewerTestServer extends TestServer {
  projectId: string;
  ingestUrl: string;
  /** Where the logins live: the data folder, or the PostgreSQL schema's URL. */
  database: { data: string } | { database: string };
}

/** A server with the viewer on (SQLite + files unless `kind` says otherwise), one member account, listening on loopback. */
export async function startViewerServer(options: { server?: Partial<ServerOptions>; origins?: string[]; kind?: StoreKind } = {}): Promise<ViewerTestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'lowlight-viewer-test-'));
  const { stores, folders, database } = await openTestStores(dir, options.kind ?? STORE_KINDS[0]!);
  const location = database ? { database } : { data: dir };
  const logins = await openLoginStore(location);
  await stores.meta.createUser(VIEWER_EMAIL, await hashPassword(VIEWER_PASSWORD));
  const viewer = { logins, secret: randomBytes(32) };
  const app = await buildServer({ stores, logger: false, adminToken: ADMIN_TOKEN, tombstoneSecret: randomBytes(32), viewer, ...options.server });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const project = await stores.meta.createProject({ name: 'Demo shop', origins: options.origins ?? [] });
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    stores,
    dir,
    url,
    database: location,
    projectId: project.id,
    ingestUrl: `${url}/i/${project.ingestKey}`,
    async hash() {
      throw new Error(`not needed for viewer tests (${folders.join(', ')})`);
    },
    async close() {
      await app.close();
      await logins.close();
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the form as a browser would; returns the session cookie and a page's CSRF token. */
export async function logIn(url: string, password = VIEWER_PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url },
    body: new URLSearchParams({ email: VIEWER_EMAIL, password, next: '/sessions' }),
  });
  const cookie = /ll_session=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (response.status !== 303 || !cookie) throw new Error(`login failed: ${response.status}`);
  const page = await (await fetch(`${url}/sessions`, { headers: { cookie } })).text();
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the session list');
  return { cookie, csrf };
}
