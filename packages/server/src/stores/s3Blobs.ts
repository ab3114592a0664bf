import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { assertBlobKey, assertBlobPrefix } from './blobKeys';
import { storeError } from './storeErrors';
import type { BlobStore } from './types';

export interface S3BlobOptions {
  bucket: string;
  /** Keys go under this folder of the bucket (`lowlight/`), so one bucket can hold other things. */
  folder?: string;
  /** For MinIO, R2 and other S3-compatible services: `http://127.0.0.1:9000`. */
  endpoint?: string;
  region?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most self-hosted services need. */
  forcePathStyle?: boolean;
  /** Without them, the AWS SDK's default chain applies (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Keys per listing page and per DeleteObjects call: 1000, S3's maximum; smaller in tests. */
  pageSize?: number;
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** Why the bucket cannot be used, in words an operator can act on. */
function bucketProblem(error: unknown): unknown {
  const status = statusOf(error);
  if (status === 404) return new Error('bucket not found');
  if (status === 403 || status === 401) return new Error('access denied (check the credentials)');
  return error;
}

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, R2), one object per key.
 * A PUT is atomic on S3, so readers see a whole chunk or none. Checks the
 * bucket before returning, so a wrong bucket or endpoint fails at start.
 */
export async function openS3BlobStore(options: S3BlobOptions): Promise<BlobStore> {
  const { bucket } = options;
  const folder = options.folder ? `${options.folder.replace(/\/+$/, '')}/` : '';
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region ?? process.env['AWS_REGION'] ?? 'us-east-1',
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: options.credentials,
    // Checksums only where S3 requires them: several S3-compatible services reject the newer default headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    client.destroy();
    throw storeError('blob store', `s3://${bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}`, bucketProblem(error));
  }

  /** Every page of a listing under a prefix. */
  async function* pages(prefix: string): AsyncGenerator<string[]> {
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: folder + prefix, ContinuationToken: token, MaxKeys: options.pageSize ?? 1000 }),
      );
      yield (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  return {
    async put(key, bytes) {
      assertBlobKey(key);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: folder + key, Body: bytes, ContentType: 'application/octet-stream' }));
    },
    async get(key) {
      assertBlobKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: folder + key }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (statusOf(error) === 404 || (error as Error).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async list(prefix) {
      assertBlobPrefix(prefix, { allowEmpty: true });
      const keys: string[] = [];
      for await (const page of pages(prefix)) keys.push(...page.map((key) => key.slice(folder.length)));
      return keys.sort();
    },
    async deletePrefix(prefix) {
      assertBlobPrefix(prefix);
      // Deleting while listing is safe: each next page starts after the last key of the one before.
      for await (const page of pages(prefix)) {
        if (page.length === 0) continue;
        const result = await client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: page.map((Key) => ({ Key })), Quiet: true } }),
        );
        const failed = result.Errors ?? [];
        if (failed.length > 0) throw new Error(`[lowlight] server: could not delete ${failed.length} blobs under "${prefix}": ${failed[0]?.Code} ${failed[0]?.Message}`);
      }
    },
    async close() {
      client.destroy();
    },
  };
}
