import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openS3BlobStore } from './s3Blobs';
import { testBlobStore } from './testBlobStore';
import { S3RVER_CREDENTIALS, startTestS3Server } from './testS3Server';

let s3: Awaited<ReturnType<typeof startTestS3Server>>;
beforeAll(async () => {
  s3 = await startTestS3Server(['lowlight-test', 'shared']);
});
afterAll(() => s3.close());

let next = 0;
const options = (bucket: string) => ({ bucket, endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', credentials: S3RVER_CREDENTIALS });

// Each store of the suite starts empty: its own folder of the bucket.
testBlobStore('S3 (s3rver)', () => openS3BlobStore({ ...options('lowlight-test'), folder: `run-${next++}`, pageSize: 100 }));

describe('S3 BlobStore', () => {
  it('keeps its keys under a folder of a shared bucket, apart from other folders', async () => {
    const a = await openS3BlobStore({ ...options('shared'), folder: 'a/' });
    const b = await openS3BlobStore({ ...options('shared'), folder: 'b' });
    await a.put('p1/s1/c1', new Uint8Array([1]));
    await b.put('p1/s1/c1', new Uint8Array([2]));
    expect(await a.list('')).toEqual(['p1/s1/c1']);
    await a.deletePrefix('p1/');
    expect(await a.get('p1/s1/c1')).toBeNull();
    expect(await b.get('p1/s1/c1')).toEqual(new Uint8Array([2]));
    await Promise.all([a.close(), b.close()]);
  });

  it('names the bucket when it does not exist, and the endpoint when nothing answers', async () => {
    await expect(openS3BlobStore(options('missing-bucket'))).rejects.toThrow(
      `[lowlight] server: cannot open blob store "s3://missing-bucket at ${s3.endpoint}": bucket not found`,
    );
    await expect(openS3BlobStore({ ...options('shared'), endpoint: 'http://127.0.0.1:1' })).rejects.toThrow(
      '[lowlight] server: cannot open blob store "s3://shared at http://127.0.0.1:1": connection refused',
    );
  });
});
