import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLoginStore } from '../../packages/server/src/auth/openLoginStore';
import { FREE_FAILURES, lockedUntil } from '../../packages/server/src/auth/viewerAuth';
import { testDatabaseUrl } from '../../packages/server/src/stores/testDatabase';
import { VIEWER_CSP } from '../../packages/server/src/viewer/plugin';
import { encodeBatch, firstBatch } from './support/batches';
import { ADMIN_TOKEN, STORE_KINDS } from './support/server';
import { logIn, startViewerServer, VIEWER_EMAIL, VIEWER_PASSWORD } from './support/viewer';

describe('viewer auth', () => {
  let server: Awaited<ReturnType<typeof startViewerServer>>;
  let sid: string;

  beforeAll(async () => {
    server = await startViewerServer();
    const batch = firstBatch({ visitorId: 'visitor-1' });
    sid = batch.sid;
    const { query, body } = encodeBatch(batch);
    expect((await fetch(`${server.ingestUrl}?${query}`, { method: 'POST', body: new Uint8Array(body) })).status).toBe(204);
  });
  afterAll(() => server?.close());

  const chunkId = () => server.stores.meta.listChunks(server.projectId, sid).then((chunks) => chunks[0]!.id);

  it('sends pages to the login form and refuses APIs without a session', async () => {
    const pages = ['/', '/sessions', `/sessions/${server.projectId}/${sid}`, '/projects'];
    for (const path of pages) {
      const response = await fetch(server.url + path, { redirect: 'manual' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const apis = [`/viewer-api/sessions/${server.projectId}/${sid}`, `/viewer-api/sessions/${server.projectId}/${sid}/chunks/${await chunkId()}`, `/api/projects/${server.projectId}/sessions`, '/api/visitors/visitor-1/export'];
    for (const path of apis) expect((await fetch(server.url + path)).status, path).toBe(401);
    expect((await fetch(`${server.url}/api/projects/${server.projectId}/sessions/${sid}`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${server.url}/logout`, { method: 'POST' })).status).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure outside localhost, and stores only its hash', async () => {
    const login = (host: string) =>
      server.app.inject({ method: 'POST', url: '/login', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ email: VIEWER_EMAIL, password: VIEWER_PASSWORD }).toString() });
    const [local = '', device] = (await login('127.0.0.1:1')).headers['set-cookie'] as string[];
    expect(local).toMatch(/^ll_session=[\w-]{43}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=43200$/);
    expect(device).toMatch(/^ll_device=[\w-]{22}\.\d+\.[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/login; Max-Age=\d+$/);
    const remote = (await login('viewer.example.com')).headers['set-cookie'] as string[];
    for (const cookie of remote) expect(cookie).toMatch(/; Secure$/);
    const token = /ll_session=([^;]+)/.exec(local)![1]!;
    const db = Buffer.concat([await readFile(join(server.dir, 'lowlight.db')), await readFile(join(server.dir, 'lowlight.db-wal')).catch(() => Buffer.alloc(0))]);
    expect(db.includes(token)).toBe(false);
  });

  it('serves pages with the strict CSP and no inline script', async () => {
    const { cookie } = await logIn(server.url);
    for (const path of ['/login', '/sessions', `/sessions/${server.projectId}/${sid}`, '/projects']) {
      const response = await fetch(server.url + path, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toBe(VIEWER_CSP);
      const scripts = (await response.text()).match(/<script[^>]*>/g) ?? [];
      for (const tag of scripts) expect(tag, path).toMatch(/^<script src="\/assets\/[a-z-]+\.js" defer>$/);
    }
  });

  it('refuses a state change with a missing or forged CSRF token, or from another origin', async () => {
    const { cookie, csrf } = await logIn(server.url);
    const retention = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/projects/${server.projectId}/retention`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{"days":7}' });
    expect((await retention({})).status).toBe(403);
    expect((await retention({ 'x-csrf-token': csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).status).toBe(403);
    expect((await retention({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await server.stores.meta.getProject(server.projectId))!.retentionDays).toBe(30);
    // Another member's token does not fit this session either.
    const other = await logIn(server.url);
    expect((await retention({ 'x-csrf-token': other.csrf })).status).toBe(403);
    expect((await retention({ 'x-csrf-token': csrf, origin: server.url })).status).toBe(200);
    expect((await server.stores.meta.getProject(server.projectId))!.retentionDays).toBe(7);
    // Logout needs the token too.
    const logout = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=forged' });
    expect(logout.status).toBe(403);
  });

  it('ends the session on the server at logout: the old cookie no longer works', async () => {
    const { cookie, csrf } = await logIn(server.url);
    const logout = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}` });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(/^ll_session=; .*Max-Age=0/);
    expect((await fetch(`${server.url}/sessions`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
    expect((await fetch(`${server.url}/viewer-api/sessions/${server.projectId}/${sid}`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/projects/${server.projectId}/retention`, { headers: { cookie } })).status).toBe(401);
  });

  it('keeps the admin bearer token working beside viewer sessions', async () => {
    const response = await fetch(`${server.url}/api/projects/${server.projectId}/retention`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
  });

  it('refuses a login posted from another origin, and a next= pointing off-site', async () => {
    const cross = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: VIEWER_EMAIL, password: VIEWER_PASSWORD }) });
    expect(cross.status).toBe(403);
    const offsite = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: VIEWER_EMAIL, password: VIEWER_PASSWORD, next: '//evil.example/' }) });
    expect(offsite.headers.get('location')).toBe('/sessions');
  });
});

describe('failed logins', () => {
  let server: Awaited<ReturnType<typeof startViewerServer>>;
  // The server's clock, moved by hand: waits are tested without sleeping.
  let clock = Date.now();

  beforeAll(async () => {
    server = await startViewerServer({ server: { now: () => clock } });
  });
  afterAll(() => server?.close());

  const attempt = (password: string, cookie = '') =>
    fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: VIEWER_EMAIL, password }) });
  const deviceCookie = (response: Response) => /ll_device=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
  const failures = async (device = '') => {
    const store = await openLoginStore(server.database);
    const counted = await store.failures(VIEWER_EMAIL, device);
    await store.close();
    return counted;
  };

  it('slows a stranger down with a growing wait that always ends, counted in the database', async () => {
    for (let i = 0; i < FREE_FAILURES - 1; i += 1) expect((await attempt('wrong')).status).toBe(401);
    expect((await failures()).lockedUntil).toBe(0);
    expect((await attempt('wrong')).status).toBe(401);
    // The counter lives in the database, so every instance sees it.
    expect(await failures()).toEqual({ failures: FREE_FAILURES, lockedUntil: clock + 30_000 });
    const slowed = await attempt(VIEWER_PASSWORD);
    expect(slowed.status).toBe(429);
    expect(await slowed.text()).toContain('Try again in 30 seconds');
    // The wait ends; one more failure doubles it.
    clock += 30_000;
    expect((await attempt('wrong')).status).toBe(401);
    expect((await failures()).lockedUntil).toBe(clock + 60_000);
    clock += 60_000;
    expect((await attempt(VIEWER_PASSWORD)).status).toBe(303);
    expect(await failures()).toEqual({ failures: 0, lockedUntil: 0 });
  });

  it('lets a member in from a browser they logged in from before, while someone fails on purpose for their email', async () => {
    const member = deviceCookie(await attempt(VIEWER_PASSWORD));
    // An attacker without that browser's cookie keeps failing, so strangers wait (up to 15 minutes, then again).
    for (let i = 0; i < FREE_FAILURES; i += 1) await attempt('guess');
    expect((await failures()).lockedUntil).toBe(clock + 30_000);
    expect(lockedUntil(clock, FREE_FAILURES + 20)).toBe(clock + 15 * 60_000);
    expect((await attempt(VIEWER_PASSWORD)).status).toBe(429);
    // The member's browser is not held up.
    const back = await attempt(VIEWER_PASSWORD, member);
    expect(back.status).toBe(303);
    expect(back.headers.get('set-cookie')).toContain('ll_session=');
    // A forged or tampered device cookie counts as no device cookie.
    const tampered = member.replace(/\.([\w-])([\w-]{42})$/, (_match, char: string, rest: string) => `.${char === 'A' ? 'B' : 'A'}${rest}`);
    expect((await attempt(VIEWER_PASSWORD, tampered)).status).toBe(429);
    expect((await attempt(VIEWER_PASSWORD, 'll_device=AAAAAAAAAAAAAAAAAAAAAA.99999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(429);
  });

  it('slows down guesses from a known browser on their own counter', async () => {
    clock += 15 * 60_000; // past the wait the previous test left
    const browser = deviceCookie(await attempt(VIEWER_PASSWORD));
    const id = /ll_device=([\w-]{22})\./.exec(browser)![1]!;
    const before = await failures();
    for (let i = 0; i < FREE_FAILURES; i += 1) expect((await attempt('wrong', browser)).status).toBe(401);
    expect((await attempt(VIEWER_PASSWORD, browser)).status).toBe(429);
    expect((await failures(id)).failures).toBe(FREE_FAILURES);
    expect(await failures()).toEqual(before);
  });
});

// Under CI=true a missing LOWLIGHT_TEST_DATABASE_URL throws here, so this suite fails rather than skips.
const databaseUrl = testDatabaseUrl();

describe.skipIf(!databaseUrl)('viewer logins on PostgreSQL', () => {
  let server: Awaited<ReturnType<typeof startViewerServer>>;

  beforeAll(async () => {
    server = await startViewerServer({ kind: STORE_KINDS.find((kind) => kind.database) });
  });
  afterAll(() => server?.close());

  it('logs in, keeps the session in PostgreSQL (hash only), and ends it at logout', async () => {
    expect(server.database).toHaveProperty('database');
    const { cookie, csrf } = await logIn(server.url);
    expect((await fetch(`${server.url}/sessions`, { headers: { cookie } })).status).toBe(200);
    // A second instance (its own pool on the same schema) sees the session.
    const elsewhere = await openLoginStore(server.database);
    const token = decodeURIComponent(cookie.split('=')[1]!);
    expect((await elsewhere.findSession(token, Date.now()))?.email).toBe(VIEWER_EMAIL);
    const logout = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}` });
    expect(logout.status).toBe(303);
    expect(await elsewhere.findSession(token, Date.now())).toBeNull();
    expect((await fetch(`${server.url}/sessions`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
    await elsewhere.close();
  });

  it('counts failed logins in PostgreSQL', async () => {
    const wrong = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: VIEWER_EMAIL, password: 'wrong' }) });
    expect(wrong.status).toBe(401);
    const elsewhere = await openLoginStore(server.database);
    expect((await elsewhere.failures(VIEWER_EMAIL, '')).failures).toBe(1);
    await elsewhere.close();
  });
});
