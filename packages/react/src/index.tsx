import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { Recorder, RecorderState } from '@lowlight/core';

export * from '@lowlight/core';

const RecorderContext = createContext<Recorder | null>(null);

/** Props of `LowlightProvider`. */
export interface LowlightProviderProps {
  /** A recorder from `createRecorder()`; creating one touches no browser global, so it is safe on the server. */
  recorder: Recorder;
  /** Start recording once mounted in the browser, and stop on unmount. Default true. */
  autoStart?: boolean;
  /** The app, which may call `useLowlight()`. */
  children?: ReactNode;
}

/**
 * Makes a recorder available to `useLowlight()` and, by default, starts it
 * after the first client render. Nothing runs during server rendering.
 */
export function LowlightProvider({ recorder, autoStart = true, children }: LowlightProviderProps) {
  useEffect(() => {
    if (!autoStart) return undefined;
    void recorder.start();
    return () => void recorder.stop();
  }, [recorder, autoStart]);
  return <RecorderContext.Provider value={recorder}>{children}</RecorderContext.Provider>;
}

const SERVER_STATE: RecorderState = { status: 'idle', sessionId: undefined, gate: undefined };

/** The provider's recorder and its live state. */
export function useLowlight(): {
  /** The provider's recorder. */
  recorder: Recorder;
  /** Its state, re-rendering the component on every change. */
  state: RecorderState;
} {
  const recorder = useContext(RecorderContext);
  if (!recorder) throw new Error('[lowlight] react: useLowlight() must be called inside <LowlightProvider>');
  const state = useSyncExternalStore(recorder.subscribe, recorder.getState, () => SERVER_STATE);
  return { recorder, state };
}

/** Spread on an element to redact its text and attributes: `<div {...maskProps}>`. */
export const maskProps = {
  /** Masks this element's content. */
  'data-ll-mask': '',
} as const;
/** Spread on an element to leave it and its subtree out of the recording, keeping its size. */
export const blockProps = {
  /** Leaves this element out, keeping its size. */
  'data-ll-block': '',
} as const;
/** Spread on an element to opt its content in to recording. */
export const unmaskProps = {
  /** Opts this element's content in. */
  'data-ll-unmask': '',
} as const;
