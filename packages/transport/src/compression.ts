import { askPageWorker, endPageWorker } from './pageWorker';
import type { Compressor } from './types';

declare const __LL_SCRIPT_TAG__: boolean;

const gzipInPage = async (json: string): Promise<Uint8Array> =>
  new Uint8Array(await new Response(new Response(json).body!.pipeThrough(new CompressionStream('gzip'))).arrayBuffer());

/**
 * Gzip with the browser's native `CompressionStream`, in the page's worker where the page allows one, in the
 * page otherwise (a Content-Security-Policy without `blob:` workers). No bundle bytes for a compressor, 1.5–2x
 * faster than fflate. Undefined where the API is missing (Safari < 16.4, Firefox < 113).
 */
export function nativeGzip(): Compressor | undefined {
  if (typeof CompressionStream !== 'function') return undefined;
  return {
    encoding: 'gzip',
    async compress(json) {
      const [gzipped] = (await askPageWorker([json])) ?? [];
      return gzipped ? new Uint8Array(gzipped as ArrayBuffer) : gzipInPage(json);
    },
    close: endPageWorker,
  };
}

/**
 * Native gzip where present; otherwise fflate, loaded only then (a separate
 * chunk for bundlers). The script-tag build has no chunks, so there it sends
 * uncompressed instead of carrying fflate for browsers that are years old.
 */
export async function autoGzip(): Promise<Compressor | undefined> {
  const native = nativeGzip();
  if (native || __LL_SCRIPT_TAG__) return native;
  return (await import('./fflate')).fflateGzip;
}
