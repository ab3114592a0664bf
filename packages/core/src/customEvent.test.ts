import { memoryTransport } from '@lowlight/transport/memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settle } from '../../../test/support/recordDom';
import { addCustomEvent, getRecorder, start, stop } from './convenience';
import { createRecorder, type Recorder, type RecorderOptions } from './createRecorder';
import { MAX_CUSTOM_EVENT_CHARS } from './customEvent';

type Sent = Array<{ type: number; data: { tag?: string; payload?: unknown }; timestamp: number }>;
const customs = (transport: ReturnType<typeof memoryTransport>) =>
  (transport.events() as Sent).filter((event) => event.type === 5 && !event.data.tag!.startsWith('lowlight/'));

const EMAIL = 'ann.buyer@example.org';
const CARD = '4111 1111 1111 1111';
const stars = (text: string) => text.replace(/\S/g, '*');

let recorder: Recorder | undefined;

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  document.body.innerHTML = '<p>custom events page</p>';
});

afterEach(async () => {
  await recorder?.destroy();
  recorder = undefined;
  await stop();
});

async function recordWith(options: Partial<RecorderOptions>, act: (r: Recorder) => Promise<void>) {
  const transport = memoryTransport();
  recorder = createRecorder({ ...options, transport });
  await recorder.start();
  await act(recorder);
  await recorder.flush();
  return customs(transport);
}

describe('addCustomEvent', () => {
  it('records a custom event with its tag and payload, after the snapshot', async () => {
    const sent = await recordWith({}, (r) => r.addCustomEvent('checkout failed', { step: 'payment', attempt: 2, retry: true, items: ['a', null] }));
    expect(sent).toEqual([
      { type: 5, data: { tag: 'checkout failed', payload: { step: 'payment', attempt: 2, retry: true, items: ['a', null] } }, timestamp: expect.any(Number) },
    ]);
  });

  it.each(['balanced', 'strict'] as const)('masks detector matches in the tag, the payload strings and its keys (%s)', async (privacy) => {
    const sent = await recordWith({ privacy }, (r) =>
      r.addCustomEvent(`mail ${EMAIL}`, { note: `card ${CARD}`, nested: [{ to: EMAIL }], [EMAIL]: 'seen' }),
    );
    expect(sent[0]!.data).toEqual({
      tag: `mail ${stars(EMAIL)}`,
      payload: { note: `card ${stars(CARD)}`, nested: [{ to: stars(EMAIL) }], [stars(EMAIL)]: 'seen' },
    });
  });

  it('keeps the payload as the site wrote it under relaxed, where detectors are off', async () => {
    const sent = await recordWith({ privacy: 'relaxed' }, (r) => r.addCustomEvent('contact', { to: EMAIL }));
    expect(sent[0]!.data.payload).toEqual({ to: EMAIL });
  });

  it('sends a copy: the page changing the payload afterwards changes nothing', async () => {
    const payload = { step: 'payment' };
    const sent = await recordWith({}, async (r) => {
      const added = r.addCustomEvent('checkout', payload);
      payload.step = `changed ${EMAIL}`;
      await added;
    });
    expect(sent[0]!.data.payload).toEqual({ step: 'payment' });
  });

  it.each([
    ['consent pending', { consent: 'pending' as const }, async () => {}],
    ['paused', {}, async (r: Recorder) => r.pause()],
    ['stopped', {}, async (r: Recorder) => r.stop()],
  ])('records nothing while %s', async (_name, options, before) => {
    const sent = await recordWith(options, async (r) => {
      await before(r);
      await r.addCustomEvent('checkout', { step: 'payment' });
    });
    expect(sent).toEqual([]);
  });

  it.each([
    ['', '[lowlight] core: "tag" must be a non-empty string, not lowlight/…, got ""'],
    [42, /"tag" must be a non-empty string/],
    ['lowlight/identify', '"tag" must be a non-empty string, not lowlight/…, got "lowlight/identify"'],
  ])('rejects tag %j, without throwing at the call', async (tag, message) => {
    recorder = createRecorder({ transport: memoryTransport() });
    await expect(recorder.addCustomEvent(tag as string)).rejects.toThrow(message);
  });

  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  const long = { text: 'x'.repeat(MAX_CUSTOM_EVENT_CHARS) };
  it.each([
    ['a cycle', cycle, /circular/],
    ['a BigInt', { n: 1n }, /BigInt/],
    ['too long', long, `[lowlight] core: "payload" must be at most 8192 characters of JSON with its tag, got ${JSON.stringify(['checkout', long]).length}`],
  ])('rejects a payload that is %s, and records nothing', async (_name, payload, message) => {
    const sent = await recordWith({}, async (r) => {
      await expect(r.addCustomEvent('checkout', payload)).rejects.toThrow(message);
    });
    expect(sent).toEqual([]);
  });

  it('sends what JSON keeps of a payload: no function', async () => {
    const sent = await recordWith({}, (r) => r.addCustomEvent('checkout', { step: 'payment', retry: () => 1 }));
    expect(sent[0]!.data).toEqual({ tag: 'checkout', payload: { step: 'payment' } });
  });
});

describe('addCustomEvent from @lowlight/core', () => {
  it('records through the running recorder', async () => {
    const transport = memoryTransport();
    await start({ transport });
    await addCustomEvent('signup', { plan: 'pro' });
    await getRecorder()!.flush();
    expect(customs(transport).map((event) => event.data)).toEqual([{ tag: 'signup', payload: { plan: 'pro' } }]);
  });

  it('keeps an event added while recording starts, right after start(), and sends it after the snapshot', async () => {
    const transport = memoryTransport();
    const started = start({ transport });
    const added = addCustomEvent('during start', { step: 1 });
    await started;
    await added;
    await getRecorder()!.flush();
    const events = transport.events() as Sent;
    const custom = events.findIndex((event) => event.type === 5 && event.data.tag === 'during start');
    expect(custom).toBeGreaterThan(events.findIndex((event) => event.type === 2));
    expect(events[custom]!.timestamp).toBeGreaterThanOrEqual(events.find((event) => event.type === 2)!.timestamp);
  });

  it('before start(), drops the event but still rejects a bad one', async () => {
    await expect(addCustomEvent('early', { ok: true })).resolves.toBeUndefined();
    await expect(addCustomEvent('')).rejects.toThrow(/"tag" must be a non-empty string/);
    const transport = memoryTransport();
    await start({ transport });
    await settle();
    await getRecorder()!.flush();
    expect(customs(transport)).toEqual([]);
  });
});
