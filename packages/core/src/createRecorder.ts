import { createEventMasker, EventType, IncrementalSource, PRIVACY_LEVELS, type Detector, type PrivacyLevel, type RecordedEvent } from '@lowlight/mask';
import { serializeEvent, type Transport, type TransportStats } from '@lowlight/transport';
import { sessionStore } from './firstPartyStorage';
import { customEvent } from './customEvent';
import { CONSENT_KEY, createGate, OPT_OUT_KEY, type Consent, type GateChange, type GateOptions } from './gate';
import { identifyEvent, type Traits } from './identity';
import { inDesignMode } from './inDesignMode';
import { invalidOption } from './invalidOption';
import { pageviewEvent } from './pageview';
import { readInlineRun, type NodeMirror } from './readInlineRun';
import { readTextsBefore } from './readTextsBefore';
import { createPluginPipeline, type LowlightPlugin } from './plugins';
import { randomId } from './randomId';
import { resolveSessionId } from './session';
import { createStore, type RecorderState } from './store';

/** How often interaction events are sampled. */
export interface SamplingOptions {
  /** Minimum ms between recorded mouse and touch positions; `false` records none. Default 50. */
  mousemove?: number | false;
  /** Minimum ms between recorded scroll positions. Default 150. */
  scroll?: number;
  /**
   * `'all'` records each keystroke's (masked) value; `'last'` only values committed by a `change`
   * event, so typing is not seen until the field loses focus. Default `'all'`.
   */
  input?: 'last' | 'all';
  /** Record clicks, focus, blur and touches. Default true. */
  mouseInteraction?: boolean;
}

export interface RecorderOptions extends GateOptions {
  /** Where masked batches go, e.g. `fetchTransport({ endpoint })`. */
  transport: Transport;
  /** How much is masked: `'strict'`, `'balanced'` (default) or `'relaxed'`. */
  privacy?: PrivacyLevel;
  /** Extra text detectors, added to the built-in ones for the level. */
  detectors?: readonly Detector[];
  /** Names of default detectors to turn off, e.g. `['lowlight/us-ssn@1']`. Weakens privacy; see the README. */
  disableDetectors?: readonly string[];
  /** Character that replaces masked text. Default `'*'`. */
  maskChar?: string;
  /** Plugins, in order; see `LowlightPlugin`. */
  plugins?: readonly LowlightPlugin[];
  /** How often pointer moves, scrolls and inputs are recorded; see `SamplingOptions`. */
  sampling?: SamplingOptions;
  /**
   * Told about masking, plugin and transport failures (any transport made by `createTransport`, which the
   * recorder hands this to in `open()`). Lowlight never throws into the page after `start()`.
   */
  onError?: (error: Error) => void;
}

/** A recorder, made by `createRecorder`: one page's recording, from the privacy gate to the transport. */
export interface Recorder {
  /**
   * Starts recording once the privacy gate is open: loads rrweb, takes a full
   * snapshot, then records changes. While the gate is closed (Do Not Track,
   * consent pending, ...) nothing is loaded, stored or sent; `state.gate` says why.
   */
  start(): Promise<void>;
  /** Stops recording and sends what was captured; nothing recorded after it is sent. */
  stop(): Promise<void>;
  /** Stops capturing until `resume()`; nothing is recorded in between. */
  pause(): void;
  /** Resumes capturing with a fresh full snapshot. */
  resume(): Promise<void>;
  /** Resolves once every event captured so far has been handed to the network. */
  flush(): Promise<void>;
  /**
   * Sets the visitor's consent. `'granted'` starts recording (after `start()`) with a fresh full snapshot.
   * `'denied'` stops at once, discards everything not yet sent, and is remembered in localStorage
   * until `consent('granted')`. `'pending'` stops and discards too, but is not remembered.
   */
  consent(state: Consent): Promise<void>;
  /**
   * Names the visitor for this tab session (kept in sessionStorage, never a cookie) and sends it as a
   * `lowlight/identify` event. Under `requireIdentity`, recording starts once the visitor is identified.
   */
  identify(id: string, traits?: Traits): Promise<void>;
  /**
   * Records an event of the site's own, e.g. `addCustomEvent('checkout failed', { step: 'payment' })`: a custom
   * event (`type: 5`, `data: { tag, payload }`) on the replay's timeline. Masked like every event: the detectors
   * run on the tag and on the payload's keys and strings. Called while recording starts (right after `start()`), it
   * waits for the first snapshot and is stamped after it. Dropped while nothing is recorded (the gate is closed,
   * paused, stopped). Rejects for an empty tag or one starting with `lowlight/`, and for a payload that is not
   * JSON (a cycle, a BigInt, a function) or longer than 8,192 characters of JSON with its tag.
   */
  addCustomEvent(tag: string, payload?: unknown): Promise<void>;
  /** The visitor opts out: recording stops at once like a denial, and stays off on every page until `optIn()`. */
  optOut(): Promise<void>;
  /** Undoes `optOut()`; every other gate still applies. */
  optIn(): Promise<void>;
  /**
   * Stops like `stop()`, then releases everything the recorder holds: its listeners, and its transport's
   * timers, compression worker and database connection (`transport.close()`). A later `start()` takes
   * what it needs afresh.
   */
  destroy(): Promise<void>;
  /** Adds a plugin; returns a function that removes it. */
  use(plugin: LowlightPlugin): () => void;
  /** The transport's counters: events sent, retried, dropped, queued and discarded. */
  stats(): TransportStats;
  /** The current state: status, session id and gate. */
  getState(): RecorderState;
  /** Calls `listener` after every state change; returns a function that unsubscribes. */
  subscribe(listener: (state: RecorderState) => void): () => void;
}

type RecordFn = typeof import('@rrweb/record').record;

const SAMPLING_DEFAULTS = { mousemove: 50, scroll: 150, input: 'all', mouseInteraction: true } as const;

/**
 * Creates a recorder. Nothing happens until `start()`; creating one touches no
 * global, so it is safe during server-side rendering.
 *
 * Every event takes one path, in this order:
 * record (rrweb) → gate → mask → plugins → serialize → egress guard → transport (batch → compress → send).
 *
 * @example
 * const recorder = createRecorder({ transport: fetchTransport({ endpoint: 'https://collect.example.com/batch' }) });
 * await recorder.start();
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const { transport } = validateOptions(options);
  const report = (error: unknown): void => {
    try {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // A failing error handler must not break recording or the page.
    }
  };
  /** rrweb's node mirror while recording: lets the masker read text around a change in the live page. */
  let mirror: NodeMirror | undefined;
  const masker = createEventMasker({
    level: options.privacy,
    detectors: options.detectors,
    disableDetectors: options.disableDetectors,
    maskChar: options.maskChar,
    onError: report,
    inlineRunOf: (id) => (mirror ? readInlineRun(mirror, id) : null),
    inDesignMode: (id) => (mirror ? inDesignMode(mirror, id) : false),
    textsBeforeOf: (id, headingOnly) => (mirror ? readTextsBefore(mirror, id, headingOnly) : null),
  });
  const gate = createGate(options);
  const plugins = createPluginPipeline(report);
  for (const plugin of options.plugins ?? []) plugins.use(plugin);
  const store = createStore<RecorderState>({ status: 'idle', sessionId: undefined, gate: undefined });
  const sampling = { ...SAMPLING_DEFAULTS, ...options.sampling };

  let record: RecordFn | undefined;
  let stopRrweb: (() => void) | undefined;
  let teardown: Array<() => void> = [];
  /** Removes the listener for other tabs' choices: registered by start(), removed by stop(). */
  let unwatchChoices: (() => void) | undefined;
  let context: { sessionId: string; pageviewId: string; policy: string } | undefined;

  let pageviewPending = false;
  /** The latest `begin()`: custom events wait for it, so one sent while recording starts is not lost. */
  let beginning: Promise<void> = Promise.resolve();
  /** The URL of the current pageview; a change means a single-page-app navigation. */
  let pageUrl = '';

  /** Events captured behind a full snapshot (see `capture`), in order. A closing gate empties it unprocessed. */
  const waiting: RecordedEvent[] = [];
  let waitingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Processes what waits behind a full snapshot: in the next task, or at once when flushing (stop, pagehide). */
  function processWaiting(): void {
    clearTimeout(waitingTimer);
    waiting.splice(0).forEach((event) => process(event));
  }

  /**
   * The data path. Every event, rrweb's or Lowlight's own, goes through here: the gate, then the page facts read
   * at the moment of the event (pageviews), then `process`.
   */
  function capture(event: RecordedEvent): void {
    const { status, gate: gateState } = store.getState();
    if (status !== 'recording' || gateState !== 'open') return; // the gate: no event passes while it is closed
    // A navigation always brings DOM mutations: checking the URL at each (only rrweb's incremental events carry a
    // `source`) catches pushState, replaceState, back and forward, hash changes and the Navigation API without
    // patching history. Only at mutations: a router may push the URL before it renders (rrweb reports a link's
    // click after React Router's handler pushed), and the pageview should carry the title of the route's render.
    // The URL is read last: most events are pointer moves, and reading location.href builds a string each time.
    if (!pageviewPending && (event.data as { source?: number }).source === IncrementalSource.Mutation && location.href !== pageUrl) {
      pageUrl = location.href;
      capture(pageviewEvent(window, masker, 'navigation', context!.policy));
    }
    // rrweb's snapshot of a large page is already the page's longest task; masking and serializing it there too
    // would make it longer. So a full snapshot is processed in the next task, and what follows waits behind it.
    // Nothing leaves the page unmasked either way.
    if (waiting.length || event.type === EventType.FullSnapshot) {
      if (waiting.push(event) === 1) waitingTimer = setTimeout(processWaiting);
    } else {
      process(event);
    }
    if (pageviewPending && event.type === EventType.FullSnapshot) {
      // rrweb snapshots once the document is parsed; by then the title and layout are final.
      pageviewPending = false;
      pageUrl = location.href;
      capture(pageviewEvent(window, masker, 'load', context!.policy));
      const identity = gate.identity();
      if (identity) capture(identifyEvent(identity));
    }
  }

  /** Masks, runs the plugins, serializes and hands an event that passed the gate to the transport. */
  function process(event: RecordedEvent): void {
    const masked = masker.maskEvent(event);
    const processed = masked && plugins.process(masked);
    const json = processed && serialize(processed);
    // The masker's own output already passed every detector; only plugins can add something new.
    if (json) transport.push(plugins.changesEvents ? masker.guardJson(json) : json, processed.timestamp);
  }

  function serialize(event: RecordedEvent): string | undefined {
    try {
      // Node ids a reader can count are left out on the wire (docs/protocol.md).
      return serializeEvent(event);
    } catch (error) {
      // A plugin put something unserializable (a cycle, a BigInt) into the event.
      report(error);
      return undefined;
    }
  }

  function startRrweb(): void {
    stopRrweb =
      record!({
        emit: (event) => capture(event as RecordedEvent),
        // rrweb leaves blocked subtrees out at capture; the masker enforces the same mark on every event.
        // Canvas, fonts, inline images and cross-origin iframes stay at rrweb's default: off.
        blockSelector: '[data-ll-block]',
        sampling: {
          mousemove: sampling.mousemove,
          scroll: sampling.scroll,
          input: sampling.input,
          mouseInteraction: sampling.mouseInteraction,
          media: 800,
        },
        // Scripts, comments, favicons, head whitespace, social/robots/verification <meta>, and <title>
        // changes: none is shown in a replay, and each could carry data.
        slimDOMOptions: 'all',
        errorHandler: (error: unknown) => {
          report(error);
          return true;
        },
      }) ?? undefined;
  }

  /** Hands what waits behind a full snapshot to the transport, then has it send. */
  function flush(unloading?: boolean): Promise<void> {
    processWaiting();
    return transport.flush({ unloading });
  }

  const onPageHide = (): void => void flush(true);
  const onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') onPageHide();
  };

  async function start(): Promise<void> {
    const status = store.getState().status;
    if (status !== 'idle' && status !== 'stopped') return;
    if (typeof window === 'undefined' || typeof document === 'undefined') {
      throw new Error('[lowlight] core: start() needs a browser window; call it on the client, not during server rendering');
    }
    gate.read(window);
    // A denial or an opt-out saved on an earlier page purges what that page left queued, as a live one does.
    if (gate.withdrawn()) transport.discard();
    unwatchChoices = listen(window, 'storage', onStorage as (event: Event) => void);
    await followGate('waiting');
  }

  /** Another tab of the site saved a withdrawal: it applies here at once, as if made on this page. */
  function onStorage({ key, newValue }: StorageEvent): void {
    if (key === OPT_OUT_KEY && newValue === '1') void change({ optedOut: true });
    if (key === CONSENT_KEY && newValue === 'denied') void change({ consent: 'denied' });
  }

  /** Opens or closes recording to match the gate: in `start()`, and after every runtime change. */
  async function followGate(status = store.getState().status): Promise<void> {
    if (status === 'idle' || status === 'stopped') return;
    const gateState = gate.decide();
    if (gateState !== 'open' && status !== 'waiting') {
      // Closed while recording: stop at once and drop what is unsent. Unlike stop(), nothing is flushed,
      // so the last seconds (often the click on "reject") never leave the page (getsentry/sentry-javascript#22220).
      store.setState({ status: 'waiting', gate: gateState, sessionId: undefined });
      halt();
      waiting.length = 0;
      transport.discard();
    } else {
      store.setState({ status, gate: gateState });
      if (gateState === 'open' && status === 'waiting') await (beginning = begin());
    }
  }

  /** A runtime change; a bad argument rejects the call's promise. */
  async function change(next: GateChange): Promise<void> {
    gate.apply(next);
    // A denial or an opt-out purges even when nothing is recording: an earlier page may have left batches queued.
    if (next.consent === 'denied' || next.optedOut) transport.discard();
    // While recording, a new identity is sent at once; before the first snapshot, capture() sends it with the pageview.
    if (next.identity && !pageviewPending) capture(identifyEvent(next.identity));
    return followGate();
  }

  async function begin(): Promise<void> {
    store.setState({ status: 'starting' });
    try {
      // Loaded here, not at import: rrweb touches window at module load, and pages that never record never pay for it.
      record ??= (await import('@rrweb/record')).record;
    } catch (error) {
      store.setState({ status: 'idle' });
      throw error;
    }
    // rrweb's snapshot is the longest task of starting: it gets a task of its own, apart from reading the gate.
    await nextTask();
    if (store.getState().status !== 'starting') return; // stopped, or the gate closed, while loading
    context = { sessionId: resolveSessionId(sessionStore()), pageviewId: randomId(), policy: gate.policy(masker.level) };
    transport.open(context, report);
    store.setState({ status: 'recording', sessionId: context.sessionId });
    pageviewPending = true;
    mirror = record.mirror;
    startRrweb();
    teardown = [
      listen(window, 'pagehide', onPageHide),
      listen(document, 'visibilitychange', onVisibilityChange),
    ];
    plugins.notify('onStart', context);
  }

  function stopCapturing(): void {
    try {
      stopRrweb?.();
    } catch (error) {
      report(error);
    }
    stopRrweb = undefined;
  }

  function halt(): void {
    stopCapturing();
    for (const undo of teardown) undo();
    teardown = [];
    if (context) plugins.notify('onStop');
    context = undefined;
  }

  async function stop(): Promise<void> {
    const status = store.getState().status;
    if (status === 'idle' || status === 'stopped') return;
    store.setState({ status: 'stopped' });
    unwatchChoices?.();
    halt();
    await flush();
  }

  return {
    start,
    stop,
    async destroy() {
      await stop();
      // Also when start() failed to load rrweb and left the recorder idle with its listener in place.
      unwatchChoices?.();
      await transport.close?.();
    },
    pause() {
      if (store.getState().status !== 'recording') return;
      stopCapturing();
      store.setState({ status: 'paused' });
    },
    async resume() {
      if (store.getState().status !== 'paused') return;
      store.setState({ status: 'recording' });
      startRrweb();
    },
    flush: async () => {
      // A snapshot waiting to be masked is processed in a task of its own (see capture), not in the caller's.
      if (waiting.length) await nextTask();
      return flush();
    },
    consent: (consent) => change({ consent }),
    identify: (id, traits) => change({ identity: { id, traits } }),
    addCustomEvent: async (tag, payload) => {
      const event = customEvent(tag, payload);
      // Called while recording starts (right after `start()`, in the page's own scripts), it waits for the snapshot
      // and is stamped after it.
      await beginning.catch(() => {});
      capture({ ...event, timestamp: Date.now() });
    },
    optOut: () => change({ optedOut: true }),
    optIn: () => change({ optedOut: false }),
    use: (plugin) => plugins.use(plugin),
    stats: () => transport.stats(),
    getState: store.getState,
    subscribe: store.subscribe,
  };
}

const nextTask = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve));

function listen(target: EventTarget, type: string, listener: (event: Event) => void): () => void {
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}

function validateOptions(options: RecorderOptions): RecorderOptions {
  if (!options || typeof options !== 'object') invalidOption('options', 'an object with a "transport"', options);
  const { transport, privacy, sampling = {}, plugins, onError } = options;
  if (!transport || typeof transport.push !== 'function' || typeof transport.flush !== 'function') {
    invalidOption('transport', 'a Transport, e.g. fetchTransport({ endpoint })', typeof transport);
  }
  if (privacy !== undefined && !PRIVACY_LEVELS.includes(privacy)) invalidOption('privacy', `one of ${PRIVACY_LEVELS.join(', ')}`, privacy);
  if (plugins !== undefined && !Array.isArray(plugins)) invalidOption('plugins', 'an array of plugins', typeof plugins);
  if (onError !== undefined && typeof onError !== 'function') invalidOption('onError', 'a function', typeof onError);
  const { mousemove, scroll, input, mouseInteraction } = sampling;
  if (mousemove !== undefined && mousemove !== false && !isNonNegative(mousemove)) {
    invalidOption('sampling.mousemove', 'a number of ms or false', mousemove);
  }
  if (scroll !== undefined && !isNonNegative(scroll)) invalidOption('sampling.scroll', 'a number of ms', scroll);
  if (input !== undefined && input !== 'last' && input !== 'all') invalidOption('sampling.input', "'last' or 'all'", input);
  if (mouseInteraction !== undefined && typeof mouseInteraction !== 'boolean') {
    invalidOption('sampling.mouseInteraction', 'true or false', mouseInteraction);
  }
  return options;
}

const isNonNegative = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
