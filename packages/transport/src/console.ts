import { createTransport, type TransportOptions } from './createTransport';
import type { Transport } from './types';

/**
 * Logs each batch's envelope and events to the console instead of sending it:
 * to see, during development, exactly what would leave the page.
 *
 * @example
 * createRecorder({ transport: consoleTransport() })
 */
export function consoleTransport(options: Omit<TransportOptions, 'compression' | 'encrypt' | 'offlineQueue'> = {}): Transport {
  const decoder = new TextDecoder();
  return createTransport({ name: 'lowlight/console', ...options, compression: null, offlineQueue: null }, async (batch) => {
    const { events, ...envelope } = JSON.parse(decoder.decode(batch.body));
    console.log('[lowlight] batch', envelope, events);
    return { status: 200 };
  });
}
