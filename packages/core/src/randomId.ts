/** A random 128-bit id as 32 hex characters, from the browser's cryptographic generator. */
export function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
