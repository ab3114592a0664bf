import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLoginStore } from '../auth/openLoginStore';
import { openStores, parseBlobsUrl } from './openStores';
import { testDatabaseUrl } from './testDatabase';
import { sessionRow } from './testMetadataStore';
import { postgresAndS3 } from './testS3Server';
import type { Stores } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lowlight-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(dir, `data-${n++}`);
const plain = new TextEncoder().encode('{"type":2}');

/** What ingest does with one chunk, then reading it back the way the viewer will. */
async function storeAndReadChunk(stores: Stores, projectId: string) {
  const blobKey = `${projectId}/s1/p1-0`;
  const { bytes, keyId } = await stores.keys.seal(projectId, 's1', blobKey, plain);
  await stores.blobs.put(blobKey, bytes);
  await stores.meta.transaction(async (tx) => {
    await tx.upsertSession(sessionRow(projectId, 's1'));
    await tx.recordChunk({ projectId, sessionId: 's1', id: 'p1-0', pageviewId: 'p1', seq: 0, firstTs: 1, lastTs: 2, bytes: bytes.length, fullSnapshot: true, encrypted: false, enc: 'gzip', keyId, blobKey });
  });
  return readChunk(stores, projectId);
}

async function readChunk(stores: Stores, projectId: string) {
  const [chunk] = await stores.meta.listChunks(projectId, 's1');
  return stores.keys.open(projectId, 's1', chunk!.blobKey, (await stores.blobs.get(chunk!.blobKey))!);
}

describe('openStores with --data', () => {
  it('keeps SQLite, blobs and the server key in the folder, readable again after a restart', async () => {
    const data = freshDir();
    const first = await openStores({ data });
    const { id } = await first.meta.createProject({ name: 'Shop', origins: [] });
    expect(await storeAndReadChunk(first, id)).toEqual(plain);
    await first.close();
    expect(['lowlight.db', 'server.key', 'blobs'].every((name) => existsSync(join(data, name)))).toBe(true);

    const second = await openStores({ data });
    expect(await readChunk(second, id)).toEqual(plain);
    await second.close();
  });

  it("gives the viewer's logins on the metadata store's database, readable by openLoginStore in another process", async () => {
    const data = freshDir();
    const stores = await openStores({ data });
    await stores.meta.createUser('member@example.test', 'not a real hash');
    const { token } = await stores.logins.createSession('member@example.test', 1_000, 60_000);
    const elsewhere = await openLoginStore({ data });
    expect(await elsewhere.findSession(token, 2_000)).toMatchObject({ email: 'member@example.test' });
    await elsewhere.close();
    await stores.close();
  });

  it('uses a configured server key over a generated one', async () => {
    const data = freshDir();
    const serverKey = randomBytes(32).toString('base64');
    const stores = await openStores({ data, serverKey });
    const { id } = await stores.meta.createProject({ name: 'Shop', origins: [] });
    await storeAndReadChunk(stores, id);
    await stores.close();
    expect(existsSync(join(data, 'server.key'))).toBe(false);
    const withOtherKey = await openStores({ data });
    await expect(readChunk(withOtherKey, id)).rejects.toThrow('failed authentication');
    await withOtherKey.close();
  });
});

describe('openStores errors name the store', () => {
  it('asks for a store when none is given', async () => {
    await expect(openStores({})).rejects.toThrow('[lowlight] server: give "--data DIR", or both "--database postgres://…" and "--blobs s3://…"');
    await expect(openStores({ database: 'postgres://x/y' })).rejects.toThrow('give "--data DIR"');
  });

  it('names a data folder it cannot create', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    await expect(openStores({ data: join(file, 'data') })).rejects.toThrow(`[lowlight] server: cannot open data folder "${join(file, 'data')}": `);
  });

  it('refuses a database URL that is not postgres://, hiding its password', async () => {
    await expect(openStores({ data: freshDir(), database: 'mysql://root:hunter2@db/x' })).rejects.toThrow(
      '[lowlight] server: "--database" must be a postgres:// URL, got "mysql://***@db/x"',
    );
  });

  it('names an unreachable PostgreSQL', async () => {
    await expect(openStores({ data: freshDir(), database: 'postgres://ll:hunter2@127.0.0.1:1/lowlight' })).rejects.toThrow(
      '[lowlight] server: cannot open database "postgres://ll:***@127.0.0.1:1/lowlight": connection refused',
    );
  });

  it('names an unreachable S3 endpoint', async () => {
    await expect(openStores({ data: freshDir(), blobs: 's3://K:S@recordings?endpoint=http://127.0.0.1:1&forcePathStyle=true' })).rejects.toThrow(
      '[lowlight] server: cannot open blob store "s3://recordings at http://127.0.0.1:1": connection refused',
    );
  });

  it('requires the server key when there is no data folder', async () => {
    await expect(openStores({ database: 'postgres://127.0.0.1:1/x', blobs: 's3://b' })).rejects.toThrow('"LOWLIGHT_SERVER_KEY" is required');
  });
});

describe('parseBlobsUrl', () => {
  it('reads bucket, folder, endpoint, region, path style and credentials', () => {
    expect(parseBlobsUrl('s3://AKIA:s%2Fcret@recordings/lowlight/prod?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-west-1&forcePathStyle=true')).toEqual({
      bucket: 'recordings',
      folder: 'lowlight/prod',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 's/cret' },
    });
    expect(parseBlobsUrl('s3://recordings')).toEqual({ bucket: 'recordings', forcePathStyle: false });
  });

  it.each([
    ['https://recordings.s3.amazonaws.com', 'only s3:// is supported'],
    ['s3://b?endpont=http://x', 'unknown parameter "endpont"'],
    ['s3://b?forcePathStyle=yes', 'forcePathStyle is true or false'],
    ['not a url', 'not a URL'],
  ])('refuses %s', (url, why) => {
    expect(() => parseBlobsUrl(url)).toThrow(`[lowlight] server: "--blobs" must be s3://bucket?endpoint=…&region=…&forcePathStyle=true (${why})`);
  });

  it('hides credentials in its errors', () => {
    expect(() => parseBlobsUrl('s3://AKIA:hunter2@b?bad=1')).toThrow('got "s3://***@b?bad=1"');
  });
});

const databaseUrl = testDatabaseUrl();

describe.skipIf(!databaseUrl)('openStores with PostgreSQL and S3', () => {
  const { schemas, s3 } = postgresAndS3(databaseUrl!, ['recordings']);

  it('stores and reads a chunk with no data folder, two instances sharing the stores', async () => {
    const options = { database: await schemas.fresh(), blobs: s3().blobsUrl('recordings'), serverKey: randomBytes(32).toString('base64') };
    const [one, two] = await Promise.all([openStores(options), openStores(options)]);
    const { id } = await one.meta.createProject({ name: 'Shop', origins: [] });
    expect(await storeAndReadChunk(one, id)).toEqual(plain);
    expect(await readChunk(two, id)).toEqual(plain);
    await Promise.all([one.close(), two.close()]);
  });

  it('names a missing bucket', async () => {
    await expect(openStores({ database: await schemas.fresh(), blobs: s3().blobsUrl('nope'), serverKey: randomBytes(32).toString('base64') })).rejects.toThrow(
      `[lowlight] server: cannot open blob store "s3://nope at ${s3().endpoint}": bucket not found`,
    );
  });
});
