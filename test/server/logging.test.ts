import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../packages/server/src/stores/types';
import { encodeBatch, firstBatch } from './support/batches';
import { request } from './support/http';
import { startTestServer, type TestServer } from './support/server';

describe('request logs', () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let server: TestServer;
  let project: Project;

  beforeAll(async () => {
    server = await startTestServer({ server: { logger: { level: 'trace', stream } } });
    project = await server.stores.meta.createProject({ name: 'logs', origins: [] });
  });
  afterAll(() => server?.close());

  it('hold no IP address, forwarded-for header, cookie, ingest key or ids, whatever the request', async () => {
    lines.length = 0; // the start-up line names the server's own listening address, not a client's
    const batch = firstBatch();
    const { query, body } = encodeBatch(batch);
    const headers = { 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '198.51.100.23', forwarded: 'for=192.0.2.60' };
    await request(`${server.url}/i/${project.ingestKey}?${query}`, { body, headers });
    await request(`${server.url}/i/${project.ingestKey}?${query}`, { body: 'not gzip', headers });
    await request(`${server.url}/i/${project.ingestKey}?${query}`, { body, headers: { ...headers, cookie: 'sid=cookie-secret-1' } });
    await request(`${server.url}/nowhere?ip=1`, { method: 'GET', headers });
    await request(`${server.url}/api/projects`, { method: 'GET', headers: { ...headers, authorization: 'Bearer wrong-token-xyz' } });

    expect(lines.length).toBeGreaterThan(5);
    const logs = lines.join('\n');
    expect(logs).toContain('"statusCode":204');
    for (const forbidden of ['127.0.0.1', '::1', 'remoteAddress', 'remotePort', '203.0.113.77', '198.51.100.23', '192.0.2.60', 'cookie-secret-1', 'wrong-token-xyz', project.ingestKey, batch.sid, batch.pid]) {
      expect(logs).not.toContain(forbidden);
    }
  });
});
