import { createTransport, type TransportOptions } from './createTransport';
import { askPageWorker, POST_INIT } from './pageWorker';
import type { OutgoingBatch, Transport } from './types';

/** Options of `fetchTransport`: its endpoint, and the shared `TransportOptions`. */
export interface FetchTransportOptions extends TransportOptions {
  /**
   * The http(s) URL batches are POSTed to (see docs/protocol.md): absolute, or relative to the page
   * (`'/collect'`), resolved against the page's origin at each send, so creating the transport needs no page.
   * Never against its path, which may hold what masking hides from the recording.
   */
  endpoint: string;
}

/**
 * The default transport: POSTs each batch with `fetch`, from the page's worker where it runs (a POST from the
 * page's main thread costs it milliseconds per batch), from the page when it does not or on unload.
 *
 * - `keepalive` on unload, so the last batches outlive the page (within the
 *   browser's 64 KiB budget; the rest waits in the offline queue).
 * - `referrerPolicy: 'no-referrer'`: the collector never sees the page URL in a
 *   `Referer` header, whatever that URL carries.
 * - `credentials: 'omit'`: no cookies go to the collector.
 * - `Content-Type: text/plain` keeps the request CORS-simple (no preflight);
 *   query parameters say how the body is encoded.
 * - Never `sendBeacon`: it cannot drop the `Referer`, which would give the
 *   collector the page URL unmasked. A browser without keepalive fetch
 *   (Firefox before 133) keeps what it could not send on unload in the
 *   offline queue for the site's next page.
 *
 * @example
 * fetchTransport({ endpoint: 'https://collect.example.com/v1/batch' })
 * fetchTransport({ endpoint: '/collect' }) // first party: the page's own origin
 */
export function fetchTransport(options: FetchTransportOptions): Transport {
  const endpoint = validEndpoint(options?.endpoint);
  return createTransport({ name: 'lowlight/fetch', ...options, destination: endpoint }, async (batch) => {
    const url = batchUrl(new URL(endpoint, globalThis.location?.origin).href, batch);
    // From the page's worker, but on unload: the worker ends with the page, and only the page has keepalive's budget.
    // Only then keepalive: a normal send cut off by navigation stays in the offline queue, while keepalive
    // requests share a 64 KiB per-page budget that the unload path needs.
    const [status, retryAfter] = ((!batch.unloading && (await askPageWorker([batch.body, url]))) ||
      (await fetch(url, { ...POST_INIT, body: batch.body as BodyInit, keepalive: batch.unloading }).then((response) => [
        response.status,
        response.headers.get('Retry-After'),
      ]))) as [number, string | null];
    return { status, retryAfterMs: retryAfterMs(retryAfter) };
  });
}

/** `Retry-After` as seconds or as an HTTP date, in ms from now. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

function batchUrl(endpoint: string, { envelope, encoding, cipher }: OutgoingBatch): string {
  const params = `v=${envelope.v}&sid=${encodeURIComponent(envelope.sid)}&pid=${encodeURIComponent(envelope.pid)}&seq=${envelope.seq}&enc=${encoding}${cipher ? `&cipher=${cipher}` : ''}`;
  return endpoint + (endpoint.includes('?') ? '&' : '?') + params;
}

/**
 * An http(s) URL, absolute or relative to the page (`/collect`, `//collect.example.com/b`, `./c`). Anything
 * else (`javascript:`, other schemes, an empty string) is a configuration error.
 */
function validEndpoint(endpoint: unknown): string {
  let url: URL | undefined;
  try {
    // A stand-in base: the page's own location is read only when sending.
    url = endpoint && typeof endpoint === 'string' ? new URL(endpoint, 'http://x') : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(`[lowlight] transport: "endpoint" must be an http(s) URL or a path, got ${JSON.stringify(endpoint)}`);
  }
  return endpoint as string;
}
