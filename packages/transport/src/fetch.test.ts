import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchTransport, retryAfterMs } from './fetch';
import { testSession as session, testTransport } from './testTransport';
import { batchEvents } from './wire';

function stubFetch(impl: (url: string, init: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn(impl);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

testTransport('fetchTransport', () => {
  const bodies: string[] = [];
  stubFetch(async (_url, init) => {
    bodies.push(new TextDecoder().decode(init.body as Uint8Array));
    return new Response(null, { status: 204 });
  });
  return {
    transport: fetchTransport({ endpoint: 'https://collect.test/batch', compression: null, offlineQueue: null }),
    received: async () => bodies.flatMap((body) => batchEvents(JSON.parse(body))),
  };
});

describe('fetchTransport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('POSTs a CORS-simple request that sends no referrer and no cookies', async () => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 204 }));
    const transport = fetchTransport({ endpoint: 'https://collect.test/batch?project=7', compression: null, offlineQueue: null });
    transport.open(session);
    transport.push(JSON.stringify({ timestamp: 5 }), 5);
    await transport.flush();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`https://collect.test/batch?project=7&v=2&sid=${session.sessionId}&pid=${session.pageviewId}&seq=0&enc=identity`);
    expect(init).toMatchObject({
      method: 'POST',
      referrerPolicy: 'no-referrer',
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
  });

  it('uses keepalive only on unload, where the request must outlive the page', async () => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 200 }));
    const transport = fetchTransport({ endpoint: 'https://collect.test/b', compression: null, offlineQueue: null });
    transport.open(session);
    transport.push(JSON.stringify({ timestamp: 1 }), 1);
    await transport.flush();
    transport.push(JSON.stringify({ timestamp: 2 }), 2);
    await transport.flush({ unloading: true });
    expect(fetchMock.mock.calls.map(([, init]) => init.keepalive)).toEqual([false, true]);
  });

  it('names the cipher of an encrypted batch in the URL', async () => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 200 }));
    const encrypt = { cipher: 'test-cipher', encrypt: async (body: Uint8Array) => body };
    const transport = fetchTransport({ endpoint: 'https://collect.test/b', compression: null, offlineQueue: null, encrypt });
    transport.open(session);
    transport.push(JSON.stringify({ timestamp: 1 }), 1);
    await transport.flush();
    expect(fetchMock.mock.calls[0]![0]).toMatch(/&enc=identity&cipher=test-cipher$/);
  });

  it('sends on unload by keepalive fetch without a referrer, never by sendBeacon (which would send the page URL)', () => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 200 }));
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { sendBeacon });
    // Also in a browser whose Request has no keepalive (Firefox before 133): the batch stays queued if the fetch is cut.
    vi.stubGlobal('Request', class {});
    const transport = fetchTransport({ endpoint: 'https://collect.test/b', compression: null, offlineQueue: null });
    transport.open(session);
    transport.push(JSON.stringify({ timestamp: 1 }), 1);
    void transport.flush({ unloading: true });
    expect(sendBeacon).not.toHaveBeenCalled();
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({ keepalive: true, referrerPolicy: 'no-referrer', credentials: 'omit' });
  });

  it.each([undefined, '', 'ftp://x.test/', 'javascript:alert(1)', 'data:,x', 'mailto:a@b.test', 'http://[', 42])(
    'rejects endpoint %j, naming the option',
    (endpoint) => {
      expect(() => fetchTransport({ endpoint: endpoint as string })).toThrow(/\[lowlight\] transport: "endpoint" must be an http\(s\) URL or a path, got/);
    },
  );

  it('creates a transport with a relative endpoint where no page exists (server rendering)', () => {
    vi.stubGlobal('location', undefined);
    expect(() => fetchTransport({ endpoint: '/collect' })).not.toThrow();
  });

  it.each([
    ['/collect', 'https://shop.test/collect'],
    // Against the origin only: the page's path (/app/…) may hold what masking hides from the recording.
    ['./c?k=1', 'https://shop.test/c?k=1'],
    ['?k=1', 'https://shop.test/?k=1'],
    ['//collect.test/b', 'https://collect.test/b'],
  ])("resolves endpoint %j against the page's origin when sending", async (endpoint, expected) => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 204 }));
    const transport = fetchTransport({ endpoint, compression: null, offlineQueue: null });
    // The page moves after the transport was made: sending uses where it is now.
    vi.stubGlobal('location', new URL('https://shop.test/app/page?x=1'));
    transport.open(session);
    transport.push(JSON.stringify({ timestamp: 1 }), 1);
    await transport.flush();
    expect(fetchMock.mock.calls[0]![0]).toBe(`${expected}${expected.includes('?') ? '&' : '?'}v=2&sid=${session.sessionId}&pid=${session.pageviewId}&seq=0&enc=identity`);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores nonsense', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
