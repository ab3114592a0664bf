import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo, Transport } from './types';
import { serializeEvent } from './wire';

/** What a conformance run needs: a fresh transport, and the events its backend has received so far, decoded. */
export interface TransportUnderTest {
  /** The transport to put through the suite, not yet opened. */
  transport: Transport;
  /** Every event its backend has received so far, in the order received: each body parsed and read with `batchEvents`. */
  received(): Promise<unknown[]>;
}

/** The session every conformance run opens its transport with: fixed ids, so a test can assert on batch keys. */
export const testSession: SessionInfo = { sessionId: 'a'.repeat(32), pageviewId: 'b'.repeat(32), policy: 'lowlight/1;level=balanced' };

const event = (n: number) => ({ type: 3, data: { source: 2, n }, timestamp: 1_700_000_000_000 + n });

/**
 * The conformance suite every transport runs: what it receives arrives in
 * order and exactly once, flush never rejects, discard sends nothing more,
 * and the counters add up.
 */
export function testTransport(name: string, create: () => TransportUnderTest | Promise<TransportUnderTest>): void {
  describe(`${name} conformance`, () => {
    let subject: TransportUnderTest;
    beforeEach(async () => {
      vi.useRealTimers();
      subject = await create();
      subject.transport.open(testSession);
    });
    afterEach(() => subject.transport.discard());

    it('delivers every pushed event once, in order, by flush()', async () => {
      for (let n = 0; n < 25; n++) subject.transport.push(serializeEvent(event(n)), event(n).timestamp);
      await subject.transport.flush();
      expect(await subject.received()).toEqual(Array.from({ length: 25 }, (_, n) => event(n)));
      expect(subject.transport.stats()).toMatchObject({ sent: 25, queued: 0, dropped: 0 });
    });

    it('resolves flush() with nothing to send', async () => {
      await expect(subject.transport.flush()).resolves.toBeUndefined();
      expect(await subject.received()).toEqual([]);
    });

    it('sends nothing pushed before discard()', async () => {
      subject.transport.push(serializeEvent(event(1)), event(1).timestamp);
      subject.transport.discard();
      await subject.transport.flush();
      expect(await subject.received()).toEqual([]);
      expect(subject.transport.stats()).toMatchObject({ sent: 0, queued: 0, discarded: 1 });
    });
  });
}
