import type { FastifyInstance } from 'fastify';
import { HttpError } from '../httpError';
import type { MetadataStore } from '../stores/types';
import { verifyPassword } from '../users';
import { loginPage } from '../viewer/pages';
import { deviceCookies } from './deviceCookie';
import type { LoginStore } from './loginStore';
import { assertCsrf, assertSameOrigin, loadViewer, lockedUntil, SESSION_TTL_MS, sessionCookie, sessionToken } from './viewerAuth';

export interface LoginRoutesOptions {
  meta: MetadataStore;
  logins: LoginStore;
  /** Signs device cookies. */
  secret: Uint8Array;
  now(): number;
}

/**
 * A well-formed hash of no password: an unknown email costs the same scrypt
 * time as a known one, so response times do not tell which emails exist.
 */
const NO_USER_HASH = 'scrypt$131072$8$1$bm8tdXNlci1zYWx0LTE2$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Only a path on this server: `next` must not send a member to another site after login. */
const localPath = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/sessions');

/** `GET /login`, `POST /login` and `POST /logout`. */
export async function loginRoutes(app: FastifyInstance, { meta, logins, secret, now }: LoginRoutesOptions): Promise<void> {
  const devices = deviceCookies(secret);
  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    return reply.type('text/html; charset=utf-8').send(loginPage({ next: localPath(request.query.next) }));
  });

  app.post<{ Body: Record<string, string | undefined> }>('/login', async (request, reply) => {
    assertSameOrigin(request);
    const email = (request.body?.email ?? '').trim().toLowerCase();
    const password = request.body?.password ?? '';
    const next = localPath(request.body?.next);
    const page = (status: number, error: string) => reply.code(status).type('text/html; charset=utf-8').send(loginPage({ next, email, error }));
    if (!email || !password || email.length > 320 || password.length > 1024) return page(400, 'Enter your email and password.');

    // A browser this email logged in from before has its own counter; every other client shares one.
    const device = devices.deviceOf(request, email, now());
    const locked = (await logins.failures(email, device)).lockedUntil - now();
    if (locked > 0) return page(429, `Too many failed attempts. Try again in ${Math.ceil(locked / 1000)} seconds.`);

    const user = await meta.getUser(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? NO_USER_HASH);
    if (!user || !valid) {
      await logins.recordFailure(email, device, (failures) => lockedUntil(now(), failures));
      return page(401, 'Wrong email or password.');
    }
    await logins.clearFailures(email, device);
    const { token } = await logins.createSession(user.email, now(), SESSION_TTL_MS);
    reply.header('Set-Cookie', [sessionCookie(request, token, SESSION_TTL_MS / 1000), devices.issue(request, user.email, device, now())]);
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (request, reply) => {
    const session = await loadViewer(logins, request, now());
    if (!session) throw new HttpError(401, 'unauthorized', 'not logged in');
    assertCsrf(request, session);
    await logins.deleteSession(sessionToken(request)!);
    return reply.header('Set-Cookie', sessionCookie(request, '', 0)).redirect('/login', 303);
  });
}
