import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate } from '../admin/auth';
import { HttpError } from '../httpError';
import type { LoginStore, ViewerSession } from './loginStore';

export const SESSION_COOKIE = 'll_session';
/** A viewer session lasts a working day, then the member logs in again. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/**
 * Failures allowed (per email and client, see deviceCookie.ts) before attempts are refused for a while; each
 * further failure doubles the wait, up to 15 minutes. The wait always ends: no password is locked out for good.
 */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

/** When a client that just failed `failures` times for an email may try again (0: right away). */
export function lockedUntil(now: number, failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES));
}

/** A cookie of the request, read by hand: the server has no cookie parser, and ingest refuses cookies anyway. */
export function cookieValue(request: FastifyRequest, cookie: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return value.join('=') || null;
  }
  return null;
}

/** The session cookie's token. */
export const sessionToken = (request: FastifyRequest): string | null => cookieValue(request, SESSION_COOKIE);

/** `Secure` everywhere but plain-HTTP development on this machine, where the browser would drop a Secure cookie. */
export const isLocalHost = (hostname: string) => ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname);

export function sessionCookie(request: FastifyRequest, token: string, maxAgeSeconds: number): string {
  const secure = isLocalHost(request.hostname) ? '' : '; Secure';
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${maxAgeSeconds}${secure}`;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in viewer, once `loadViewer` found their session. */
    viewer?: ViewerSession;
  }
}

/** Finds the request's viewer session (and remembers it on the request); null without a live one. */
export async function loadViewer(logins: LoginStore, request: FastifyRequest, now: number): Promise<ViewerSession | null> {
  const token = sessionToken(request);
  const session = token ? await logins.findSession(token, now) : null;
  if (session) request.viewer = session;
  return session;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a cross-site state change: the `Origin` header (every browser sends
 * it on POST and DELETE) must name this host. Login uses this alone, since there
 * is no session yet to tie a token to.
 */
export function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // "null" and other opaque origins are cross-site.
  }
  if (host !== request.headers.host) throw new HttpError(403, 'cross_origin', 'this request must come from the viewer itself');
}

const equalText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The synchronizer token: every page embeds its session's CSRF token, and a
 * state-changing request must send it back (header `X-CSRF-Token`, or form
 * field `_csrf`), on top of the `Origin` check.
 */
export function assertCsrf(request: FastifyRequest, session: ViewerSession): void {
  assertSameOrigin(request);
  const header = request.headers['x-csrf-token'];
  const field = (request.body as Record<string, unknown> | undefined)?._csrf;
  const given = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
  if (!equalText(given, session.csrfToken)) throw new HttpError(403, 'bad_csrf_token', 'missing or wrong CSRF token; reload the page');
}

/** Authenticates the rights API by viewer session: a cookie, plus the CSRF token on anything but a read. */
export function viewerAuthenticate(logins: LoginStore, now: () => number): Authenticate {
  return async (request) => {
    const session = await loadViewer(logins, request, now());
    if (!session) return null;
    if (!SAFE_METHODS.has(request.method)) assertCsrf(request, session);
    return { name: session.email };
  };
}

/** The first authenticator that admits the request wins (admin bearer token, or a viewer session). */
export function anyOf(...authenticators: Authenticate[]): Authenticate {
  return async (request) => {
    for (const authenticate of authenticators) {
      const who = await authenticate(request);
      if (who) return who;
    }
    return null;
  };
}

/** Pages send the browser to the login form (and back afterwards); API calls get a 401. */
export function refuseWithoutViewer(request: FastifyRequest, reply: FastifyReply, api: boolean) {
  if (api) throw new HttpError(401, 'unauthorized', 'log in to the viewer first');
  return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
}
