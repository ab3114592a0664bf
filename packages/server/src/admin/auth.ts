import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Who is calling the rights API; `null` refuses the request with 401. */
export type Authenticate = (request: FastifyRequest) => Promise<{ name: string } | null>;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `Authorization: Bearer <token>` equal to the admin token (from
 * `LOWLIGHT_ADMIN_TOKEN`). Without a token configured, nobody gets in.
 */
export function bearerToken(token: string | undefined): Authenticate {
  const expected = token ? digest(token) : undefined;
  return async (request) => {
    const given = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    // Comparing digests keeps the comparison constant-time whatever the lengths.
    return expected && given && timingSafeEqual(digest(given), expected) ? { name: 'admin' } : null;
  };
}
