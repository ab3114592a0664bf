import { createTransport, type TransportOptions } from './createTransport';
import type { OutgoingBatch, Transport } from './types';

export interface FetchTransportOptions extends TransportOptions {
  /** Absolute http(s) URL that batches are POSTed to (see docs/protocol.md). */
  endpoint: string;
}

/**
 * Browsers refuse `keepalive` bodies once a page has 64 KiB of them in flight;
 * staying under it leaves room for the page's own beacons.
 */
export const KEEPALIVE_BODY_LIMIT = 60_000;

/**
 * The default transport: POSTs each batch with `fetch`.
 *
 * - `keepalive` for bodies under the browser's budget, so a batch outlives the page.
 * - `referrerPolicy: 'no-referrer'`: the collector never sees the page URL in a
 *   `Referer` header, whatever that URL carries.
 * - `credentials: 'omit'`: no cookies go to the collector.
 * - `Content-Type: text/plain` keeps the request CORS-simple (no preflight);
 *   the `enc` query parameter says how the body is encoded.
 *
 * @example
 * fetchTransport({ endpoint: 'https://collect.example.com/v1/batch' })
 */
export function fetchTransport(options: FetchTransportOptions): Transport {
  const endpoint = validEndpoint(options?.endpoint);
  return createTransport({ name: 'lowlight/fetch', ...options }, async (batch) => {
    const url = batchUrl(endpoint, batch);
    const init: RequestInit = {
      method: 'POST',
      body: batch.body as BodyInit,
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: 'omit',
      mode: 'cors',
      referrerPolicy: 'no-referrer',
      keepalive: batch.body.byteLength <= KEEPALIVE_BODY_LIMIT,
    };
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      // Over the page's keepalive budget the request is refused outright: try once without it.
      if (!init.keepalive) throw error;
      response = await fetch(url, { ...init, keepalive: false });
    }
    return { status: response.status };
  });
}

function batchUrl(endpoint: string, { envelope, encoding }: OutgoingBatch): string {
  const params = `v=${envelope.v}&sid=${encodeURIComponent(envelope.sid)}&pid=${encodeURIComponent(envelope.pid)}&seq=${envelope.seq}&enc=${encoding}`;
  return endpoint + (endpoint.includes('?') ? '&' : '?') + params;
}

function validEndpoint(endpoint: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof endpoint === 'string' ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(`[lowlight] transport: "endpoint" must be an absolute http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
  return endpoint as string;
}
