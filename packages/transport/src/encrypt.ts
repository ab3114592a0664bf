import type { BatchEnvelope, Encryptor } from './types';

/**
 * The scheme's name on the wire. Each batch gets a fresh ephemeral P-256 key:
 * ECDH with the site owner's public key, HKDF-SHA-256 (salt: the ephemeral
 * public key) to an AES-256-GCM key, and the batch id `sid/pid/seq` as
 * additional data, so a ciphertext cannot be passed off as another batch.
 *
 * Body layout: ephemeral public key (65 bytes, uncompressed point) ‖ IV (12
 * bytes) ‖ ciphertext with its 16-byte tag. See docs/protocol.md.
 */
export const CIPHER = 'p256-hkdf-sha256-aes256gcm';

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const POINT_BYTES = 65;
const IV_BYTES = 12;

const toBase64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const fromBase64Url = (text: string): Uint8Array =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));

const batchId = ({ sid, pid, seq }: Pick<BatchEnvelope, 'sid' | 'pid' | 'seq'>): Uint8Array => new TextEncoder().encode(`${sid}/${pid}/${seq}`);

async function batchKey(privateKey: CryptoKey, publicKey: CryptoKey, salt: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const material = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: new TextEncoder().encode('lowlight/1 batch') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/**
 * End-to-end encryption to the site owner's public key (opt-in): every batch
 * is encrypted in the browser, after compression, so the network and any
 * hosted backend see only ciphertext. Only the holder of the private key can
 * read a recording.
 *
 * @param publicKey the recipient's P-256 public key as base64url of its
 *   uncompressed point, as `generateKeyPair()` prints it.
 * @example
 * fetchTransport({ endpoint, encrypt: encryptTo('BPx1…') })
 */
export function encryptTo(publicKey: string): Encryptor {
  let point: Uint8Array | undefined;
  try {
    point = fromBase64Url(publicKey);
  } catch {
    point = undefined;
  }
  if (point?.length !== POINT_BYTES || point[0] !== 4) {
    throw new Error(`[lowlight] transport: "publicKey" must be a P-256 public key as base64url (65 bytes), got ${JSON.stringify(publicKey)}`);
  }
  let recipient: Promise<CryptoKey> | undefined;
  return {
    cipher: CIPHER,
    async encrypt(body, envelope) {
      recipient ??= crypto.subtle.importKey('raw', point as BufferSource, CURVE, false, []);
      const ephemeral = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
      const ephemeralPoint = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
      const key = await batchKey(ephemeral.privateKey, await recipient, ephemeralPoint, 'encrypt');
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: batchId(envelope) as BufferSource }, key, body as BufferSource);
      const sealed = new Uint8Array(POINT_BYTES + IV_BYTES + ciphertext.byteLength);
      sealed.set(ephemeralPoint);
      sealed.set(iv, POINT_BYTES);
      sealed.set(new Uint8Array(ciphertext), POINT_BYTES + IV_BYTES);
      return sealed;
    },
  };
}

/** A new recipient key pair: the public key for `encryptTo`, the private key (PKCS#8, base64url) for `decryptBatch`. Keep the private key off the web. */
export async function generateKeyPair(): Promise<{
  /** The public key, base64url of the uncompressed P-256 point: give it to `encryptTo`. */
  publicKey: string;
  /** The private key, PKCS#8 as base64url: give it to `decryptBatch`, on your server only. */
  privateKey: string;
}> {
  const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
  return {
    publicKey: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))),
    privateKey: toBase64Url(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))),
  };
}

/**
 * Decrypts a batch body on the server (Node or any WebCrypto runtime). Throws
 * if the body was altered, or belongs to another batch id. The result is the
 * body as it was before encryption: gzip or plain JSON, as the `enc` query
 * parameter says.
 */
export async function decryptBatch(
  privateKey: string,
  body: Uint8Array,
  envelope: Pick<BatchEnvelope, 'sid' | 'pid' | 'seq'>,
): Promise<Uint8Array> {
  const recipient = await crypto.subtle.importKey('pkcs8', fromBase64Url(privateKey) as BufferSource, CURVE, false, ['deriveBits']);
  const ephemeralPoint = body.slice(0, POINT_BYTES);
  const ephemeral = await crypto.subtle.importKey('raw', ephemeralPoint, CURVE, false, []);
  const key = await batchKey(recipient, ephemeral, ephemeralPoint, 'decrypt');
  const iv = body.slice(POINT_BYTES, POINT_BYTES + IV_BYTES);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: batchId(envelope) as BufferSource }, key, body.slice(POINT_BYTES + IV_BYTES));
  return new Uint8Array(plain);
}
