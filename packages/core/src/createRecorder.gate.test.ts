import { record } from '@rrweb/record';
import { memoryTransport } from '@lowlight/transport/memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settle } from '../../../test/support/recordDom';
import { createRecorder, type Recorder } from './createRecorder';
import { CONSENT_KEY, OPT_OUT_KEY } from './gate';
import { IDENTIFY_EVENT } from './identity';
import { PAGEVIEW_EVENT } from './pageview';

// The real recorder, watched: the gate must keep rrweb from even being called.
vi.mock('@rrweb/record', { spy: true });

type Sent = Array<{ type: number; data: any; timestamp: number }>;
const sent = (transport: { events(): unknown[] }): Sent => transport.events() as Sent;
const customTags = (events: Sent): string[] => events.filter((event) => event.type === 5).map((event) => event.data.tag);
const identifyPayload = (events: Sent): unknown => events.find((event) => event.data.tag === IDENTIFY_EVENT)?.data.payload;

let recorder: Recorder | undefined;

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  vi.mocked(record).mockClear();
  history.replaceState(null, '', '/');
  document.body.innerHTML = '<p id="canary">visible canary text</p><button id="buy">Buy</button>';
});

afterEach(async () => {
  await recorder?.stop();
  recorder = undefined;
});

describe('createRecorder behind the privacy gate', () => {
  it('records, stores and sends nothing while consent is pending, and starts with a full snapshot once granted', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport, consent: 'pending' });
    await recorder.start();
    document.querySelector('#canary')!.textContent = 'changed while pending';
    await settle();
    await recorder.flush();

    expect(recorder.getState()).toMatchObject({ status: 'waiting', gate: 'pending', sessionId: undefined });
    expect(record).not.toHaveBeenCalled();
    expect(transport.batches).toHaveLength(0);
    expect({ ...localStorage, ...sessionStorage }).toEqual({});

    await recorder.consent('granted');
    await recorder.flush();
    expect(recorder.getState()).toMatchObject({ status: 'recording', gate: 'open' });
    // Nothing from before the grant: the stream opens with rrweb's Meta event and a full snapshot of the page as it is now.
    expect(transport.events().slice(0, 2).map((event) => event.type)).toEqual([4, 2]);
    expect(record).toHaveBeenCalledTimes(1);
  });

  it('stops at once on denial, discards what is unsent, sends nothing more and remembers the choice', async () => {
    const transport = memoryTransport();
    const discard = vi.spyOn(transport, 'discard');
    const flush = vi.spyOn(transport, 'flush');
    recorder = createRecorder({ transport });
    await recorder.start();
    document.querySelector('#canary')!.textContent = 'clicked reject';
    await settle();
    expect(transport.stats().queued).toBeGreaterThan(0);

    await recorder.consent('denied');
    document.querySelector('#canary')!.textContent = 'after denial';
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    await recorder.flush();

    // Discarding is idempotent: the denial and the closing gate may both ask for it.
    expect(discard).toHaveBeenCalled();
    expect(flush).not.toHaveBeenCalledWith({ unloading: true });
    expect(transport.batches).toHaveLength(0);
    expect(transport.stats().discarded).toBeGreaterThan(0);
    expect(recorder.getState()).toMatchObject({ status: 'waiting', gate: 'denied', sessionId: undefined });
    expect({ ...localStorage }).toEqual({ [CONSENT_KEY]: 'denied' });
    expect({ ...sessionStorage }).toEqual({});

    const nextPage = createRecorder({ transport: memoryTransport() });
    await nextPage.start();
    expect(nextPage.getState().gate).toBe('denied');
    await nextPage.stop();
  });

  it('a denial while still waiting for consent purges what earlier pages left queued', async () => {
    const transport = memoryTransport();
    const discard = vi.spyOn(transport, 'discard');
    recorder = createRecorder({ transport, consent: 'pending' });
    await recorder.start();
    expect(recorder.getState().status).toBe('waiting');
    await recorder.consent('denied');
    expect(discard).toHaveBeenCalled();
  });

  it.each([
    [CONSENT_KEY, 'denied'],
    [OPT_OUT_KEY, '1'],
  ])('purges what earlier pages left queued when start() finds a saved %s', async (key, value) => {
    localStorage.setItem(key, value);
    const transport = memoryTransport();
    const discard = vi.spyOn(transport, 'discard');
    recorder = createRecorder({ transport, respectDoNotTrack: true });
    await recorder.start();
    expect(discard).toHaveBeenCalled();
    expect(record).not.toHaveBeenCalled();
  });

  it.each([
    [OPT_OUT_KEY, '1', 'opted-out'],
    [CONSENT_KEY, 'denied', 'denied'],
  ])('stops at once and discards when another tab saves %s, until stop()', async (key, newValue, gateState) => {
    const transport = memoryTransport();
    const discard = vi.spyOn(transport, 'discard');
    recorder = createRecorder({ transport });
    await recorder.start();
    document.querySelector('#canary')!.textContent = 'typed in this tab';
    await settle();
    // The other tab's write, as this tab's window is told of it.
    window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }));
    expect(recorder.getState()).toMatchObject({ status: 'waiting', gate: gateState });
    expect(discard).toHaveBeenCalled();
    expect({ ...sessionStorage }).toEqual({});
    await recorder.flush();
    expect(transport.batches).toHaveLength(0);

    await recorder.stop();
    discard.mockClear();
    window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }));
    expect(discard).not.toHaveBeenCalled();
  });

  it('ignores other storage changes, and a grant in another tab does not lift a withdrawal here', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    window.dispatchEvent(new StorageEvent('storage', { key: 'cart', newValue: '3', storageArea: localStorage }));
    window.dispatchEvent(new StorageEvent('storage', { key: CONSENT_KEY, newValue: null, storageArea: localStorage }));
    expect(recorder.getState()).toMatchObject({ status: 'recording', gate: 'open' });
    window.dispatchEvent(new StorageEvent('storage', { key: OPT_OUT_KEY, newValue: '1', storageArea: localStorage }));
    window.dispatchEvent(new StorageEvent('storage', { key: OPT_OUT_KEY, newValue: null, storageArea: localStorage }));
    expect(recorder.getState()).toMatchObject({ status: 'waiting', gate: 'opted-out' });
  });

  it('opting out stops and discards like a denial, and survives a later consent', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    await recorder.optOut();
    await recorder.consent('granted');
    await recorder.flush();
    expect(transport.batches).toHaveLength(0);
    expect(recorder.getState()).toMatchObject({ status: 'waiting', gate: 'opted-out' });
    expect({ ...localStorage }).toEqual({ [OPT_OUT_KEY]: '1' });
    await recorder.optIn();
    expect(recorder.getState()).toMatchObject({ status: 'recording', gate: 'open' });
  });

  it('under requireIdentity, waits for identify() and then sends the identity after the pageview', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport, requireIdentity: true });
    await recorder.start();
    expect(recorder.getState()).toMatchObject({ status: 'waiting', gate: 'unidentified' });
    expect(record).not.toHaveBeenCalled();

    await recorder.identify('visitor-1', { plan: 'pro' });
    await recorder.flush();
    expect(customTags(sent(transport))).toEqual([PAGEVIEW_EVENT, IDENTIFY_EVENT]);
    expect(identifyPayload(sent(transport))).toEqual({ id: 'visitor-1', traits: { plan: 'pro' } });
  });

  it('takes a tracked link id out of the URL before rrweb sees it', async () => {
    history.replaceState(null, '', '/welcome?ll_id=visitor-7&lang=en');
    const transport = memoryTransport();
    recorder = createRecorder({ transport, requireIdentity: true });
    await recorder.start();
    await recorder.flush();
    expect(location.search).toBe('?lang=en');
    expect(JSON.stringify(transport.events())).not.toContain('ll_id');
    expect(identifyPayload(sent(transport))).toEqual({ id: 'visitor-7' });
  });

  it('sends a new identity at once while recording, through the masker', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    await recorder.identify('ann@example.org', { note: 'call 4242 4242 4242 4242' });
    await recorder.flush();
    const identity = JSON.stringify(identifyPayload(sent(transport)));
    expect(identity).toContain('"id":"');
    expect(identity).not.toMatch(/ann@example\.org|4242 4242/);
  });

  it('states the rules in force in every envelope', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport, privacy: 'strict', consent: 'granted', sessionSampleRate: 1 });
    await recorder.start();
    await recorder.flush();
    expect(transport.batches[0]!.envelope.policy).toBe('lowlight/1;level=strict;dnt=1;gpc=1;consent=granted;identity=optional;sample=1');
  });

  it('records no clicks with sampling.mouseInteraction false', async () => {
    const clicks = async (mouseInteraction: boolean): Promise<number> => {
      const transport = memoryTransport();
      const clicking = createRecorder({ transport, sampling: { mouseInteraction } });
      await clicking.start();
      document.querySelector<HTMLButtonElement>('#buy')!.click();
      await settle();
      await clicking.stop();
      return sent(transport).filter((event) => event.type === 3 && event.data.source === 2).length;
    };
    expect(await clicks(true)).toBeGreaterThan(0);
    expect(await clicks(false)).toBe(0);
  });

  it.each([
    [{ sessionSampleRate: 2 }, /"sessionSampleRate" must be a number from 0 to 1, got 2/],
    [{ consent: 'yes' }, /"consent" must be one of granted, pending, denied/],
    [{ requireIdentity: 'yes' }, /"requireIdentity" must be true or false/],
    [{ sampling: { mouseInteraction: 'off' } }, /"sampling.mouseInteraction" must be true or false, got "off"/],
  ])('names the option in a configuration error: %j', (options, message) => {
    expect(() => createRecorder({ transport: memoryTransport(), ...(options as object) })).toThrow(message);
  });

  it('rejects the promise, never throwing at the call, for a bad consent state or identity', async () => {
    recorder = createRecorder({ transport: memoryTransport() });
    await expect(recorder.consent('maybe' as never)).rejects.toThrow(/"consent" must be one of granted, pending, denied, got "maybe"/);
    await expect(recorder.identify('')).rejects.toThrow(/"id" must be a non-empty string/);
  });
});
