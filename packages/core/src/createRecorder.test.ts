import { createTransport } from '@lowlight/transport';
import { fanOutTransport } from '@lowlight/transport/fan-out';
import { fetchTransport } from '@lowlight/transport/fetch';
import { memoryTransport } from '@lowlight/transport/memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settle, typeInto } from '../../../test/support/recordDom';
import { createRecorder, type Recorder } from './createRecorder';
import { PAGEVIEW_EVENT, type PageviewPayload } from './pageview';
import { SESSION_KEY } from './session';

type Sent = Array<{ type: number; data: any; timestamp: number }>;

const pageviews = (events: Sent): PageviewPayload[] =>
  events.filter((event) => event.type === 5 && event.data.tag === PAGEVIEW_EVENT).map((event) => event.data.payload);

let recorder: Recorder | undefined;

beforeEach(() => {
  sessionStorage.clear();
  document.title = 'Lowlight test page';
  document.body.innerHTML = '<p id="canary">visible canary text</p><input id="name" value="prefilled-secret">';
});

afterEach(async () => {
  await recorder?.stop();
  recorder = undefined;
});

describe('createRecorder', () => {
  it('sends a masked full snapshot, then changes, and nothing after stop()', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    typeInto(document.querySelector<HTMLInputElement>('#name')!, 'typed-secret');
    document.querySelector('#canary')!.textContent = 'changed canary text';
    await settle();
    await recorder.stop();
    document.querySelector('#canary')!.textContent = 'after-stop text';
    await settle();
    await recorder.flush();

    const sent = JSON.stringify(transport.events());
    expect(transport.events().map((event) => event.type)).toContain(2);
    expect(sent).toContain('visible canary text');
    expect(sent).toContain('changed canary text');
    expect(sent).not.toMatch(/prefilled-secret|typed-secret|after-stop/);
    expect(recorder.getState().status).toBe('stopped');
  });

  it("masks and hands on a full snapshot in the task after rrweb's, with what follows behind it, in order", async () => {
    const transport = memoryTransport();
    const push = vi.spyOn(transport, 'push');
    const handedOn = () => push.mock.calls.map(([json]) => JSON.parse(json)).map((event) => (event.type === 5 ? event.data.tag : event.type));
    recorder = createRecorder({ transport });
    await recorder.start();
    await recorder.addCustomEvent('right after start');
    // rrweb took the snapshot within start(); only the meta event before it has been masked and handed on.
    expect(handedOn()).toEqual([4]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(handedOn()).toEqual([4, 2, PAGEVIEW_EVENT, 'right after start']);
  });

  it('never hands on a snapshot still waiting to be masked once consent is withdrawn', async () => {
    const transport = memoryTransport();
    const push = vi.spyOn(transport, 'push');
    recorder = createRecorder({ transport, consent: 'granted' });
    await recorder.start();
    try {
      await recorder.consent('denied');
      await new Promise((resolve) => setTimeout(resolve, 0));
      await recorder.flush();
    } finally {
      localStorage.clear(); // the denial is remembered for later pages, and later tests
    }
    expect(push.mock.calls.map(([json]) => JSON.parse(json).type)).toEqual([4]);
    expect(transport.events()).toEqual([]);
  });

  it('opens each pageview with masked metadata and coarse browser and OS only', async () => {
    history.replaceState(null, '', '/checkout?token=tok-secret-123&step=2');
    document.title = 'Receipt for ann@example.org';
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    await recorder.flush();

    const [pageview] = pageviews(transport.events());
    expect(pageview).toMatchObject({ trigger: 'load', url: expect.stringContaining(`/checkout?token=${'*'.repeat('tok-secret-123'.length)}&step=2`) });
    expect(pageview!.title).toBe(`Receipt for ${'*'.repeat('ann@example.org'.length)}`);
    expect(pageview!.browser).toMatch(/^[A-Za-z ]+( \d+)?$/);
    expect(JSON.stringify(transport.events())).not.toContain(navigator.userAgent);
  });

  it('records single-page-app navigations as pageviews, with scrubbed URLs', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    // A single-page app navigates, then renders the new page.
    history.pushState(null, '', '/orders?session=s3cr3t');
    document.querySelector('#canary')!.textContent = 'orders page';
    await settle();
    await recorder.flush();
    const urls = pageviews(transport.events()).map((pageview) => pageview.url);
    expect(urls).toHaveLength(2);
    expect(urls[1]).toMatch(/\/orders\?session=\*{6}$/);
  });

  it('gives a navigation one pageview, with the title of the route it renders, after a click reported late', async () => {
    history.replaceState(null, '', '/');
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    // React Router pushes the URL in the link's click handler; rrweb reports the click after that, before the render.
    // A redirect before the render (`/account` to `/login`) is one navigation, to where it led.
    history.pushState(null, '', '/account');
    history.replaceState(null, '', '/login');
    document.querySelector('#canary')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle();
    document.title = 'Log in';
    document.querySelector('#canary')!.textContent = 'log in page';
    await settle();
    document.title = 'Log in (2 unread)';
    document.querySelector('#canary')!.textContent = 'a later change on the same page';
    await settle();
    await recorder.flush();
    const events = transport.events();
    expect(events.some((event) => event.type === 3 && (event.data as { source?: number }).source === 2)).toBe(true); // the click was recorded
    expect(pageviews(events).map(({ url, title, trigger }) => [new URL(url).pathname, title, trigger])).toEqual([
      ['/', 'Lowlight test page', 'load'],
      ['/login', 'Log in', 'navigation'],
    ]);
  });

  it('keeps one random session id per tab in sessionStorage and sets no cookie', async () => {
    const first = createRecorder({ transport: memoryTransport() });
    await first.start();
    const id = first.getState().sessionId;
    await first.stop();
    recorder = createRecorder({ transport: memoryTransport() });
    await recorder.start();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(sessionStorage.getItem(SESSION_KEY)).toBe(id);
    expect(recorder.getState().sessionId).toBe(id);
    expect(document.cookie).toBe('');
  });

  it('captures nothing while paused and takes a fresh full snapshot on resume', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    recorder.pause();
    document.querySelector('#canary')!.textContent = 'changed-while-paused';
    await settle();
    document.querySelector('#canary')!.textContent = 'after resume';
    await recorder.resume();
    await recorder.flush();
    const types = transport.events().map((event) => event.type);
    expect(types.filter((type) => type === 2)).toHaveLength(2);
    expect(JSON.stringify(transport.events())).not.toContain('changed-while-paused');
  });

  it('runs plugins after masking, so they never see raw values', async () => {
    const seen: string[] = [];
    const transport = memoryTransport();
    recorder = createRecorder({
      transport,
      plugins: [{ name: 'test/spy@1', processEvent: (event) => (seen.push(JSON.stringify(event)), event) }],
    });
    await recorder.start();
    await recorder.flush();
    expect(seen.join()).toContain('visible canary text');
    expect(seen.join()).not.toContain('prefilled-secret');
  });

  it('tells subscribers about each status change', async () => {
    recorder = createRecorder({ transport: memoryTransport() });
    const statuses: string[] = [];
    recorder.subscribe((state) => statuses.push(state.status));
    await recorder.start();
    recorder.pause();
    await recorder.resume();
    await recorder.stop();
    expect(statuses).toEqual(['waiting', 'starting', 'recording', 'paused', 'recording', 'stopped']);
  });

  it('sends what is buffered when the page is hidden', async () => {
    const transport = memoryTransport();
    recorder = createRecorder({ transport });
    await recorder.start();
    expect(transport.batches).toHaveLength(0);
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(transport.batches.length).toBeGreaterThan(0);
    expect(transport.batches[0]!.unloading).toBe(true);
  });

  it('reports rrweb and masking errors through onError instead of throwing', async () => {
    const onError = vi.fn();
    recorder = createRecorder({
      transport: memoryTransport(),
      onError,
      plugins: [{ name: 'test/throws@1', processEvent: () => { throw new Error('plugin exploded'); } }],
    });
    await expect(recorder.start()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'plugin exploded' }));
  });

  it('reports and skips an event a plugin made unserializable', async () => {
    const onError = vi.fn();
    const transport = memoryTransport();
    recorder = createRecorder({
      transport,
      onError,
      plugins: [{ name: 'test/bigint@1', processEvent: (event) => (event.type === 2 ? { ...event, data: 1n } : event) }],
    });
    await recorder.start();
    await recorder.flush();
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError));
    expect(transport.events().map((event) => event.type)).not.toContain(2);
  });

  it.each([
    ['createTransport(options, send)', () => createTransport({ compression: null, offlineQueue: null }, async () => ({ status: 400 }))],
    ['fetchTransport', () => fetchTransport({ endpoint: '/collect', compression: null, offlineQueue: null })],
    ['fanOutTransport', () => fanOutTransport([memoryTransport(), createTransport({ compression: null, offlineQueue: null }, async () => ({ status: 400 }))])],
  ])('tells onError about the failures of a custom transport: %s', async (_name, makeTransport) => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 400 }));
    const onError = vi.fn();
    recorder = createRecorder({ transport: makeTransport(), onError });
    await recorder.start();
    await recorder.flush();
    vi.unstubAllGlobals();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('the server answered 400') }));
  });

  it.each([
    [{}, /"transport" must be a Transport/],
    [{ transport: memoryTransport(), privacy: 'open' }, /"privacy" must be one of strict, balanced, relaxed/],
    [{ transport: memoryTransport(), sampling: { mousemove: -1 } }, /"sampling.mousemove"/],
    [{ transport: memoryTransport(), sampling: { input: 'some' } }, /"sampling.input"/],
    [{ transport: memoryTransport(), plugins: {} }, /"plugins" must be an array/],
  ])('names the option in a configuration error: %j', (options, message) => {
    expect(() => createRecorder(options as never)).toThrow(message);
  });
});
