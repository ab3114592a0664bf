import { sameSignature, signer } from '../signatures';

/** A signed chunk URL works for five minutes: long enough to fetch it, short enough that a leaked link soon dies. */
export const SIGNED_URL_TTL_MS = 5 * 60_000;

/** `ok`, or why a signed URL is refused: `expired` (ask the API for a fresh one) or `bad` (tampered or foreign). */
export type SignatureCheck = 'ok' | 'expired' | 'bad';

/**
 * Short-lived signed URLs for recorded chunks: an HMAC-SHA-256, under the
 * deployment's viewer secret, of the chunk's path (project, session and chunk
 * id) and its expiry. Only the replay API, which requires a login, hands them out.
 */
export function chunkSigner(secret: Uint8Array) {
  const mac = signer(secret, 'chunk');
  return {
    /** `path` with `?exp=…&sig=…` appended, valid until `now + SIGNED_URL_TTL_MS`. */
    sign(path: string, now: number): { url: string; expiresAt: number } {
      const expiresAt = now + SIGNED_URL_TTL_MS;
      return { url: `${path}?exp=${expiresAt}&sig=${mac(path, expiresAt).toString('base64url')}`, expiresAt };
    },
    verify(path: string, expires: string, signature: string, now: number): SignatureCheck {
      if (!sameSignature(signature, mac(path, Number(expires)))) return 'bad';
      return Number(expires) > now ? 'ok' : 'expired';
    },
  };
}
