import { gzip, gzipSync, strToU8 } from 'fflate';
import type { Compressor } from './types';

/**
 * Gzip with fflate, for runtimes without `CompressionStream`. The async `gzip`
 * runs in a worker; where a Content-Security-Policy forbids blob workers it
 * fails, and the batch is compressed synchronously instead.
 */
export const fflateGzip: Compressor = {
  encoding: 'gzip',
  compress: (json) =>
    new Promise((resolve) => {
      const data = strToU8(json);
      gzip(data, { level: 6 }, (error, result) => resolve(error ? gzipSync(data, { level: 6 }) : result));
    }),
};
