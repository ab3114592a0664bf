// The Lowlight server every example records into: SQLite and blobs in a throwaway folder, one viewer login.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, hashPassword, openLoginStore, openStores } from '@lowlight/server';

export const EXAMPLE_EMAIL = 'demo@lowlight.local';

/** Listens on `port`, or on any free port when that one is taken; resolves with the origin. */
export async function listen(server, port, host) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return new Promise((resolve) => server.listen(0, host, resolve));
  });
  return `http://${host}:${server.address().port}`;
}

/**
 * Starts a Lowlight server with its viewer on `port` (8787, or a free one when taken; 0 picks one).
 * `createProject(name, origins)` makes a project that takes batches from those page origins and gives its `ingestUrl`.
 * `close()` stops the server and deletes every recording.
 */
export async function startLocalServer({ port = Number(process.env.PORT ?? 8787), host = '127.0.0.1' } = {}) {
  const data = await mkdtemp(join(tmpdir(), 'lowlight-example-'));
  const stores = await openStores({ data });
  const logins = await openLoginStore({ data });
  const password = randomBytes(9).toString('base64url');
  await stores.meta.createUser(EXAMPLE_EMAIL, await hashPassword(password));
  const app = await buildServer({ stores, logger: false, tombstoneSecret: randomBytes(32), viewer: { logins, secret: randomBytes(32) } });
  const viewerUrl = await app.listen({ port, host }).catch((error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return app.listen({ port: 0, host });
  });
  return {
    viewerUrl: `${viewerUrl}/`,
    email: EXAMPLE_EMAIL,
    password,
    stores,
    data,
    async createProject(name, origins) {
      const project = await stores.meta.createProject({ name, origins });
      return { ...project, ingestUrl: `${viewerUrl}/i/${project.ingestKey}` };
    },
    async close() {
      await app.close();
      await logins.close();
      await stores.close();
      await rm(data, { recursive: true, force: true });
    },
  };
}

/** Prints where to look and how to log in, and closes everything on Ctrl+C. */
export function printAndWait(server, lines) {
  console.log([...lines, `Viewer:    ${server.viewerUrl}`, `Login:     ${server.email} / ${server.password}`].join('\n'));
  const stop = () => server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
