import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../../../packages/server/src/buildServer';
import { randomBytes } from 'node:crypto';
import { createSessionKeys } from '../../../packages/server/src/stores/envelope';
import { openFileBlobStore } from '../../../packages/server/src/stores/fileBlobs';
import { openPostgresStore } from '../../../packages/server/src/stores/postgres';
import { openS3BlobStore } from '../../../packages/server/src/stores/s3Blobs';
import { openSqliteStore } from '../../../packages/server/src/stores/sqlite';
import { S3RVER_CREDENTIALS, startTestS3Server } from '../../../packages/server/src/stores/testS3Server';
import { testDatabaseUrl, testSchemas } from '../../../packages/server/src/stores/testDatabase';
import type { Stores } from '../../../packages/server/src/stores/types';

const databaseUrl = testDatabaseUrl();
const schemas = databaseUrl ? testSchemas(databaseUrl) : undefined;

export interface StoreKind {
  name: string;
  /** PostgreSQL (a fresh schema per server) instead of SQLite. */
  database: boolean;
  /** An S3-compatible server on loopback (s3rver) instead of files. */
  s3: boolean;
}

/** Which stores a suite runs against: SQLite + files, SQLite + S3, and PostgreSQL + files when `LOWLIGHT_TEST_DATABASE_URL` is set. */
export const STORE_KINDS: StoreKind[] = [
  { name: 'SQLite + files', database: false, s3: false },
  { name: 'SQLite + S3', database: false, s3: true },
  ...(databaseUrl ? [{ name: 'PostgreSQL + files', database: true, s3: false }] : []),
];

/** The stores of a data folder as the kind says; `folders` are where they keep bytes on this machine. */
export async function openTestStores(dir: string, kind: Omit<StoreKind, 'name'>): Promise<{ stores: Stores; folders: string[]; database?: string }> {
  const database = kind.database ? await schemas!.fresh() : undefined;
  const meta = database ? await openPostgresStore(database) : openSqliteStore(join(dir, 'lowlight.db'));
  await meta.migrate();
  const s3 = kind.s3 ? await startTestS3Server(['lowlight']) : undefined;
  const blobs = s3
    ? await openS3BlobStore({ bucket: 'lowlight', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS })
    : await openFileBlobStore(join(dir, 'blobs'));
  const close = async () => {
    await Promise.all([meta.close(), blobs.close()]);
    await s3?.close();
  };
  return { stores: { meta, blobs, keys: createSessionKeys(meta, randomBytes(32)), close }, folders: [dir, ...(s3 ? [s3.directory] : [])], ...(database ? { database } : {}) };
}

export const ADMIN_TOKEN = 'test-admin-token-1234567890';

export interface TestServer {
  app: FastifyInstance;
  stores: Stores;
  url: string;
  dir: string;
  /** Hashes of every file the stores keep on this machine (data folder, S3 server folder). */
  hash(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** A server with fresh stores in a temporary folder, listening on a loopback port. */
export async function startTestServer(options: { kind?: StoreKind; server?: Partial<ServerOptions> } = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'lowlight-server-test-'));
  const { stores, folders } = await openTestStores(dir, options.kind ?? STORE_KINDS[0]!);
  const app = await buildServer({ stores, logger: false, adminToken: ADMIN_TOKEN, tombstoneSecret: randomBytes(32), ...options.server });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    app,
    stores,
    dir,
    url: `http://127.0.0.1:${port}`,
    async hash() {
      return Object.assign({}, ...(await Promise.all(folders.map((folder) => hashTree(folder)))));
    },
    async close() {
      await app.close();
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every file under `dir` with its SHA-256, to prove a request changed nothing on disk. SQLite's `-shm` file is
 * left out: it is the WAL's shared-memory index, rebuilt by readers, and holds no data.
 */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('-shm')) continue;
    const path = join(entry.parentPath, entry.name);
    hashes[path.slice(dir.length)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return hashes;
}

/** Every byte under `dir`, to search for text that must not be there. */
export async function allBytes(dir: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}
