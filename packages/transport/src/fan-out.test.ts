import { describe, expect, it, vi } from 'vitest';
import { createTransport } from './createTransport';
import { fanOutTransport } from './fan-out';
import { memoryTransport } from './memory';
import { testSession as session, testTransport } from './testTransport';

testTransport('fanOutTransport', () => {
  const a = memoryTransport();
  const b = memoryTransport();
  return {
    transport: fanOutTransport([a, b]),
    // Each event reaches both backends; the suite sees the first, and both must agree.
    received: async () => {
      expect(b.events()).toEqual(a.events());
      return a.events();
    },
  };
});

describe('fanOutTransport', () => {
  it('keeps delivering to one backend while another is down', async () => {
    const up = memoryTransport();
    const down = createTransport({ compression: null, offlineQueue: null, retryInitialMs: 60_000 }, async () => ({ status: 503 }));
    const transport = fanOutTransport([down, up]);
    transport.open(session);
    transport.push(JSON.stringify({ type: 3, timestamp: 1 }), 1);
    await transport.flush();
    expect(up.events()).toHaveLength(1);
    // Not yet everywhere: sent counts events every backend accepted.
    expect(transport.stats()).toMatchObject({ sent: 0, queued: 1 });
    transport.discard();
  });

  it("passes open()'s onError and close() on to every backend", async () => {
    const failing = createTransport({ compression: null, offlineQueue: null }, async () => ({ status: 400 }));
    const up = memoryTransport();
    const transport = fanOutTransport([up, failing]);
    const onError = vi.fn();
    transport.open(session, onError);
    transport.push(JSON.stringify({ type: 3, timestamp: 1 }), 1);
    transport.push(JSON.stringify({ type: 3, timestamp: 2 }), 2);
    await transport.close!();
    expect(up.events()).toHaveLength(2);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('needs at least one transport', () => {
    expect(() => fanOutTransport([])).toThrow(/fanOutTransport\(\) needs an array of one or more transports/);
  });
});
