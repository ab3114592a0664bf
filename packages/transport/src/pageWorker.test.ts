// @vitest-environment node
import { resolveObjectURL } from 'node:buffer';
import { createContext, runInContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeGzip } from './compression';
import { fetchTransport } from './fetch';
import { endPageWorker } from './pageWorker';
import { testSession as session } from './testTransport';

/** The worker's own `fetch`, inside its scope: what each POST it made received. */
let workerPosts: Array<{ url: string; init: RequestInit }>;
let workerFetch: (url: string, init: RequestInit) => Promise<Response>;
let started: VmWorker[];

/**
 * A Worker that runs the real worker source, read back from its blob: URL, in a separate V8 context with the
 * globals a worker has, answering asynchronously with structured copies as a worker does.
 */
class VmWorker {
  onmessage?: (event: { data: unknown }) => void;
  onerror?: () => void;
  terminated = false;
  private readonly scope: Promise<{ onmessage(event: { data: unknown }): void }>;

  constructor(url: string) {
    started.push(this);
    const blob = resolveObjectURL(url)!;
    this.scope = blob.text().then((source) => {
      const scope = createContext({
        Response,
        CompressionStream,
        fetch: (url: string, init: RequestInit) => {
          workerPosts.push({ url, init });
          return workerFetch(url, init);
        },
        postMessage: (data: unknown) => setTimeout(() => !this.terminated && this.onmessage?.({ data: structuredClone(data) })),
      });
      runInContext(source, scope);
      return scope as never;
    });
  }

  postMessage(data: unknown): void {
    const copy = structuredClone(data);
    void this.scope.then((scope) => scope.onmessage({ data: copy }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

function stubPageFetch() {
  const pageFetch = vi.fn(async () => new Response(null, { status: 204 }));
  vi.stubGlobal('fetch', pageFetch);
  return pageFetch;
}

function openedTransport(compression: null | undefined = null) {
  const transport = fetchTransport({ endpoint: 'https://collect.test/b', compression, offlineQueue: null });
  transport.open(session);
  transport.push(JSON.stringify({ type: 3, data: { text: 'café 東京' } }), 5);
  return transport;
}

beforeEach(() => {
  workerPosts = [];
  started = [];
  workerFetch = async () => new Response(null, { status: 204 });
  vi.stubGlobal('Worker', VmWorker);
});

afterEach(() => {
  endPageWorker();
  vi.unstubAllGlobals();
});

describe('the page worker', () => {
  it('gzips batches to standard gzip, one worker for every batch', async () => {
    const compressor = nativeGzip()!;
    const text = JSON.stringify({ text: 'café • 東京 🎉'.repeat(50) });
    expect(gunzipSync(await compressor.compress(text)).toString('utf8')).toBe(text);
    expect(gunzipSync(await compressor.compress(`${text} `)).toString('utf8')).toBe(`${text} `);
    expect(started).toHaveLength(1);
  });

  it('POSTs batches itself, with the same request the page would make, and the page fetches nothing', async () => {
    const pageFetch = stubPageFetch();
    const transport = openedTransport();
    await transport.flush();
    expect(pageFetch).not.toHaveBeenCalled();
    expect(workerPosts).toHaveLength(1);
    expect(workerPosts[0]!.url).toBe(`https://collect.test/b?v=2&sid=${session.sessionId}&pid=${session.pageviewId}&seq=0&enc=identity`);
    expect(workerPosts[0]!.init).toMatchObject({
      method: 'POST',
      referrerPolicy: 'no-referrer',
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(new TextDecoder().decode(workerPosts[0]!.init.body as Uint8Array)).toContain('café 東京');
    expect(transport.stats()).toMatchObject({ sent: 1, queued: 0 });
  });

  it("answers the server's status and Retry-After: a refused batch is retried after the wait it asked for", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      workerFetch = async () => new Response(null, { status: 503, headers: { 'Retry-After': '7' } });
      stubPageFetch();
      const transport = openedTransport();
      const flushed = transport.flush();
      await vi.advanceTimersByTimeAsync(10);
      await flushed;
      expect(transport.stats()).toMatchObject({ sent: 0, queued: 1, retried: 0 });
      workerFetch = async () => new Response(null, { status: 204 });
      await vi.advanceTimersByTimeAsync(6_900);
      expect(workerPosts).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(200);
      expect(workerPosts).toHaveLength(2);
      expect(transport.stats()).toMatchObject({ sent: 1, queued: 0, retried: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves a POST that failed in the worker (a network error) to the page', async () => {
    workerFetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const pageFetch = stubPageFetch();
    const transport = openedTransport();
    await transport.flush();
    expect(workerPosts).toHaveLength(1);
    expect(pageFetch).toHaveBeenCalledTimes(1);
    expect(transport.stats()).toMatchObject({ sent: 1 });
  });

  it('sends from the page on unload, with keepalive: the worker ends with the page', async () => {
    const pageFetch = stubPageFetch();
    const transport = openedTransport();
    await transport.flush({ unloading: true });
    expect(workerPosts).toHaveLength(0);
    expect(pageFetch.mock.calls.map((call) => (call as unknown as [string, RequestInit])[1].keepalive)).toEqual([true]);
  });

  it('hands what waits on a broken worker to the page, and does everything after in the page', async () => {
    workerFetch = () => new Promise(() => {});
    const pageFetch = stubPageFetch();
    const transport = openedTransport(undefined);
    const flushed = transport.flush();
    await vi.waitFor(() => expect(workerPosts).toHaveLength(1));
    started[0]!.onerror!();
    await flushed;
    expect(pageFetch).toHaveBeenCalledTimes(1);
    transport.push(JSON.stringify({ type: 3, data: {} }), 6);
    await transport.flush();
    expect(pageFetch).toHaveBeenCalledTimes(2);
    expect(started).toHaveLength(1);
    expect(started[0]!.terminated).toBe(true);
  });

  it('ends when its transport closes, and a later send starts it again', async () => {
    stubPageFetch();
    const transport = openedTransport();
    await transport.close!();
    expect(started).toHaveLength(1);
    expect(started[0]!.terminated).toBe(true);
    transport.open(session);
    transport.push(JSON.stringify({ type: 3, data: {} }), 7);
    await transport.flush();
    expect(started).toHaveLength(2);
    expect(workerPosts).toHaveLength(2);
  });
});
