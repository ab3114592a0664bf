import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../httpError';
import type { Project } from '../stores/types';
import { allowOrigin, originAllowed } from './cors';
import { ingestBatch, type IngestContext, type IngestResult } from './ingestBatch';
import { createRateLimiter, type RateLimit } from './rateLimit';
import { IngestParams, IngestQuery } from './schemas';

export interface IngestRateLimits {
  /** Batches per ingest key, across all clients (per process). */
  perKey: RateLimit;
  /** Batches per client, keyed by a salted hash of its address that lives only in memory. */
  perClient: RateLimit;
}

export const INGEST_RATE_LIMITS: IngestRateLimits = {
  perKey: { perSecond: 500, burst: 1000 },
  perClient: { perSecond: 10, burst: 50 },
};

export interface IngestPluginOptions {
  context: IngestContext;
  rateLimits: IngestRateLimits;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The project whose ingest key the URL names, once the key was checked. */
    project?: Project;
  }
}

const RESULT_REPLIES: Record<IngestResult, { status: number; body?: { result: string } }> = {
  stored: { status: 204 },
  duplicate: { status: 200, body: { result: 'duplicate' } },
  dropped: { status: 202, body: { result: 'dropped' } },
};

/**
 * `POST /i/:ingestKey?v=2&sid=…&pid=…&seq=…&enc=…[&cipher=…]` (docs/protocol.md).
 * Cheap refusals (rate limits, cookies, unknown keys, foreign origins) happen
 * before the body is read; the body is then capped, decompressed under a cap
 * and checked by `ingestBatch`.
 */
export async function ingestPlugin(app: FastifyInstance, { context, rateLimits }: IngestPluginOptions): Promise<void> {
  const perKey = createRateLimiter(rateLimits.perKey);
  const perClient = createRateLimiter(rateLimits.perClient);
  // Fresh at every start and never written anywhere: the client bucket key cannot be turned back into an address.
  const clientSalt = randomBytes(32);
  const clientId = (request: FastifyRequest) => createHash('sha256').update(clientSalt).update(request.ip).digest('base64url');

  // Bodies are gzip or JSON bytes whatever the Content-Type says (the SDK sends text/plain to stay CORS-simple).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: context.limits.maxBodyBytes }, (_request, body, done) => done(null, body));

  async function admit(request: FastifyRequest<{ Params: { ingestKey: string } }>, reply: FastifyReply): Promise<void> {
    const origin = request.headers.origin;
    const project = await context.stores.meta.getProjectByKey(request.params.ingestKey);
    if (!project) throw new HttpError(404, 'unknown_key', 'no project has this ingest key');
    if (project.revokedAt !== null) throw new HttpError(403, 'revoked_key', 'this ingest key was revoked');
    if (!originAllowed(project, origin)) throw new HttpError(403, 'origin_not_allowed', 'this page origin is not allowed for the project');
    // From here on the page may read the answer, including a 429's Retry-After.
    allowOrigin(reply, origin);
    // Never read, never set: a cookie on an ingest request means a client the SDK is not.
    if (request.headers.cookie !== undefined) throw new HttpError(400, 'cookies_not_accepted', 'ingest requests must not carry cookies');
    const wait = perClient.take(clientId(request)) || perKey.take(project.id);
    if (wait) throw new HttpError(429, 'rate_limited', 'too many batches; retry later', wait);
    request.project = project;
  }

  app.options<{ Params: IngestParams }>('/i/:ingestKey', { schema: { params: IngestParams } }, async (request, reply) => {
    const project = await context.stores.meta.getProjectByKey(request.params.ingestKey);
    if (!project || !originAllowed(project, request.headers.origin)) return reply.code(204).send();
    allowOrigin(reply, request.headers.origin);
    return reply.code(204).header('Access-Control-Allow-Methods', 'POST').header('Access-Control-Allow-Headers', 'Content-Type').header('Access-Control-Max-Age', '86400').send();
  });

  app.post<{ Params: IngestParams; Querystring: IngestQuery; Body: Buffer }>(
    '/i/:ingestKey',
    { schema: { params: IngestParams, querystring: IngestQuery }, onRequest: admit },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new HttpError(400, 'empty_body', 'the request has no batch body');
      const result = await ingestBatch(context, request.project!, request.query, request.body);
      const { status, body } = RESULT_REPLIES[result];
      return reply.code(status).send(body);
    },
  );
}
