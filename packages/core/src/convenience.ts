import { fetchTransport, type FetchTransportOptions } from '@lowlight/transport/fetch';
import { purgeOfflineQueue, TRANSPORT_DEFAULTS, type Transport, type TransportStats } from '@lowlight/transport';
import { createRecorder, type Recorder, type RecorderOptions } from './createRecorder';
import { customEvent } from './customEvent';
import { saveChoice, type Consent, type GateChange } from './gate';
import { invalidOption } from './invalidOption';
import type { Traits } from './identity';

/**
 * The recorder's options, and the default fetch transport's (batching, retries, the offline
 * queue, `encrypt`), which apply when no `transport` is given.
 */
export interface StartOptions extends Omit<RecorderOptions, 'transport'>, Omit<FetchTransportOptions, 'endpoint' | 'name' | 'destination'> {
  /** The http(s) URL the default transport POSTs batches to, absolute or a path such as `'/collect'`. Required unless `transport` is given. */
  endpoint?: string;
  /**
   * A transport to use instead of the default fetch transport. The default transport's options
   * (`endpoint`, `encrypt`, batching, retries, the queue) are then an error: set them on this transport.
   */
  transport?: Transport;
}

/** The default transport's own options, with its limits (`TRANSPORT_DEFAULTS`): they mean nothing beside a page's `transport`. */
const DEFAULT_TRANSPORT_ONLY = ['endpoint', 'encrypt', 'compression', 'offlineQueue'];

let current: Recorder | undefined;
/** Gate calls made while no recorder runs (before `start()`, after `stop()`), replayed on the next one. */
let early: Array<(recorder: Recorder) => Promise<void>> = [];

/**
 * Starts recording this page with safe defaults. `start({ endpoint })` alone
 * is enough; every other option is optional. A second call while recording
 * or waiting for the privacy gate does nothing.
 *
 * @example
 * import { start } from '@lowlight/core';
 * await start({ endpoint: 'https://collect.example.com/v1/batch' });
 */
export async function start(options: StartOptions): Promise<void> {
  const status = current?.getState().status;
  if (status && status !== 'idle' && status !== 'stopped') return;
  const next = createDefaultRecorder(options);
  // A recorder stopped earlier still holds its transport (retrying what is unsent): this one takes over.
  // Not awaited, so a second start() in the same tick still sees the new recorder and does nothing.
  void current?.destroy();
  current = next;
  for (const call of early) void call(current);
  early = [];
  await current.start();
}

/** How a framework binding gets its recorder: one you made, or `start()`'s options for it to make one. */
export type RecorderOrOptions =
  | {
      /** A recorder from `createRecorder()`; creating one touches no browser global, so it is safe on the server. */
      recorder: Recorder;
      /** Not with `recorder`. */
      options?: never;
    }
  | {
      /** `start()`'s options, e.g. `{ endpoint }`: the binding creates the recorder, once, with `createDefaultRecorder()`. */
      options: StartOptions;
      /** Not with `options`. */
      recorder?: never;
    };

/**
 * Creates a recorder from `start()`'s options: the default fetch transport to `endpoint`
 * unless a `transport` is given. Like `createRecorder`, it touches no browser global.
 * Framework bindings use it so an app can pass plain options instead of a recorder.
 */
export function createDefaultRecorder(options: StartOptions): Recorder {
  if (!options || typeof options !== 'object') {
    invalidOption('options', 'an object, e.g. { endpoint: "/collect" }', options);
  }
  const unused = options.transport
    ? [...DEFAULT_TRANSPORT_ONLY, ...Object.keys(TRANSPORT_DEFAULTS)].filter((key) => options[key as keyof StartOptions] !== undefined)
    : [];
  if (unused.length) {
    throw new Error(`[lowlight] core: "${unused.join('", "')}" cannot be used with "transport"; set these on that transport`);
  }
  // The recorder passes the default transport's failures to onError: the transport itself is not told.
  const transport = options.transport ?? fetchTransport({ ...options, onError: undefined } as FetchTransportOptions);
  return createRecorder({ ...options, transport });
}

/** Stops recording and sends what was captured. Nothing recorded after it is sent. */
export async function stop(): Promise<void> {
  await current?.stop();
}

/**
 * Stops like `stop()`, then releases everything the recorder holds (listeners, timers, the compression
 * worker, database connections); see `Recorder.destroy`. A later `start()` begins afresh.
 */
export async function destroy(): Promise<void> {
  const recorder = current;
  current = undefined;
  await recorder?.destroy();
}

/** Resolves once every batch captured so far has been handed to the network. */
export async function flush(): Promise<void> {
  await current?.flush();
}

/** Stops capturing until `resume()`. */
export function pause(): void {
  current?.pause();
}

/** Resumes capturing with a fresh full snapshot. */
export async function resume(): Promise<void> {
  await current?.resume();
}

/**
 * Sets the visitor's consent; see `Recorder.consent`. May be called before
 * `start()`: a denial is saved at once, and the state applies when recording starts.
 *
 * @example
 * cmp.onChange((accepted) => consent(accepted ? 'granted' : 'denied'));
 */
export function consent(state: Consent): Promise<void> {
  return change({ consent: state }, (recorder) => recorder.consent(state));
}

/** Names the visitor for this tab session; see `Recorder.identify`. May be called before `start()`. */
export function identify(id: string, traits?: Traits): Promise<void> {
  return change({ identity: { id, traits } }, (recorder) => recorder.identify(id, traits));
}

/**
 * Records an event of the site's own; see `Recorder.addCustomEvent`. Before `start()` nothing records, so it is
 * dropped, but still checked: a bad tag or payload rejects.
 *
 * @example
 * addCustomEvent('checkout failed', { step: 'payment', code: 'card_declined' });
 */
export async function addCustomEvent(tag: string, payload?: unknown): Promise<void> {
  await (current ? current.addCustomEvent(tag, payload) : customEvent(tag, payload));
}

/**
 * Opts the visitor out on every page until `optIn()`; saved at once, even if `start()` is never called.
 * Deletes what is queued on the device and stops recording in the site's other tabs too.
 */
export function optOut(): Promise<void> {
  return change({ optedOut: true }, (recorder) => recorder.optOut());
}

/** Undoes `optOut()`; every other gate still applies. */
export function optIn(): Promise<void> {
  return change({ optedOut: false }, (recorder) => recorder.optIn());
}

/**
 * Before `start()`, or after `stop()`, no recorder runs: the choice is checked
 * and saved now, and the call replayed on the recorder the next `start()` creates.
 * A denial or an opt-out also purges at once what is queued on the device, even on
 * a page that never records (an opt-out page): what earlier pages left, and what a
 * stopped recorder still retries.
 */
async function change(next: GateChange, call: (recorder: Recorder) => Promise<void>): Promise<void> {
  if (current && current.getState().status !== 'stopped') return call(current);
  saveChoice(next);
  early.push(call);
  if (next.consent !== 'denied' && !next.optedOut) return;
  if (current) void call(current);
  return purgeOfflineQueue();
}

/** The transport's counters (events sent, retried, dropped, queued, discarded); zeros before `start()`. */
export function stats(): TransportStats {
  return current?.stats() ?? { sent: 0, retried: 0, dropped: 0, queued: 0, discarded: 0 };
}

/** The recorder `start()` created, if any: for `subscribe`, `getState` and `use`. */
export function getRecorder(): Recorder | undefined {
  return current;
}
