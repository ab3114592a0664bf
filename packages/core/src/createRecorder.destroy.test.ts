import { createTransport, indexedDbQueue, type Compressor } from '@lowlight/transport';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settle } from '../../../test/support/recordDom';
import { destroy, getRecorder, start } from './convenience';
import { createRecorder } from './createRecorder';

/** Every listener added to or removed from any target while `run` runs, as `type` → net count per target and listener. */
async function listenerBalance(run: () => Promise<void>): Promise<Map<string, number>> {
  const net = new Map<string, number>();
  const keys = new Map<unknown, number>();
  const keyOf = (target: unknown, type: string, listener: unknown): string => {
    for (const part of [target, listener]) if (!keys.has(part)) keys.set(part, keys.size);
    return `${type} ${keys.get(target)} ${keys.get(listener)}`;
  };
  // jsdom gives window its own methods; every node inherits EventTarget's.
  for (const owner of [EventTarget.prototype, window]) {
    for (const [method, delta] of [['addEventListener', 1], ['removeEventListener', -1]] as const) {
      const original = owner[method];
      vi.spyOn(owner, method).mockImplementation(function (this: EventTarget, type: string, listener: unknown, options?: unknown) {
        // A bare addEventListener() call in a module has no `this`: it is window's.
        const key = keyOf(this ?? window, type, listener);
        net.set(key, (net.get(key) ?? 0) + delta);
        return original.call(this, type, listener as EventListener, options as boolean);
      });
    }
  }
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  // Keep only what was added and never removed.
  return new Map([...net].filter(([, n]) => n > 0).map(([key, n]) => [key.split(' ')[0]!, n]));
}

/** A compressor that records whether it was released; the real worker's end is checked in Chromium. */
function trackedCompressor(): Compressor & { closed: number } {
  return {
    encoding: 'gzip',
    compress: async (json) => new TextEncoder().encode(json),
    closed: 0,
    close() {
      this.closed++;
    },
  };
}

const throws = (run: () => unknown): boolean => {
  try {
    run();
    return false;
  } catch {
    return true;
  }
};

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  globalThis.indexedDB = new IDBFactory();
  document.body.innerHTML = '<p>destroy test page</p>';
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Recorder.destroy()', () => {
  it('removes every listener it added (online, storage, pagehide, visibilitychange, rrweb’s own)', async () => {
    let added: string[] = [];
    const leaked = await listenerBalance(async () => {
      const recorder = createRecorder({ transport: createTransport({ compression: null }, async () => ({ status: 200 })) });
      await recorder.start();
      await settle();
      added = [window.addEventListener, EventTarget.prototype.addEventListener].flatMap((add) => vi.mocked(add).mock.calls.map(([type]) => type));
      await recorder.destroy();
    });
    // The test watched the listeners this is about: it cannot pass by seeing none.
    expect(added).toEqual(expect.arrayContaining(['online', 'storage', 'pagehide', 'visibilitychange']));
    expect([...leaked.keys()]).toEqual([]);
  });

  it('leaves no timer running, releases the compressor and closes the database, even with a retry pending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
    const connections: IDBOpenDBRequest[] = [];
    const open = indexedDB.open.bind(indexedDB);
    vi.spyOn(indexedDB, 'open').mockImplementation((...args) => connections[connections.push(open(...args)) - 1]!);
    const usable = () => connections.filter((request) => request.readyState === 'done' && !throws(() => request.result.transaction('batches')));
    const compression = trackedCompressor();
    // The server is down: the batch waits for a retry timer.
    const transport = createTransport({ compression, offlineQueue: indexedDbQueue() }, async () => ({ status: 503 }));
    const recorder = createRecorder({ transport });
    await recorder.start();
    await settle();
    await recorder.flush();
    await vi.waitFor(() => expect(usable()).toHaveLength(1));
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await recorder.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(compression.closed).toBe(1);
    expect(usable()).toHaveLength(0);
    // The undelivered batch stays queued for the next page.
    expect(await indexedDbQueue()!.all()).toHaveLength(1);
  });

  it('can start again, taking what it needs afresh', async () => {
    const sent: unknown[] = [];
    const recorder = createRecorder({
      transport: createTransport({ compression: null, offlineQueue: null }, async (batch) => (sent.push(batch), { status: 200 })),
    });
    await recorder.start();
    await recorder.destroy();
    const leaked = await listenerBalance(async () => {
      await recorder.start();
      await recorder.flush();
    });
    expect(recorder.getState().status).toBe('recording');
    // The transport listens for the network again.
    expect(leaked.get('online')).toBe(1);
    expect(sent.length).toBeGreaterThan(1);
    await recorder.destroy();
  });
});

describe('start() after stop()', () => {
  it('releases the stopped recorder’s transport instead of leaking it', async () => {
    const leaked = await listenerBalance(async () => {
      await start({ endpoint: 'https://collect.test/b', compression: null });
      const first = getRecorder();
      await first!.stop();
      await start({ endpoint: 'https://collect.test/b', compression: null });
      expect(getRecorder()).not.toBe(first);
      await getRecorder()!.stop();
      await destroy();
    });
    expect([...leaked.keys()]).toEqual([]);
    expect(getRecorder()).toBeUndefined();
  });

  it('leaves only the running recorder’s listeners while it records', async () => {
    const leaked = await listenerBalance(async () => {
      await start({ endpoint: 'https://collect.test/b', compression: null });
      await getRecorder()!.stop();
      await start({ endpoint: 'https://collect.test/b', compression: null });
      await getRecorder()!.flush();
    });
    // One transport listens for the network coming back: the second recorder's, not also the first's.
    expect(leaked.get('online')).toBe(1);
    await destroy();
  });
});
