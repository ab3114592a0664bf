import { access, constants, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createSessionKeys } from './envelope';
import type { S3BlobOptions } from './s3Blobs';
import { loadServerKey } from './serverKey';
import { storeError } from './storeErrors';
import { createLoginStore, type LoginStore } from '../auth/loginStore';
import type { SqlDriver } from './sqlDriver';
import { createSqlStore } from './sqlStore';
import type { BlobStore, Stores } from './types';

/** What `openStores` opens: the stores, and the viewer's logins on the metadata store's connection. */
export interface OpenedStores extends Stores {
  /** The replay viewer's sessions and failed logins, in the metadata store's database; closed with the stores. */
  logins: LoginStore;
}

/** Where `openStores` keeps metadata, blobs and the server key. */
export interface StoreOptions {
  /** A folder for everything not given otherwise: SQLite at `DIR/lowlight.db`, blobs in `DIR/blobs`, the generated `DIR/server.key`. */
  data?: string;
  /** `postgres://user:password@host:5432/db` instead of SQLite. */
  database?: string;
  /** `s3://[KEY:SECRET@]bucket[/folder]?endpoint=…&region=…&forcePathStyle=true` instead of files. */
  blobs?: string;
  /** The server key, base64 of 32 bytes (`LOWLIGHT_SERVER_KEY`); required without `data`. */
  serverKey?: string;
}

const S3_PARAMS = new Set(['endpoint', 'region', 'forcePathStyle']);

const badBlobs = (url: string, why: string) =>
  new Error(`[lowlight] server: "--blobs" must be s3://bucket?endpoint=…&region=…&forcePathStyle=true (${why}), got "${url.replace(/\/\/[^@/]*@/, '//***@')}"`);

/** Parses an `s3://` blobs URL; credentials in it win over the AWS_* environment. */
export function parseBlobsUrl(url: string): S3BlobOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badBlobs(url, 'not a URL');
  }
  if (parsed.protocol !== 's3:' || !parsed.hostname) throw badBlobs(url, 'only s3:// is supported');
  for (const name of parsed.searchParams.keys()) if (!S3_PARAMS.has(name)) throw badBlobs(url, `unknown parameter "${name}"`);
  const forcePathStyle = parsed.searchParams.get('forcePathStyle');
  if (forcePathStyle !== null && forcePathStyle !== 'true' && forcePathStyle !== 'false') throw badBlobs(url, 'forcePathStyle is true or false');
  const options: S3BlobOptions = { bucket: parsed.hostname, forcePathStyle: forcePathStyle === 'true' };
  const folder = decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, '');
  if (folder) options.folder = folder;
  const endpoint = parsed.searchParams.get('endpoint');
  if (endpoint) options.endpoint = endpoint;
  const region = parsed.searchParams.get('region');
  if (region) options.region = region;
  if (parsed.username || parsed.password) {
    options.credentials = { accessKeyId: decodeURIComponent(parsed.username), secretAccessKey: decodeURIComponent(parsed.password) };
  }
  return options;
}

/** Creates the data folder if needed and checks that the server can write to it. */
async function prepareDataFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw storeError('data folder', dir, error);
  }
}

/**
 * The SQL database of the options, shared by the metadata store and the viewer's logins: PostgreSQL at `database`
 * (a pool of `max` connections), else SQLite at `DIR/lowlight.db` in `data`. Drivers load on demand, so a SQLite
 * server never loads pg.
 */
export async function openSqlDriver(options: Pick<StoreOptions, 'data' | 'database'>, pool: { max?: number } = {}): Promise<SqlDriver> {
  if (options.database !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(options.database)) {
      throw new Error(`[lowlight] server: "--database" must be a postgres:// URL, got "${options.database.replace(/\/\/[^@/]*@/, '//***@')}"`);
    }
    const { openPostgresDriver } = await import('./postgres');
    return openPostgresDriver(options.database, pool);
  }
  if (options.data === undefined) throw new Error('[lowlight] server: give "--data DIR" or "--database postgres://…"');
  const file = join(options.data, 'lowlight.db');
  const { openSqliteDriver } = await import('./sqlite');
  try {
    return openSqliteDriver(file);
  } catch (error) {
    throw storeError('database', file, error);
  }
}

async function openBlobs(options: StoreOptions): Promise<BlobStore> {
  if (options.blobs !== undefined) {
    const s3Options = parseBlobsUrl(options.blobs);
    const { openS3BlobStore } = await import('./s3Blobs');
    return openS3BlobStore(s3Options);
  }
  const { openFileBlobStore } = await import('./fileBlobs');
  const root = join(options.data!, 'blobs');
  try {
    return await openFileBlobStore(root);
  } catch (error) {
    throw storeError('blob store', root, error);
  }
}

/**
 * Opens the metadata store (migrated), the blob store, the session keys and the viewer's logins (on the metadata
 * store's connection) from the start options. Every store is checked here, so a missing or
 * unreachable one fails at start with a message naming it. Drivers load on
 * demand: a SQLite-and-files server never loads pg or the AWS SDK.
 */
export async function openStores(options: StoreOptions): Promise<OpenedStores> {
  if (options.data === undefined && (options.database === undefined || options.blobs === undefined)) {
    throw new Error('[lowlight] server: give "--data DIR", or both "--database postgres://…" and "--blobs s3://…"');
  }
  if (options.data !== undefined) await prepareDataFolder(options.data);
  const serverKey = await loadServerKey({ configured: options.serverKey, dataDir: options.data });
  const opened: { close(): Promise<void> }[] = [];
  try {
    const sql = await openSqlDriver(options);
    const meta = createSqlStore(sql);
    opened.push(meta);
    await meta.migrate();
    const blobs = await openBlobs(options);
    opened.push(blobs);
    return {
      meta,
      blobs,
      keys: createSessionKeys(meta, serverKey),
      logins: createLoginStore(sql),
      close: async () => void (await Promise.all(opened.map((store) => store.close()))),
    };
  } catch (error) {
    await Promise.all(opened.map((store) => store.close().catch(() => undefined)));
    throw error;
  }
}
