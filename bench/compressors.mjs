// What general-purpose compressors reach on the same bytes, in Node: gzip -9 and brotli -11 from zlib,
// zstd -19 from the `zstd` command line tool when installed (Node 20's zlib has no zstd), else null.
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

let zstdMissing = false;
function zstd19(buffer) {
  if (zstdMissing) return null;
  try {
    return execFileSync('zstd', ['-19', '-q', '-c'], { input: buffer, maxBuffer: 1 << 28 }).length;
  } catch {
    zstdMissing = true;
    return null;
  }
}

/** Compressed sizes of `texts`, each compressed on its own (as batches are), summed; null where unavailable. */
export function compressedSizes(texts) {
  const buffers = texts.map((text) => Buffer.from(text));
  const sum = (size) => {
    let total = 0;
    for (const buffer of buffers) {
      const bytes = size(buffer);
      if (bytes === null) return null;
      total += bytes;
    }
    return total;
  };
  return {
    json: sum((b) => b.length),
    gzip6: sum((b) => gzipSync(b, { level: 6 }).length),
    gzip9: sum((b) => gzipSync(b, { level: 9 }).length),
    brotli11: sum((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length),
    zstd19: sum(zstd19),
  };
}
