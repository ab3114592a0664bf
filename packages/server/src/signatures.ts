import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA-256 under a server secret of `parts`, one per line after a purpose line (`lowlight/1 device`), so a
 * signature made for one purpose never verifies for another: a device cookie's MAC is no chunk URL's.
 */
export const signer =
  (secret: Uint8Array, purpose: string) =>
  (...parts: Array<string | number>): Buffer =>
    createHmac('sha256', secret).update([`lowlight/1 ${purpose}`, ...parts].join('\n')).digest();

/** Whether a base64url signature a client sent is `expected`, compared in constant time. */
export function sameSignature(given: string, expected: Buffer): boolean {
  const bytes = Buffer.from(given, 'base64url');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}
