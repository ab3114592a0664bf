import { inject, onScopeDispose, shallowRef, type App, type Directive, type InjectionKey, type Plugin, type ShallowRef } from 'vue';
import { createDefaultRecorder, type Recorder, type RecorderOrOptions, type RecorderState } from '@lowlight/core';

export * from '@lowlight/core';

const RECORDER_KEY: InjectionKey<Recorder> = Symbol('lowlight');

/** Options of `createLowlight`: a recorder or the options to make one, and whether it starts by itself. */
export type LowlightVueOptions = RecorderOrOptions & {
  /** Start recording when the app is installed in a browser, and stop when it unmounts. Default true. */
  autoStart?: boolean;
};

/**
 * A Vue plugin that provides the recorder to `useLowlight()`, registers the `v-ll-mask`, `v-ll-block` and
 * `v-ll-unmask` directives and, by default, starts recording in the browser and stops when the app unmounts.
 * During server rendering it only provides and registers.
 *
 * @example
 * app.use(createLowlight({ options: { endpoint: 'https://collect.example.com/i/KEY' } }));
 */
export function createLowlight({ recorder: given, options, autoStart = true }: LowlightVueOptions): Plugin {
  return {
    install(app: App) {
      const recorder = given ?? createDefaultRecorder(options!);
      app.provide(RECORDER_KEY, recorder);
      app.directive('ll-mask', vLlMask);
      app.directive('ll-block', vLlBlock);
      app.directive('ll-unmask', vLlUnmask);
      if (!autoStart || typeof window === 'undefined') return;
      void recorder.start();
      // A recorder the plugin made is its own to release; one the app passed in, the app may start again.
      app.onUnmount(() => void (given ? recorder.stop() : recorder.destroy()));
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

function markDirective(attrs: Record<string, string>): Directive<Element> {
  return {
    // `created` runs before the element is in the page, so the recorder never sees it unmarked.
    created(el) {
      for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    },
    // Server rendering runs no directive hook; these props put the mark into the HTML.
    getSSRProps: () => attrs,
  };
}

/**
 * `v-ll-mask`: redacts the element's text and attributes. Registered by `createLowlight()`; import it to register
 * locally. On an element, or a component with one root element: Vue cannot place a directive on a fragment or a
 * text root, and then nothing is marked, so wrap such a component in an element (the same holds for all three).
 */
export const vLlMask = markDirective(maskAttrs);
/** `v-ll-block`: the element is recorded as an empty box of the same size. */
export const vLlBlock = markDirective(blockAttrs);
/** `v-ll-unmask`: opts the element's content in to recording. */
export const vLlUnmask = markDirective(unmaskAttrs);
