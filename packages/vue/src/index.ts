import { inject, onScopeDispose, shallowRef, type App, type InjectionKey, type Plugin, type ShallowRef } from 'vue';
import type { Recorder, RecorderState } from '@lowlight/core';

export * from '@lowlight/core';

const RECORDER_KEY: InjectionKey<Recorder> = Symbol('lowlight');

/** Options of `createLowlight`. */
export interface LowlightVueOptions {
  /** A recorder from `createRecorder()`; creating one touches no browser global, so it is safe on the server. */
  recorder: Recorder;
  /** Start recording when the app is installed in a browser. Default true. */
  autoStart?: boolean;
}

/**
 * A Vue plugin that provides the recorder to `useLowlight()` and, by default,
 * starts it in the browser. During server rendering it only provides.
 *
 * @example
 * app.use(createLowlight({ recorder: createRecorder({ transport }) }));
 */
export function createLowlight({ recorder, autoStart = true }: LowlightVueOptions): Plugin {
  return {
    install(app: App) {
      app.provide(RECORDER_KEY, recorder);
      if (autoStart && typeof window !== 'undefined') void recorder.start();
    },
  };
}

/** The installed recorder and its live state, kept current until the calling scope is disposed. */
export function useLowlight(): {
  /** The installed recorder. */
  recorder: Recorder;
  /** Its state, a shallow ref updated on every change. */
  state: Readonly<ShallowRef<RecorderState>>;
} {
  const recorder = inject(RECORDER_KEY);
  if (!recorder) throw new Error('[lowlight] vue: useLowlight() needs app.use(createLowlight({ recorder }))');
  const state = shallowRef(recorder.getState());
  const unsubscribe = recorder.subscribe((next) => {
    state.value = next;
  });
  onScopeDispose(unsubscribe);
  return { recorder, state };
}

/** Bind on an element to redact its text and attributes: `<div v-bind="maskAttrs">`. */
export const maskAttrs = {
  /** Masks this element's content. */
  'data-ll-mask': '',
} as const;
/** Bind on an element to leave it and its subtree out of the recording, keeping its size. */
export const blockAttrs = {
  /** Leaves this element out, keeping its size. */
  'data-ll-block': '',
} as const;
/** Bind on an element to opt its content in to recording. */
export const unmaskAttrs = {
  /** Opts this element's content in. */
  'data-ll-unmask': '',
} as const;
