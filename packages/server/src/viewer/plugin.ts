import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { batchEvents } from '@lowlight/transport';
import { Type, type Static } from '@sinclair/typebox';
import { HttpError } from '../httpError';
import type { LoginStore } from '../auth/loginStore';
import { loginRoutes } from '../auth/loginRoutes';
import { loadViewer, refuseWithoutViewer } from '../auth/viewerAuth';
import { HEX_ID } from '../ingest/schemas';
import type { Stores } from '../stores/types';
import { chunkSigner } from './chunkSigner';
import { projectsPage, replayPage, sessionListPage, type ListFilters } from './pages';

export interface ViewerPluginOptions {
  stores: Stores;
  logins: LoginStore;
  /** Signs chunk URLs and device cookies (see `ServerOptions.viewer`). */
  secret: Uint8Array;
  now(): number;
}

/**
 * The viewer's Content-Security-Policy. Recorded pages are rebuilt in a
 * same-origin iframe that inherits it, so their images, fonts, styles and
 * scripts can reach nothing but this server (and `data:`/`blob:` images).
 */
export const VIEWER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // rrweb writes recorded inline styles and its own replay rules into the iframe.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The folder of our own JS and CSS: next to this module in src, `dist/assets` once built (code may sit in `dist/chunks`). */
function assetsDir(): string {
  const candidates = ['./assets/', '../assets/'].map((path) => fileURLToPath(new URL(path, import.meta.url)));
  const found = candidates.find((dir) => existsSync(join(dir, 'replay.js')));
  if (!found) throw new Error(`[lowlight] server: viewer assets not found in ${candidates.join(' or ')}`);
  return found;
}

/** Read once at start: a handful of small files, plus rrweb's replayer (UMD build and its CSS) from node_modules. */
function loadAssets(): Map<string, { type: string; body: Buffer }> {
  const own = assetsDir();
  const rrweb = dirname(createRequire(import.meta.url).resolve('@rrweb/replay/dist/style.css'));
  const type = (file: string) => (file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
  const files: Array<[string, string]> = [
    ['viewer.css', join(own, 'viewer.css')],
    ['actions.js', join(own, 'actions.js')],
    ['replay.js', join(own, 'replay.js')],
    ['rrweb-replay.js', join(rrweb, 'replay.umd.min.cjs')],
    ['rrweb-replay.css', join(rrweb, 'style.min.css')],
  ];
  const assets = new Map(files.map(([name, path]) => [name, { type: type(name), body: readFileSync(path) }]));
  // The SDK's own reader of batch bodies (docs/protocol.md: timestamps and node ids), for replay.js: one definition, no copy.
  assets.set('batch-events.js', { type: type('batch-events.js'), body: Buffer.from(`var batchEvents = ${batchEvents};\n`) });
  return assets;
}

const SessionParams = Type.Object({ projectId: Type.String({ pattern: '^[0-9a-f]{1,64}$' }), sid: Type.String({ pattern: HEX_ID }) });
type SessionParams = Static<typeof SessionParams>;
const ChunkParams = Type.Object({ projectId: SessionParams.properties.projectId, sid: SessionParams.properties.sid, chunkId: Type.String({ pattern: '^[0-9a-f]{32}-\\d{1,9}$' }) });
type ChunkParams = Static<typeof ChunkParams>;
/** A signed chunk URL's query; without one, the chunk route wants a login like every other. */
const ChunkQuery = Type.Object({
  exp: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })),
  sig: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' })),
});
type ChunkQuery = Static<typeof ChunkQuery>;
const chunkPath = ({ projectId, sid, chunkId }: ChunkParams) => `/viewer-api/sessions/${projectId}/${sid}/chunks/${chunkId}`;
const ListQuery = Type.Object({
  project: Type.Optional(Type.String({ maxLength: 64 })),
  visitor: Type.Optional(Type.String({ maxLength: 2048 })),
  url: Type.Optional(Type.String({ maxLength: 2048 })),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  before: Type.Optional(Type.String({ pattern: '^\\d{1,15}:[0-9a-f]{32}$' })),
});
type ListQuery = Static<typeof ListQuery>;

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;
/** A typed date (YYYY-MM-DD) as the first millisecond of that UTC day; anything else means no bound. */
const dayStart = (text: string | undefined) => (text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : undefined);

/**
 * The replay viewer: login, session list, replay page, projects page, their
 * assets, and the two read APIs the replay page needs (chunk index, chunk
 * bytes). Every route but the login form and the assets requires a session;
 * a chunk also opens to the short-lived signed URL the (logged-in) index gave out.
 */
export async function viewerPlugin(app: FastifyInstance, { stores, logins, secret, now }: ViewerPluginOptions): Promise<void> {
  const { meta } = stores;
  const signer = chunkSigner(secret);
  const assets = loadAssets();

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', VIEWER_CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on form posts, failing the Origin check.
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });

  await app.register(loginRoutes, { meta, logins, secret, now });

  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (!asset) throw new HttpError(404, 'not_found', 'no such asset');
    return reply.type(asset.type).header('Cache-Control', 'private, max-age=300').send(asset.body);
  });

  /** Pages and viewer APIs below: a live session or nothing. */
  const requireViewer = (api: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await loadViewer(logins, request, now()))) return refuseWithoutViewer(request, reply, api);
  };
  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

  app.get('/', { preHandler: requireViewer(false) }, async (_request, reply) => reply.redirect('/sessions', 303));

  app.get<{ Querystring: ListQuery }>('/sessions', { preHandler: requireViewer(false), schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query;
    const filters: ListFilters = { project: q.project || undefined, visitor: q.visitor || undefined, url: q.url || undefined, from: q.from || undefined, to: q.to || undefined };
    const [startedAt, id] = q.before?.split(':') ?? [];
    const to = dayStart(filters.to);
    const started = performance.now();
    const sessions = await meta.listSessions({
      ...(filters.project ? { projectId: filters.project } : {}),
      ...(filters.visitor ? { visitorId: filters.visitor } : {}),
      ...(filters.url ? { url: filters.url } : {}),
      ...(dayStart(filters.from) !== undefined ? { from: dayStart(filters.from) } : {}),
      ...(to !== undefined ? { to: to + DAY_MS - 1 } : {}),
      ...(q.before ? { before: { startedAt: Number(startedAt), id: id! } } : {}),
      limit: PAGE_SIZE,
    });
    const millis = performance.now() - started;
    const last = sessions.length === PAGE_SIZE ? sessions.at(-1) : undefined;
    const next = last ? `${last.startedAt}:${last.id}` : null;
    return html(reply, sessionListPage({ csrf: request.viewer!.csrfToken, projects: await meta.listProjects(), filters, sessions, next, millis }));
  });

  app.get<{ Params: SessionParams }>('/sessions/:projectId/:sid', { preHandler: requireViewer(false), schema: { params: SessionParams } }, async (request, reply) => {
    const session = await meta.getSession(request.params.projectId, request.params.sid);
    if (!session) return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>Not found</title><p>No such session (it may have been deleted). <a href="/sessions">Back to the list</a></p>');
    const pageviews = await meta.listPageviews(session.projectId, session.id);
    return html(reply, replayPage({ csrf: request.viewer!.csrfToken, session, pageviews }));
  });

  app.get('/projects', { preHandler: requireViewer(false) }, async (request, reply) => {
    return html(reply, projectsPage({ csrf: request.viewer!.csrfToken, projects: await meta.listProjects() }));
  });

  /** A chunk opens to a valid signed URL, or to a logged-in member when the URL carries no signature at all. */
  const requireSignatureOrViewer = async (request: FastifyRequest<{ Params: ChunkParams; Querystring: ChunkQuery }>, reply: FastifyReply) => {
    const { exp, sig } = request.query;
    if (exp === undefined && sig === undefined) return requireViewer(true)(request, reply);
    const check = exp !== undefined && sig !== undefined ? signer.verify(chunkPath(request.params), exp, sig, now()) : 'bad';
    if (check === 'expired') throw new HttpError(401, 'url_expired', 'this chunk URL has expired; reload the session for fresh ones');
    if (check === 'bad') throw new HttpError(403, 'bad_signature', 'this chunk URL is not signed for this chunk');
  };

  // The replay page's data: the chunk index (with a signed URL per chunk) first, then each chunk on its own, as the player needs it.
  app.get<{ Params: SessionParams }>('/viewer-api/sessions/:projectId/:sid', { preHandler: requireViewer(true), schema: { params: SessionParams } }, async (request) => {
    const { projectId, sid } = request.params;
    const session = await meta.getSession(projectId, sid);
    if (!session) throw new HttpError(404, 'unknown_session', 'no such session');
    const chunks = (await meta.listChunks(projectId, sid)).map(({ blobKey: _key, keyId: _keyId, ...chunk }) => ({
      ...chunk,
      ...signer.sign(chunkPath({ projectId, sid, chunkId: chunk.id }), now()),
    }));
    return { session, pageviews: await meta.listPageviews(projectId, sid), chunks };
  });

  app.get<{ Params: ChunkParams; Querystring: ChunkQuery }>('/viewer-api/sessions/:projectId/:sid/chunks/:chunkId', { preHandler: requireSignatureOrViewer, schema: { params: ChunkParams, querystring: ChunkQuery } }, async (request, reply) => {
    const { projectId, sid, chunkId } = request.params;
    const chunk = await meta.getChunk(projectId, sid, chunkId);
    const sealed = chunk && (await stores.blobs.get(chunk.blobKey));
    if (!chunk || !sealed) throw new HttpError(404, 'unknown_chunk', 'no such chunk');
    // Encryption at rest comes off here; what is left is JSON encoded as the index's `enc` says, or the page's
    // end-to-end ciphertext (whose plaintext `enc` describes, for the viewer's browser to decode).
    const bytes = Buffer.from(await stores.keys.open(projectId, sid, chunk.blobKey, sealed));
    reply.header('Cache-Control', 'private, no-store');
    if (chunk.encrypted) return reply.type('application/octet-stream').header('X-Lowlight-Cipher', 'p256-hkdf-sha256-aes256gcm').send(bytes);
    if (chunk.enc === 'gzip') reply.header('Content-Encoding', 'gzip');
    return reply.type('application/json').send(bytes);
  });
}
