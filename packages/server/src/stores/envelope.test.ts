import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createSessionKeys, seal, unseal } from './envelope';
import { loadServerKey } from './serverKey';
import { openSqliteStore } from './sqlite';
import { sessionRow } from './testMetadataStore';
import type { MetadataStore } from './types';

const dir = mkdtempSync(join(tmpdir(), 'lowlight-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshDir = () => mkdtempSync(join(dir, `d${n++}-`));
const plain = new TextEncoder().encode('{"events":[{"type":2}]}');

describe('seal / unseal', () => {
  const key = randomBytes(32);

  it('round-trips, with a fresh IV each time', () => {
    const a = seal(key, 'p/s/c1', plain);
    const b = seal(key, 'p/s/c1', plain);
    expect(unseal(key, 'p/s/c1', a)).toEqual(plain);
    expect(a).not.toEqual(b);
    expect(a.length).toBe(1 + 12 + plain.length + 16);
    expect(Buffer.from(a).includes(Buffer.from('events'))).toBe(false);
  });

  it.each([
    ['the version', 0],
    ['the IV', 5],
    ['the ciphertext', 1 + 12 + 3],
    ['the tag', -1],
  ])('detects a change to %s', (_part, index) => {
    const sealed = seal(key, 'p/s/c1', plain);
    const at = index < 0 ? sealed.length + index : index;
    sealed[at] = sealed[at]! ^ 1;
    expect(() => unseal(key, 'p/s/c1', sealed)).toThrow('[lowlight] server: sealed data');
  });

  it('fails with another aad (a blob moved to another key) or another key, and on truncated bytes', () => {
    const sealed = seal(key, 'p/s/c1', plain);
    expect(() => unseal(key, 'p/s/c2', sealed)).toThrow('failed authentication');
    expect(() => unseal(randomBytes(32), 'p/s/c1', sealed)).toThrow('failed authentication');
    expect(() => unseal(key, 'p/s/c1', sealed.subarray(0, 20))).toThrow('unknown format');
  });
});

describe('session keys', () => {
  let meta: MetadataStore;
  let projectId: string;
  const serverKey = randomBytes(32);
  beforeEach(async () => {
    meta = openSqliteStore(join(freshDir(), 'meta.db'));
    await meta.migrate();
    projectId = (await meta.createProject({ name: 'Shop', origins: [] })).id;
    await meta.upsertSession(sessionRow(projectId, 's1'));
    return () => meta.close();
  });

  it('seals under a per-session key that only the server key unwraps', async () => {
    const keys = createSessionKeys(meta, serverKey);
    const one = await keys.seal(projectId, 's1', `${projectId}/s1/c1`, plain);
    const two = await keys.seal(projectId, 's2', `${projectId}/s2/c1`, plain);
    expect(one.keyId).not.toBe(two.keyId);
    expect(await keys.open(projectId, 's1', `${projectId}/s1/c1`, one.bytes)).toEqual(plain);
    expect((await keys.seal(projectId, 's1', `${projectId}/s1/c2`, plain)).keyId).toBe(one.keyId);
    await expect(createSessionKeys(meta, randomBytes(32)).open(projectId, 's1', `${projectId}/s1/c1`, one.bytes)).rejects.toThrow('failed authentication');
  });

  it('agrees on one data key when instances seal the first chunks of a session at once', async () => {
    const instances = [1, 2, 3, 4].map(() => createSessionKeys(meta, serverKey));
    const sealed = await Promise.all(instances.map((keys, i) => keys.seal(projectId, 's1', `c${i}`, plain)));
    expect(new Set(sealed.map((s) => s.keyId)).size).toBe(1);
    for (const [i, s] of sealed.entries()) expect(await instances[0]!.open(projectId, 's1', `c${i}`, s.bytes)).toEqual(plain);
  });

  it('cannot open a chunk once its session is deleted (crypto-shredding)', async () => {
    const keys = createSessionKeys(meta, serverKey);
    const { bytes } = await keys.seal(projectId, 's1', 'c1', plain);
    const backup = new Uint8Array(bytes);
    await meta.deleteSession(projectId, 's1');
    await expect(keys.open(projectId, 's1', 'c1', backup)).rejects.toThrow('has no data key (deleted)');
  });

  it('does not open a wrapped key copied to another session', async () => {
    const keys = createSessionKeys(meta, serverKey);
    const { bytes } = await keys.seal(projectId, 's1', 'c1', plain);
    const stolen = (await meta.getDataKey(projectId, 's1'))!;
    await meta.putDataKey(projectId, 's2', stolen.keyId, stolen.wrapped);
    await expect(keys.open(projectId, 's2', 'c1', bytes)).rejects.toThrow('failed authentication');
  });
});

describe('server key', () => {
  it('takes a configured base64 key of 32 bytes and refuses any other length', async () => {
    const key = randomBytes(32);
    expect(await loadServerKey({ configured: key.toString('base64') })).toEqual(new Uint8Array(key));
    await expect(loadServerKey({ configured: randomBytes(16).toString('base64') })).rejects.toThrow(
      '[lowlight] server: "LOWLIGHT_SERVER_KEY" must be 32 bytes in base64 (openssl rand -base64 32), got 16 bytes',
    );
    await expect(loadServerKey({ configured: 'not base64 at all!' })).rejects.toThrow('"LOWLIGHT_SERVER_KEY" must be 32 bytes');
  });

  it('generates a key into the data folder at first start, mode 0600, and reuses it', async () => {
    const dataDir = freshDir();
    const first = await loadServerKey({ dataDir });
    expect(first).toHaveLength(32);
    expect(statSync(join(dataDir, 'server.key')).mode & 0o777).toBe(0o600);
    expect(await loadServerKey({ dataDir })).toEqual(first);
    expect(readFileSync(join(dataDir, 'server.key'), 'utf8').trim()).toBe(Buffer.from(first).toString('base64'));
  });

  it('makes one key when two processes start at once', async () => {
    const dataDir = freshDir();
    const [a, b] = await Promise.all([loadServerKey({ dataDir }), loadServerKey({ dataDir })]);
    expect(a).toEqual(b);
  });

  it('refuses a key file others can read, and asks for a key when there is no data folder', async () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, 'server.key'), randomBytes(32).toString('base64'));
    chmodSync(join(dataDir, 'server.key'), 0o644);
    await expect(loadServerKey({ dataDir })).rejects.toThrow('must be readable by its owner only (chmod 600), got mode 644');
    await expect(loadServerKey({})).rejects.toThrow('"LOWLIGHT_SERVER_KEY" is required when there is no --data folder');
  });
});
