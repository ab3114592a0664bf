import { fetchTransport } from '@lowlight/transport/fetch';
import type { Transport } from '@lowlight/transport';
import { createRecorder, type Recorder, type RecorderOptions } from './createRecorder';

export interface StartOptions extends Omit<RecorderOptions, 'transport'> {
  /** Absolute http(s) URL the default transport POSTs batches to. Required unless `transport` is given. */
  endpoint?: string;
  /** A transport to use instead of the default fetch transport. */
  transport?: Transport;
}

let current: Recorder | undefined;

/**
 * Starts recording this page with safe defaults. `start({ endpoint })` alone
 * is enough; every other option is optional. A second call while recording
 * does nothing.
 *
 * @example
 * import { start } from '@lowlight/core';
 * await start({ endpoint: 'https://collect.example.com/v1/batch' });
 */
export async function start(options: StartOptions): Promise<void> {
  const status = current?.getState().status;
  if (status === 'starting' || status === 'recording' || status === 'paused') return;
  if (!options || typeof options !== 'object') {
    throw new Error('[lowlight] start: pass an options object, e.g. start({ endpoint: "https://collect.example.com/batch" })');
  }
  const transport = options.transport ?? fetchTransport({ endpoint: options.endpoint as string, onError: options.onError });
  current = createRecorder({ ...options, transport });
  await current.start();
}

/** Stops recording and sends what was captured. Nothing recorded after it is sent. */
export async function stop(): Promise<void> {
  await current?.stop();
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

/** The recorder `start()` created, if any: for `subscribe`, `getState` and `use`. */
export function getRecorder(): Recorder | undefined {
  return current;
}
