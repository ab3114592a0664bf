import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { autoGzip, nativeGzip } from './compression';
import { fflateGzip } from './fflate';

// Past ASCII too: each compressor encodes the string to UTF-8 itself.
const text = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ type: 3, data: { source: 1, x: i, text: 'café • 東京 🎉' } })));
const raw = new TextEncoder().encode(text);

describe('compression', () => {
  it.each([
    ['native CompressionStream', nativeGzip()!],
    ['fflate', fflateGzip],
  ])('%s produces standard gzip that decodes to the input', async (_name, compressor) => {
    const compressed = await compressor.compress(text);
    expect(compressed.length).toBeLessThan(raw.length / 4);
    expect(gunzipSync(compressed).toString('utf8')).toBe(text);
  });

  it('prefers the native compressor where it exists', async () => {
    const chosen = await autoGzip();
    expect(chosen).toBeDefined();
    expect(chosen).not.toBe(fflateGzip);
  });
});
