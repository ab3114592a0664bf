import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './types';

const bytes = (...values: number[]) => new Uint8Array(values);

/** The conformance suite every BlobStore runs. `open` returns a fresh, empty store. */
export function testBlobStore(name: string, open: () => Promise<BlobStore>): void {
  describe(`${name} BlobStore conformance`, () => {
    let blobs: BlobStore;
    beforeEach(async () => {
      blobs = await open();
    });
    afterEach(() => blobs.close());

    it('gets what was put, byte for byte, and null for a missing key', async () => {
      const chunk = Uint8Array.from({ length: 70_000 }, (_, n) => (n * 31) % 256);
      await blobs.put('p1/s1/c1', chunk);
      expect(await blobs.get('p1/s1/c1')).toEqual(chunk);
      expect(await blobs.get('p1/s1/c2')).toBeNull();
      expect(await blobs.get('p2/s1/c1')).toBeNull();
    });

    it('stores an empty blob', async () => {
      await blobs.put('p1/s1/empty', bytes());
      expect(await blobs.get('p1/s1/empty')).toEqual(bytes());
    });

    it('overwrites a key put again, as a retried batch does', async () => {
      await blobs.put('p1/s1/c1', bytes(1, 2, 3));
      await blobs.put('p1/s1/c1', bytes(1, 2, 3));
      expect(await blobs.get('p1/s1/c1')).toEqual(bytes(1, 2, 3));
      expect(await blobs.list('p1/')).toEqual(['p1/s1/c1']);
    });

    it('lists the keys under a prefix, sorted, and only those', async () => {
      for (const key of ['p1/s2/c1', 'p1/s1/c2', 'p1/s1/c1', 'p1/s10/c1', 'p2/s1/c1']) await blobs.put(key, bytes(1));
      expect(await blobs.list('p1/s1/')).toEqual(['p1/s1/c1', 'p1/s1/c2']);
      expect(await blobs.list('p1/')).toEqual(['p1/s1/c1', 'p1/s1/c2', 'p1/s10/c1', 'p1/s2/c1']);
      expect(await blobs.list('')).toHaveLength(5);
      expect(await blobs.list('p3/')).toEqual([]);
    });

    it('deletes everything under a session prefix and nothing beside it', async () => {
      for (const key of ['p1/s1/c1', 'p1/s1/c2', 'p1/s10/c1', 'p2/s1/c1']) await blobs.put(key, bytes(1));
      await blobs.deletePrefix('p1/s1/');
      expect(await blobs.list('')).toEqual(['p1/s10/c1', 'p2/s1/c1']);
      expect(await blobs.get('p1/s1/c1')).toBeNull();
      await blobs.deletePrefix('p1/');
      expect(await blobs.list('')).toEqual(['p2/s1/c1']);
      await blobs.deletePrefix('p9/');
    });

    // Stores that list in pages (S3: 1000 keys) are opened with pages smaller than this for the suite.
    it('lists and deletes a prefix holding 250 keys, more than one listing page', async () => {
      const keys = Array.from({ length: 250 }, (_, n) => `p1/s1/${String(n).padStart(4, '0')}`);
      for (let n = 0; n < keys.length; n += 50) await Promise.all(keys.slice(n, n + 50).map((key) => blobs.put(key, bytes(n % 256))));
      expect(await blobs.list('p1/s1/')).toEqual(keys);
      await blobs.deletePrefix('p1/s1/');
      expect(await blobs.list('')).toEqual([]);
    }, 60_000);

    it.each(['../escape', '/etc/passwd', 'p1/../../x', 'p1//c1', 'p1/./c1', 'p1\\c1', 'p1/.hidden', '', 'p1/s1/'])('refuses the key %j', async (key) => {
      await expect(blobs.put(key, bytes(1))).rejects.toThrow('[lowlight] server: blob key');
      await expect(blobs.get(key)).rejects.toThrow('[lowlight] server: blob key');
    });

    it.each(['', 'p1', '../', '/', 'p1/../', '/p1/'])('refuses to delete the prefix %j', async (prefix) => {
      await blobs.put('p1/s1/c1', bytes(1));
      await expect(blobs.deletePrefix(prefix)).rejects.toThrow('[lowlight] server: blob prefix');
      expect(await blobs.list('')).toEqual(['p1/s1/c1']);
    });
  });
}
