import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchTransport, KEEPALIVE_BODY_LIMIT } from './fetch';

const session = { sessionId: 'a'.repeat(32), pageviewId: 'b'.repeat(32), policy: 'p' };

function stubFetch(impl: (url: string, init: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn(impl);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('fetchTransport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('POSTs a CORS-simple keepalive request that sends no referrer and no cookies', async () => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 204 }));
    const transport = fetchTransport({ endpoint: 'https://collect.test/batch?project=7', compression: null });
    transport.open(session);
    transport.push(JSON.stringify({ timestamp: 5 }), 5);
    await transport.flush();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`https://collect.test/batch?project=7&v=1&sid=${session.sessionId}&pid=${session.pageviewId}&seq=0&enc=identity`);
    expect(init).toMatchObject({
      method: 'POST',
      keepalive: true,
      referrerPolicy: 'no-referrer',
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(transport.stats().sent).toBe(1);
  });

  it('sends bodies over the keepalive budget without keepalive', async () => {
    const fetchMock = stubFetch(async () => new Response(null, { status: 200 }));
    const transport = fetchTransport({ endpoint: 'https://collect.test/b', compression: null });
    transport.open(session);
    const large = { timestamp: 1, padding: 'x'.repeat(KEEPALIVE_BODY_LIMIT) };
    transport.push(JSON.stringify(large), large.timestamp);
    await transport.flush();
    expect(fetchMock.mock.calls[0]![1].keepalive).toBe(false);
  });

  it('retries without keepalive when the browser refuses the keepalive request', async () => {
    const fetchMock = stubFetch(async (_url, init) => {
      if (init.keepalive) throw new TypeError('keepalive quota exceeded');
      return new Response(null, { status: 200 });
    });
    const transport = fetchTransport({ endpoint: 'https://collect.test/b', compression: null });
    transport.open(session);
    transport.push(JSON.stringify({ timestamp: 1 }), 1);
    await transport.flush();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(transport.stats().sent).toBe(1);
  });

  it.each([undefined, '', '/relative', 'ftp://x.test/', 'not a url'])('rejects endpoint %j, naming the option', (endpoint) => {
    expect(() => fetchTransport({ endpoint: endpoint as string })).toThrow(/"endpoint" must be an absolute http\(s\) URL/);
  });
});
