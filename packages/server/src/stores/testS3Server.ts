import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { testSchemas } from './testDatabase';

/** s3rver's fixed credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

// s3rver signs ListObjectsV2 continuation tokens with DES, which Node 20's OpenSSL 3 keeps in its legacy provider:
// so it runs in its own process with that provider on, like a real S3 service would run apart from the server.
const SERVER = `
import S3rver from 's3rver';
const [directory, buckets] = process.argv.slice(1);
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: buckets.split(',').map((name) => ({ name })) });
const { port } = await server.run();
console.log(port);
`;

/**
 * An S3-compatible server on loopback for tests (s3rver in a child process,
 * files in a temporary folder), with the given buckets. `blobsUrl(bucket)` is
 * the `--blobs` URL for it.
 */
export async function startTestS3Server(buckets: string[]) {
  const directory = mkdtempSync(join(tmpdir(), 'lowlight-s3-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '--input-type=module', '-e', SERVER, directory, buckets.join(',')], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout }), 'line'), once(child, 'exit')])) as [string];
  if (!/^\d+$/.test(String(line))) throw new Error(`[lowlight] test S3 server did not start (exit ${line})`);
  const endpoint = `http://127.0.0.1:${line}`;
  return {
    endpoint,
    directory,
    blobsUrl: (bucket: string) =>
      `s3://${S3RVER_CREDENTIALS.accessKeyId}:${S3RVER_CREDENTIALS.secretAccessKey}@${bucket}?endpoint=${encodeURIComponent(endpoint)}&forcePathStyle=true&region=us-east-1`,
    async close() {
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * For a suite on PostgreSQL and S3: an S3 server with `buckets` runs for the
 * suite's length, and the PostgreSQL schemas handed out are dropped after it.
 */
export function postgresAndS3(databaseUrl: string, buckets: string[]) {
  const schemas = testSchemas(databaseUrl);
  let s3: Awaited<ReturnType<typeof startTestS3Server>> | undefined;
  beforeAll(async () => {
    s3 = await startTestS3Server(buckets);
  });
  afterAll(async () => {
    await s3?.close();
    await schemas.dropAll();
  });
  return { schemas, s3: () => s3! };
}
