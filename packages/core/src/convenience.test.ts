import { indexedDbQueue } from '@lowlight/transport';
import { memoryTransport } from '@lowlight/transport/memory';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consent, getRecorder, identify, optIn, optOut, start, stop } from './convenience';
import { CONSENT_KEY, OPT_OUT_KEY } from './gate';
import { IDENTIFY_EVENT } from './identity';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(async () => {
  await stop();
});

describe('convenience gate calls', () => {
  it('applies consent and identity given before start() once it runs', async () => {
    await consent('granted');
    await identify('visitor-1');
    const transport = memoryTransport();
    await start({ transport, consent: 'pending', requireIdentity: true });
    await getRecorder()!.flush();
    expect(getRecorder()!.getState()).toMatchObject({ status: 'recording', gate: 'open' });
    expect(transport.events().some((event) => (event.data as { tag?: string }).tag === IDENTIFY_EVENT)).toBe(true);
  });

  it('saves a denial or an opt-out at once, even if recording never starts', async () => {
    await consent('denied');
    await optOut();
    expect({ ...localStorage }).toEqual({ [CONSENT_KEY]: 'denied', [OPT_OUT_KEY]: '1' });
    await start({ transport: memoryTransport() });
    expect(getRecorder()!.getState()).toMatchObject({ status: 'waiting', gate: 'opted-out' });
    await optIn();
    expect(getRecorder()!.getState().gate).toBe('denied');
  });

  it('keeps a call made after stop() for the next start()', async () => {
    await start({ transport: memoryTransport(), consent: 'pending' });
    await stop();
    await consent('granted');
    await start({ transport: memoryTransport(), consent: 'pending' });
    expect(getRecorder()!.getState()).toMatchObject({ status: 'recording', gate: 'open' });
  });

  it('rejects a bad call before start(), without throwing at the call, and saves nothing', async () => {
    await expect(consent('no' as never)).rejects.toThrow(/"consent" must be one of granted, pending, denied, got "no"/);
    await expect(identify(undefined as never)).rejects.toThrow(/"id" must be a non-empty string/);
    await expect(start(undefined as never)).rejects.toThrow('[lowlight] core: "options" must be an object, e.g. { endpoint: "/collect" }, got undefined');
    await expect(start({ endpoint: 'javascript:alert(1)' })).rejects.toThrow(/"endpoint" must be an http\(s\) URL/);
    expect({ ...localStorage }).toEqual({});
  });

  it('rejects a bad call while recording, without throwing at the call', async () => {
    await start({ transport: memoryTransport() });
    await expect(consent('maybe' as never)).rejects.toThrow(/"consent" must be one of/);
    await expect(identify('')).rejects.toThrow(/"id" must be a non-empty string/);
    expect(getRecorder()!.getState().status).toBe('recording');
  });
});

describe('start() options', () => {
  it('rejects transport options given beside "transport", naming each, and starts nothing', async () => {
    const before = getRecorder();
    const transport = memoryTransport();
    const encrypt = { cipher: 'test', encrypt: async (body: Uint8Array) => body };
    await expect(start({ transport, encrypt, maxBatchEvents: 10 })).rejects.toThrow(
      '[lowlight] core: "encrypt", "maxBatchEvents" cannot be used with "transport"; set these on that transport',
    );
    await expect(start({ transport, endpoint: 'https://collect.example.com/batch' })).rejects.toThrow(/^\[lowlight\] core: "endpoint" cannot be used with "transport"/);
    expect(getRecorder()).toBe(before);
  });

  it('tells onError about a default transport failure once', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 400 }));
    const onError = vi.fn();
    await start({ endpoint: '/collect', compression: null, offlineQueue: null, onError });
    await getRecorder()!.flush();
    vi.unstubAllGlobals();
    expect(onError.mock.calls.filter(([error]) => /answered 400/.test(error.message))).toHaveLength(1);
  });

  it('still takes recorder options and onError beside "transport"', async () => {
    await start({ transport: memoryTransport(), privacy: 'strict', onError: () => {} });
    expect(getRecorder()!.getState().status).toBe('recording');
  });
});

describe('a withdrawal where nothing records', () => {
  const queued = {
    key: 'q/s/p/0',
    envelope: { v: 1 as const, sid: 's', pid: 'p', seq: 0, start: 1, end: 1, count: 1, policy: 'lowlight/1' },
    body: new Uint8Array([1]),
    encoding: 'identity' as const,
    queuedAt: 1,
  };

  it.each([
    ['optOut()', () => optOut()],
    ["consent('denied')", () => consent('denied')],
  ])('%s purges the offline queue earlier pages left, without starting (an opt-out page)', async (_, withdraw) => {
    globalThis.indexedDB = new IDBFactory();
    await indexedDbQueue()!.put(queued);
    await withdraw();
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('a withdrawal after stop() discards what the stopped recorder still retries', async () => {
    const transport = memoryTransport();
    await start({ transport });
    await stop();
    const discard = vi.spyOn(transport, 'discard');
    await optOut();
    expect(discard).toHaveBeenCalled();
  });
});
