import type { Transport, TransportStats } from './types';

/**
 * Sends every event through several transports, e.g. your backend and a
 * second collector during a migration. Each keeps its own queue and retries;
 * one failing never holds the others back. Its `sent` counts events every
 * backend accepted; `queued`, `dropped` and `discarded` are the worst backend's.
 *
 * @example
 * fanOutTransport([fetchTransport({ endpoint: primary }), fetchTransport({ endpoint: secondary })])
 */
export function fanOutTransport(transports: readonly Transport[]): Transport {
  if (!Array.isArray(transports) || transports.length === 0 || transports.some((t) => typeof t?.push !== 'function')) {
    throw new Error('[lowlight] transport: fanOutTransport() needs an array of one or more transports');
  }
  return {
    name: `lowlight/fan-out(${transports.map((transport) => transport.name).join(',')})`,
    open: (session, onError) => transports.forEach((transport) => transport.open(session, onError)),
    push: (eventJson, timestamp) => transports.forEach((transport) => transport.push(eventJson, timestamp)),
    flush: async (options) => void (await Promise.all(transports.map((transport) => transport.flush(options)))),
    discard: () => transports.forEach((transport) => transport.discard()),
    close: async () => void (await Promise.all(transports.map((transport) => transport.close?.()))),
    // Every event goes to each backend: sent means sent everywhere, and the worst backend sets the other counts.
    stats: () => {
      const all = transports.map((transport) => transport.stats());
      const most = (key: keyof TransportStats): number => Math.max(...all.map((stats) => stats[key]));
      return {
        sent: Math.min(...all.map((stats) => stats.sent)),
        retried: all.reduce((sum, stats) => sum + stats.retried, 0),
        dropped: most('dropped'),
        queued: most('queued'),
        discarded: most('discarded'),
      };
    },
  };
}
