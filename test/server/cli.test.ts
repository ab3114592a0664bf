import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStores } from '../../packages/server/src/stores/openStores';
import { testDatabaseUrl } from '../../packages/server/src/stores/testDatabase';
import { postgresAndS3 } from '../../packages/server/src/stores/testS3Server';
import { encodeBatch, firstBatch, laterBatch } from './support/batches';
import { runCli, startCli } from './support/cli';
import { request } from './support/http';
import { logIn, VIEWER_EMAIL, VIEWER_PASSWORD } from './support/viewer';

describe('lowlight-server command line', () => {
  let dir: string;
  const data = () => ['--data', dir];

  beforeAll(async () => {
    if (!existsSync(join(import.meta.dirname, '../../packages/server/dist/cli.js'))) throw new Error('the CLI runs from dist: npm run build first');
    dir = await mkdtemp(join(tmpdir(), 'lowlight-cli-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates a project whose printed endpoint works as-is as the SDK endpoint, and keeps batches across a restart', async () => {
    let server = await startCli(data());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await runCli(['project', 'create', 'Shop', '--origin', 'https://shop.example', '--url', server.url, ...data()]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const endpoint = created.stdout.trim();
    expect(endpoint).toMatch(new RegExp(`^${server.url}/i/[A-Za-z0-9_-]+$`));

    const batch = firstBatch({ visitorId: 'cli-visitor' });
    const first = encodeBatch(batch);
    // What fetchTransport does: the endpoint, then ?v=2&sid=…
    expect((await request(`${endpoint}?${first.query}`, { body: first.body, headers: { origin: 'https://shop.example' } })).status).toBe(204);
    expect(await server.stop()).toBe(0);

    server = await startCli(data());
    const later = encodeBatch(laterBatch(batch, 1));
    expect((await request(`${server.url}${new URL(endpoint).pathname}?${later.query}`, { body: later.body })).status).toBe(204);
    await server.stop();

    const out = join(dir, 'export.json');
    expect(await runCli(['visitor', 'export', 'cli-visitor', '--out', out, ...data()])).toMatchObject({ code: 0 });
    const exported = JSON.parse(await readFile(out, 'utf8')) as { sessions: Array<{ chunks: unknown[] }> };
    expect(exported.sessions).toHaveLength(1);
    expect(exported.sessions[0]!.chunks).toHaveLength(2);

    expect(await runCli(['visitor', 'delete', 'cli-visitor', ...data()])).toMatchObject({ code: 0, stdout: 'Deleted 1 session(s) of visitor "cli-visitor"\n' });
    const empty = await runCli(['visitor', 'export', 'cli-visitor', ...data()]);
    expect(JSON.parse(empty.stdout)).toMatchObject({ sessions: [] });
  });

  it('works while a server runs on the same stores', async () => {
    const server = await startCli(data());
    try {
      const created = await runCli(['project', 'create', 'Live', '--url', server.url, ...data()]);
      const { query, body } = encodeBatch(firstBatch());
      expect((await request(`${created.stdout.trim()}?${query}`, { body })).status).toBe(204);
      expect(await runCli(['prune', '--older-than', '0d', ...data()])).toMatchObject({ code: 0, stdout: 'Deleted 1 session(s)\n' });
    } finally {
      await server.stop();
    }
  });

  it('adds a user with the password from standard input, stored as a salted scrypt hash', async () => {
    expect(await runCli(['user', 'add', 'ops@shop.example', ...data()], { input: 'correct-horse-battery\n' })).toMatchObject({ code: 0 });
    const stores = await openStores({ data: dir });
    try {
      const user = await stores.meta.getUser('ops@shop.example');
      expect(user?.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[^$]+\$[^$]+$/);
      expect(user?.passwordHash).not.toContain('correct-horse-battery');
    } finally {
      await stores.close();
    }
  });

  it('takes the stores from LOWLIGHT_DATA', async () => {
    const created = await runCli(['project', 'create', 'FromEnv'], { env: { LOWLIGHT_DATA: dir } });
    expect(created.code).toBe(0);
    expect(existsSync(join(dir, 'lowlight.db'))).toBe(true);
  });

  it.each([
    [['start', '--prot', '1'], /^\[lowlight\] server: .*--prot/],
    [['start', '--port', 'eighty'], /^\[lowlight\] server: "--port" must be a number from 0 to 65535, got "eighty"$/],
    [['project', 'create'], /^\[lowlight\] server: missing NAME$/],
    [['project', 'create', 'X', '--origin', 'https://shop.example/path'], /^\[lowlight\] server: "--origin" must be an origin/],
    [['prune', '--older-than', 'soon'], /^\[lowlight\] server: "--older-than" must be a duration/],
    [['user', 'add', 'not-an-email'], /^\[lowlight\] server: "EMAIL" must be an email address/],
    [['start', '--database', 'postgres://lowlight@127.0.0.1:9/none'], /^\[lowlight\] server: cannot open database "postgres:\/\/.*127\.0\.0\.1:9\/none"/],
  ])('fails on %j with one line naming the option or store', async (args, message) => {
    const result = await runCli([...args, ...data()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

// Under CI=true a missing LOWLIGHT_TEST_DATABASE_URL throws here, so this suite fails rather than skips.
const databaseUrl = testDatabaseUrl();

describe.skipIf(!databaseUrl)('lowlight-server start on PostgreSQL and S3', () => {
  const { schemas, s3 } = postgresAndS3(databaseUrl!, ['recordings']);

  it('serves the viewer from every instance: one login, and chunk URLs signed by one work on the other', async () => {
    const env = { LOWLIGHT_SERVER_KEY: randomBytes(32).toString('base64') };
    const stores = ['--database', await schemas.fresh(), '--blobs', s3().blobsUrl('recordings')];
    const [a, b] = [await startCli(stores, env), await startCli(stores, env)];
    try {
      expect(await runCli(['user', 'add', VIEWER_EMAIL, ...stores], { input: `${VIEWER_PASSWORD}\n`, env })).toMatchObject({ code: 0 });
      const created = await runCli(['project', 'create', 'Shop', '--url', a.url, ...stores], { env });
      const batch = firstBatch();
      const { query, body } = encodeBatch(batch);
      expect((await request(`${created.stdout.trim()}?${query}`, { body })).status).toBe(204);

      const { cookie } = await logIn(a.url);
      // The session lives in PostgreSQL, so the other instance knows it.
      const [project] = (await (await fetch(`${b.url}/api/projects`, { headers: { cookie } })).json()) as Array<{ id: string }>;
      const index = await fetch(`${b.url}/viewer-api/sessions/${project!.id}/${batch.sid}`, { headers: { cookie } });
      expect(index.status).toBe(200);
      const [chunk] = ((await index.json()) as { chunks: Array<{ url: string }> }).chunks;
      // Both derive the signing key from the same server key.
      expect((await fetch(a.url + chunk!.url)).status).toBe(200);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
