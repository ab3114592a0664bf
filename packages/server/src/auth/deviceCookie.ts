import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sameSignature, signer } from '../signatures';
import { cookieValue, isLocalHost } from './viewerAuth';

export const DEVICE_COOKIE = 'll_device';
/** A browser stays known for half a year after its last successful login. */
export const DEVICE_TTL_MS = 182 * 86_400_000;

/**
 * Device cookies (OWASP's answer to lockout abuse without IP addresses): a
 * browser that logged in as an email gets a signed id for that email. Failed
 * logins from it are counted on its own; everyone else's share one counter, so
 * failing on purpose cannot lock a member out of a browser they already use.
 * The cookie holds no email: its signature only fits the email it was made for.
 */
export function deviceCookies(secret: Uint8Array) {
  const mac = signer(secret, 'device');
  /** The id of the request's valid device cookie for `email`, or '' (none, expired, forged, or another email's). */
  const deviceOf = (request: FastifyRequest, email: string, now: number): string => {
    const [id = '', expires = '', signature = ''] = (cookieValue(request, DEVICE_COOKIE) ?? '').split('.');
    if (!/^[\w-]{22}$/.test(id) || !/^\d{1,15}$/.test(expires) || Number(expires) <= now) return '';
    return sameSignature(signature, mac(email, id, Number(expires))) ? id : '';
  };
  return {
    deviceOf,
    /**
     * The `Set-Cookie` value for a browser that just logged in as `email`: `known` is the id `deviceOf` found for it
     * (kept, so its counter carries on); '' gets a new one.
     */
    issue(request: FastifyRequest, email: string, known: string, now: number): string {
      const id = known || randomBytes(16).toString('base64url');
      const expires = now + DEVICE_TTL_MS;
      const value = `${id}.${expires}.${mac(email, id, expires).toString('base64url')}`;
      const secure = isLocalHost(request.hostname) ? '' : '; Secure';
      return `${DEVICE_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/login; Max-Age=${DEVICE_TTL_MS / 1000}${secure}`;
    },
  };
}
