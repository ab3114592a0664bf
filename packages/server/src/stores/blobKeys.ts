/** One path segment: letters, digits, `_`, `-` and inner dots; never `.`/`..` or a hidden name. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const isPath = (text: string) => text.split('/').every((segment) => SEGMENT.test(segment));

/** Throws unless `key` is `segment/segment/…`: no `..`, no absolute path, no backslash, no empty segment. */
export function assertBlobKey(key: string): void {
  if (!isPath(key)) throw new Error(`[lowlight] server: blob key must be segments of [A-Za-z0-9._-] joined by "/", got ${JSON.stringify(key)}`);
}

/** Throws unless `prefix` is one or more key segments ending in "/" (or, where `allowEmpty`, ""). */
export function assertBlobPrefix(prefix: string, { allowEmpty = false } = {}): void {
  if (allowEmpty && prefix === '') return;
  if (!prefix.endsWith('/') || !isPath(prefix.slice(0, -1))) {
    throw new Error(`[lowlight] server: blob prefix must be key segments ending in "/", got ${JSON.stringify(prefix)}`);
  }
}
