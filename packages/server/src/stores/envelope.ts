import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MetadataOps, SessionKeys, WrappedKey } from './types';

/**
 * Encryption at rest. Each session's chunks are sealed with AES-256-GCM under
 * the session's own data key; the data key is stored wrapped (sealed) by the
 * server key. Deleting the data key row makes every copy of the session's
 * chunks unreadable, in backups and object versions too (crypto-shredding).
 *
 * Sealed layout: version (1 byte) ‖ iv (12) ‖ ciphertext ‖ tag (16).
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with `aad` bound in: a blob moved to another key, or changed, fails to open. */
export function seal(key: Uint8Array, aad: string, plain: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]));
}

/** Opens what `seal` made; throws if the bytes, the key or the aad differ. */
export function unseal(key: Uint8Array, aad: string, sealed: Uint8Array): Uint8Array {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new Error('[lowlight] server: sealed data has an unknown format');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad)).setAuthTag(tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]));
  } catch {
    throw new Error('[lowlight] server: sealed data failed authentication (changed, or another key or context)');
  }
}

/** A wrapped data key is bound to its session, so a row copied to another session does not open. */
const wrapContext = (projectId: string, sid: string) => `lowlight/data-key/${projectId}/${sid}`;

/** The data keys store: the MetadataStore's two key operations. */
type KeyRows = Pick<MetadataOps, 'getDataKey' | 'putDataKey'>;

/**
 * Per-session data keys over the MetadataStore. Nothing is cached in memory,
 * so a key deleted by any instance is gone for all of them at once.
 */
export function createSessionKeys(rows: KeyRows, serverKey: Uint8Array): SessionKeys {
  const unwrap = (projectId: string, sid: string, stored: WrappedKey) => unseal(serverKey, wrapContext(projectId, sid), stored.wrapped);

  /** The session's data key, created on first use; racing instances both get the one stored first. */
  async function dataKey(projectId: string, sid: string): Promise<{ keyId: string; key: Uint8Array }> {
    const existing = await rows.getDataKey(projectId, sid);
    if (existing) return { keyId: existing.keyId, key: unwrap(projectId, sid, existing) };
    const fresh = randomBytes(32);
    const stored = await rows.putDataKey(projectId, sid, randomBytes(8).toString('hex'), seal(serverKey, wrapContext(projectId, sid), fresh));
    return { keyId: stored.keyId, key: unwrap(projectId, sid, stored) };
  }

  return {
    async seal(projectId, sid, aad, plain) {
      const { keyId, key } = await dataKey(projectId, sid);
      return { bytes: seal(key, aad, plain), keyId };
    },
    async open(projectId, sid, aad, sealed) {
      const stored = await rows.getDataKey(projectId, sid);
      if (!stored) throw new Error(`[lowlight] server: session "${sid}" has no data key (deleted), so its chunks cannot be read`);
      return unseal(unwrap(projectId, sid, stored), aad, sealed);
    },
  };
}
