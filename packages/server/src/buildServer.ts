import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { adminPlugin } from './admin/plugin';
import { bearerToken, type Authenticate } from './admin/auth';
import { tombstoneHasher } from './admin/tombstones';
import { HttpError } from './httpError';
import { INGEST_LIMITS, type IngestLimits } from './ingest/decodeBatch';
import { INGEST_RATE_LIMITS, ingestPlugin, type IngestRateLimits } from './ingest/plugin';
import { loggerConfig, type LoggerOptions } from './logging';
import type { Stores } from './stores/types';
import type { LoginStore } from './auth/loginStore';
import { anyOf, viewerAuthenticate } from './auth/viewerAuth';
import { viewerPlugin } from './viewer/plugin';

/** Options of `buildServer`. */
export interface ServerOptions {
  /** The stores from `openStores`. */
  stores: Stores;
  /** Secret for the keyed hashes that tombstones hold (derived from the server key by the CLI). */
  tombstoneSecret: Uint8Array;
  /** `false` for no logs; by default pino JSON lines on stdout, never with an IP address. */
  logger?: LoggerOptions;
  /** Ingest size caps, over the defaults. */
  limits?: Partial<IngestLimits>;
  /** Ingest rate limits, over the defaults. */
  rateLimits?: Partial<IngestRateLimits>;
  /**
   * Who may use the rights API (delete, export, retention, session list). By
   * default a bearer token equal to `adminToken`; with neither, that API
   * refuses everyone. A login-based authenticator can replace it.
   */
  authenticate?: Authenticate;
  /** The bearer token of the rights API, when `authenticate` is not given. */
  adminToken?: string;
  /** The clock, for tests. */
  now?: () => number;
  /** The replay viewer (login, pages, replay API); its sessions also open the rights API. */
  viewer?: {
    /** The viewer's logins, e.g. from `openLoginStore`. */
    logins: LoginStore;
    /**
     * 32 bytes that sign the short-lived chunk URLs and device cookies; the CLI derives it from the server key,
     * so every instance agrees.
     */
    secret: Uint8Array;
  };
}

/**
 * The HTTP server: ingest (`/i/:key`), the rights API (`/api/…`) and a health
 * check, composed from one Fastify plugin per concern. Listening is the
 * caller's choice (`app.listen`), so tests can use `inject()` or a real port.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  // trustProxy stays off: the only address the server sees is the peer's, used for rate limiting and forgotten.
  const app = Fastify({ logger: loggerConfig(options.logger), trustProxy: false, bodyLimit: 64 * 1024 });
  app.setErrorHandler(replyWithError);
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'no such route', code: 'not_found' }));

  const tombstoneHash = tombstoneHasher(options.tombstoneSecret);
  const limits = { ...INGEST_LIMITS, ...options.limits };
  await app.register(ingestPlugin, {
    context: { stores: options.stores, limits, tombstoneHash, now },
    rateLimits: { ...INGEST_RATE_LIMITS, ...options.rateLimits },
  });
  await app.register(adminPlugin, {
    prefix: '/api',
    stores: options.stores,
    tombstoneHash,
    authenticate: viewerAuth(options, now),
    now,
  });
  if (options.viewer) await app.register(viewerPlugin, { stores: options.stores, ...options.viewer, now });
  app.get('/health', async () => ({ status: 'ok' }));
  return app;
}

/** The rights API admits the admin token and, with the viewer on, a logged-in member (CSRF-checked). */
function viewerAuth(options: ServerOptions, now: () => number) {
  const admin = options.authenticate ?? bearerToken(options.adminToken);
  return options.viewer ? anyOf(admin, viewerAuthenticate(options.viewer.logins, now)) : admin;
}

/** Every error is one line of JSON with a stable code; only server faults (5xx) are logged as errors. */
function replyWithError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) {
    if (error.retryAfter !== undefined) reply.header('Retry-After', String(error.retryAfter));
    return reply.code(error.statusCode).send({ error: error.message, code: error.code });
  }
  if (error.validation) {
    return reply.code(400).send({ error: `${error.validationContext ?? 'request'} ${error.validation[0]?.instancePath ?? ''} ${error.validation[0]?.message ?? 'is invalid'}`.replace(/\s+/g, ' ').trim(), code: `bad_${error.validationContext ?? 'request'}` });
  }
  const status = error.statusCode ?? 500;
  if (status < 500) return reply.code(status).send({ error: error.message, code: FASTIFY_CODES[error.code] ?? 'bad_request' });
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send({ error: 'internal error', code: 'internal' });
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'bad_content_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_content_length',
};
