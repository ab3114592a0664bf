import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileBlobStore } from './fileBlobs';
import { testBlobStore } from './testBlobStore';

const dir = mkdtempSync(join(tmpdir(), 'lowlight-blobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let roots = 0;
const freshRoot = () => join(dir, `blobs-${roots++}`);

testBlobStore('Files', () => openFileBlobStore(freshRoot()));

describe('File BlobStore', () => {
  it('writes each blob as one file under root/{project}/{session}/{chunk}, leaving no temporary file, readable by the owner only', async () => {
    const root = freshRoot();
    const blobs = await openFileBlobStore(root);
    await Promise.all(Array.from({ length: 20 }, (_, n) => blobs.put(`p1/s1/c${n}`, new Uint8Array(1000).fill(n))));
    expect(readdirSync(join(root, 'p1', 's1')).sort()).toEqual(Array.from({ length: 20 }, (_, n) => `c${n}`).sort());
    expect(statSync(join(root, 'p1', 's1', 'c0')).mode & 0o777).toBe(0o600);
  });

  it('never shows a reader a partly written blob', async () => {
    const blobs = await openFileBlobStore(freshRoot());
    const big = (fill: number) => new Uint8Array(1 << 20).fill(fill);
    await blobs.put('p1/s1/c1', big(1));
    const reads: Promise<Uint8Array | null>[] = [];
    const write = blobs.put('p1/s1/c1', big(2));
    for (let n = 0; n < 20; n++) reads.push(blobs.get('p1/s1/c1'));
    await write;
    for (const read of await Promise.all(reads)) {
      expect(read?.length).toBe(1 << 20);
      expect(new Set([read![0], read![read!.length - 1]]).size).toBe(1);
    }
  }, 30_000);

  it('ignores a temporary file a crash left behind, and deletes it with its session', async () => {
    const root = freshRoot();
    const blobs = await openFileBlobStore(root);
    await blobs.put('p1/s1/c1', new Uint8Array([1]));
    writeFileSync(join(root, 'p1', 's1', '.0123456789abcdef.tmp'), 'half');
    expect(await blobs.list('p1/')).toEqual(['p1/s1/c1']);
    await blobs.deletePrefix('p1/s1/');
    expect(readdirSync(join(root, 'p1'))).toEqual([]);
  });
});
