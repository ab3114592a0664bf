'use client';
// The directive makes this module's exports client references in a Next.js server component, so an App Router
// layout (a server component) can render the provider. The marks stay in index.tsx, plain values there.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createDefaultRecorder, type Recorder, type RecorderOrOptions, type RecorderState } from '@lowlight/core';

const RecorderContext = createContext<Recorder | null>(null);

/** `recorder`, or `options` (plain data, so a server component can pass them): read once, when the provider mounts. */
export type LowlightProviderProps = RecorderOrOptions & {
  /**
   * Start recording once mounted in the browser, and stop on unmount. Default true. A recorder the provider made
   * from `options` is also destroyed on unmount (its transport closed); one passed as `recorder` stays the app's.
   */
  autoStart?: boolean;
  /** The app, which may call `useLowlight()`. */
  children?: ReactNode;
};

/**
 * Makes a recorder available to `useLowlight()` and, by default, starts it
 * after the first client render. Nothing runs during server rendering.
 *
 * @example
 * <LowlightProvider options={{ endpoint: 'https://collect.example.com/i/KEY' }}>{children}</LowlightProvider>
 */
export function LowlightProvider({ recorder: given, options, autoStart = true, children }: LowlightProviderProps) {
  const [created] = useState(() => given ?? createDefaultRecorder(options!));
  const recorder = given ?? created;
  const pendingDestroy = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(pendingDestroy.current);
    // Under StrictMode this runs start, stop, start: the recorder keeps one recording (see the StrictMode test).
    if (autoStart) void recorder.start();
    return () => {
      if (autoStart) void recorder.stop();
      // Released a task later, not at once: StrictMode runs this cleanup between two mounts, and the second start
      // must not find its transport closed. The next mount cancels it.
      if (!given) pendingDestroy.current = setTimeout(() => void recorder.destroy());
    };
  }, [recorder, autoStart, given]);
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
