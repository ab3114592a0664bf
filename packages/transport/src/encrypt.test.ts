import { describe, expect, it } from 'vitest';
import { CIPHER, decryptBatch, encryptTo, generateKeyPair } from './encrypt';

const envelope = { v: 1 as const, sid: 'a'.repeat(32), pid: 'b'.repeat(32), seq: 3, start: 1, end: 2, count: 1, policy: 'p' };
const body = new TextEncoder().encode('{"events":["secret"]}');

describe('end-to-end encryption', () => {
  it('round-trips: only the private key holder reads the batch', async () => {
    const { publicKey, privateKey } = await generateKeyPair();
    const encryptor = encryptTo(publicKey);
    const sealed = await encryptor.encrypt(body, envelope);
    expect(encryptor.cipher).toBe(CIPHER);
    expect(new TextDecoder().decode(sealed)).not.toContain('secret');
    expect(new TextDecoder().decode(await decryptBatch(privateKey, sealed, envelope))).toBe('{"events":["secret"]}');
  });

  it('uses a fresh ephemeral key and IV for every batch', async () => {
    const { publicKey } = await generateKeyPair();
    const encryptor = encryptTo(publicKey);
    const [a, b] = await Promise.all([encryptor.encrypt(body, envelope), encryptor.encrypt(body, envelope)]);
    expect(Buffer.from(a.slice(0, 77)).equals(Buffer.from(b.slice(0, 77)))).toBe(false);
  });

  it('refuses a tampered body, another batch id, or another key', async () => {
    const { publicKey, privateKey } = await generateKeyPair();
    const sealed = await encryptTo(publicKey).encrypt(body, envelope);
    const tampered = sealed.slice();
    tampered[tampered.length - 1]! ^= 1;
    await expect(decryptBatch(privateKey, tampered, envelope)).rejects.toThrow();
    await expect(decryptBatch(privateKey, sealed, { ...envelope, seq: 4 })).rejects.toThrow();
    await expect(decryptBatch((await generateKeyPair()).privateKey, sealed, envelope)).rejects.toThrow();
  });

  it('names the option when the public key is not one', () => {
    expect(() => encryptTo('not-a-key')).toThrow(/"publicKey" must be a P-256 public key/);
  });
});
