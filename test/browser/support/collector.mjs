// A minimal Lowlight collector: accepts batches as docs/protocol.md describes and keeps them in memory.
// The demo serves it; the end-to-end tests use it as the server the browser talks to.
import { gunzipSync } from 'node:zlib';
import { batchEvents } from '@lowlight/transport';
import { CIPHER, decryptBatch } from '@lowlight/transport/encrypt';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const ID = /^[0-9a-f]{32}$/;

/**
 * @param {{ privateKey?: string }} [options] the recipient key, to read end-to-end encrypted batches
 * @returns {{
 *   handle(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): Promise<boolean>,
 *   received: Array<{ url: string, headers: import('node:http').IncomingHttpHeaders, body: Buffer }>,
 *   batches: Array<{ envelope: object, events: object[], encoding: string, bytes: number, rawBytes: number }>,
 *   sessions(): Array<{ sid: string, pageviews: number, batches: number, events: number, bytes: number, rawBytes: number }>,
 * }}
 */
export function createCollector({ privateKey } = {}) {
  /** Every request body exactly as it arrived, for tests that must not trust this decoder. */
  const received = [];
  const batches = [];
  const seen = new Set();

  async function handle(request, response) {
    const url = new URL(request.url, 'http://collector.invalid');
    if (url.pathname === '/collect') {
      if (request.method === 'OPTIONS') return reply(response, 204);
      if (request.method !== 'POST') return reply(response, 405, { error: 'POST batches here' });
      const body = await readBody(request);
      if (!body) return reply(response, 413, { error: `body over ${MAX_BODY_BYTES} bytes` });
      received.push({ url: request.url, headers: request.headers, body });
      return await accept(url.searchParams, body, response);
    }
    if (url.pathname === '/api/sessions' && request.method === 'GET') return reply(response, 200, sessions());
    const match = /^\/api\/sessions\/([0-9a-f]{32})$/.exec(url.pathname);
    if (match && request.method === 'GET') {
      const events = batches.filter((batch) => batch.envelope.sid === match[1]).flatMap((batch) => batch.events);
      return reply(response, events.length ? 200 : 404, events);
    }
    return false;
  }

  async function accept(params, body, response) {
    const sid = params.get('sid');
    const pid = params.get('pid');
    const seq = Number(params.get('seq'));
    const encoding = params.get('enc');
    const v = Number(params.get('v'));
    if ((v !== 1 && v !== 2) || !ID.test(sid ?? '') || !ID.test(pid ?? '') || !Number.isInteger(seq) || seq < 0) {
      return reply(response, 400, { error: 'missing or malformed v, sid, pid or seq' });
    }
    const cipher = params.get('cipher');
    let json;
    let events;
    try {
      if (encoding !== 'gzip' && encoding !== 'identity') throw new Error(`unknown enc ${encoding}`);
      if (cipher && (cipher !== CIPHER || !privateKey)) throw new Error(`cannot decrypt cipher ${cipher}`);
      const plain = cipher ? Buffer.from(await decryptBatch(privateKey, body, { sid, pid, seq })) : body;
      json = JSON.parse((encoding === 'gzip' ? gunzipSync(plain) : plain).toString('utf8'));
      // What the SDK left out on the wire (timestamps, node ids) goes back in, so `events` and `rawBytes` are rrweb's own.
      events = batchEvents(json);
    } catch (error) {
      return reply(response, 400, { error: `undecodable body: ${error.message}` });
    }
    const v1 = json.v === 1 && json.sid === sid && json.pid === pid && json.seq === seq && json.count === events.length;
    if (json.v !== v || (v === 1 && !v1) || (v === 2 && json.t?.length !== events.length) || !events.length) {
      return reply(response, 400, { error: 'the body does not match the query, or its events' });
    }
    // The privacy policy: in a version 1 body; in version 2, in the pageview event of the pageview's first batch.
    const policy = json.policy ?? events.find((event) => event.type === 5 && event.data.tag === 'lowlight/pageview')?.data.payload.policy;
    const envelope = { v, sid, pid, seq, start: events[0].timestamp, end: events.at(-1).timestamp, count: events.length, policy };
    const key = `${sid}/${pid}/${seq}`;
    // Idempotent: a retried batch is acknowledged again but stored once.
    if (!seen.has(key)) {
      seen.add(key);
      batches.push({ envelope, events, encoding, bytes: body.length, rawBytes: Buffer.byteLength(JSON.stringify(events)) });
    }
    return reply(response, 204);
  }

  function sessions() {
    const bySession = new Map();
    for (const { envelope, events, bytes, rawBytes } of batches) {
      const entry = bySession.get(envelope.sid) ?? { sid: envelope.sid, pageviews: new Set(), batches: 0, events: 0, bytes: 0, rawBytes: 0 };
      entry.pageviews.add(envelope.pid);
      entry.batches += 1;
      entry.events += events.length;
      entry.bytes += bytes;
      entry.rawBytes += rawBytes;
      bySession.set(envelope.sid, entry);
    }
    return [...bySession.values()].map((entry) => ({ ...entry, pageviews: entry.pageviews.size }));
  }

  return { handle, received, batches, sessions };
}

function reply(response, status, body) {
  response.writeHead(status, {
    // Batches are CORS-simple POSTs from any page that embeds the recorder.
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    // Lets the page read how long to wait after a 429 or 503.
    'Access-Control-Expose-Headers': 'Retry-After',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
  return true;
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
