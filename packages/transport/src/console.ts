import { createTransport, type TransportOptions } from './createTransport';
import type { Transport } from './types';
import { batchEvents } from './wire';

/**
 * Logs each batch's envelope and events (as rrweb's, what the wire leaves out put back) to the console instead of sending it:
 * to see, during development, exactly what would leave the page.
 *
 * @example
 * createRecorder({ transport: consoleTransport() })
 */
export function consoleTransport(options: Omit<TransportOptions, 'compression' | 'encrypt' | 'offlineQueue'> = {}): Transport {
  const decoder = new TextDecoder();
  return createTransport({ name: 'lowlight/console', ...options, compression: null, offlineQueue: null }, async (batch) => {
    console.log('[lowlight] batch', batch.envelope, batchEvents(JSON.parse(decoder.decode(batch.body))));
    return { status: 200 };
  });
}
