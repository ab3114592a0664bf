import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameSignature, signer } from './signatures';

const secret = new Uint8Array(32).fill(7);

describe('signer', () => {
  it('signs the purpose line and the parts, one per line, so stored tombstones keep matching', () => {
    const expected = createHmac('sha256', secret).update('lowlight/1 tombstone\nproj\nvisitor\nv-1').digest('hex');
    expect(signer(secret, 'tombstone')('proj', 'visitor', 'v-1').toString('hex')).toBe(expected);
  });

  it('never gives two purposes the same signature for the same parts', () => {
    expect(signer(secret, 'device')('a', 1)).not.toEqual(signer(secret, 'chunk')('a', 1));
  });
});

describe('sameSignature', () => {
  const expected = signer(secret, 'chunk')('/c/1', 5);
  it('accepts the signature, base64url, and refuses a changed, shortened or empty one', () => {
    const given = expected.toString('base64url');
    expect(sameSignature(given, expected)).toBe(true);
    expect(sameSignature(`${given[0] === 'A' ? 'B' : 'A'}${given.slice(1)}`, expected)).toBe(false);
    expect(sameSignature(given.slice(0, -2), expected)).toBe(false);
    expect(sameSignature('', expected)).toBe(false);
  });
});
