'use client';
// The directive makes the provider a client component, so a Next.js App Router layout (a server component) can render it.
import { createContext, createElement, useContext, useEffect, useState, useSyncExternalStore, type HTMLAttributes, type JSX, type ReactElement, type ReactNode } from 'react';
import { createDefaultRecorder, type Recorder, type RecorderOrOptions, type RecorderState } from '@lowlight/core';

export * from '@lowlight/core';

const RecorderContext = createContext<Recorder | null>(null);

/** `recorder`, or `options` (plain data, so a server component can pass them): read once, when the provider mounts. */
export type LowlightProviderProps = RecorderOrOptions & {
  /** Start recording once mounted in the browser, and stop on unmount. Default true. */
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
  useEffect(() => {
    if (!autoStart) return undefined;
    // Under StrictMode this runs start, stop, start: the recorder keeps one recording (see the StrictMode test).
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

/**
 * Spread on an element to redact its text and attributes: `<div {...maskProps}>`. In client components only: this
 * module is `'use client'`, so a Next.js server component that imports it gets a client reference, which spreads
 * nothing. Use `<Masked>` there (the same holds for `blockProps` and `unmaskProps`).
 */
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

/** Props of `Masked`, `Blocked` and `Unmasked`: those of the element they render, and which element. */
export interface MarkProps extends HTMLAttributes<HTMLElement> {
  /** The element to render. Default `'div'`. */
  as?: keyof JSX.IntrinsicElements;
}

function markComponent(mark: object, displayName: string): ((props: MarkProps) => ReactElement) & {
  /** The name React DevTools show. */
  displayName: string;
} {
  const Mark = ({ as = 'div', ...props }: MarkProps) => createElement(as, { ...props, ...mark });
  Mark.displayName = displayName;
  return Mark;
}

/** Renders its children with their text and attributes redacted: `<Masked as="p">{user.name}</Masked>`. */
export const Masked = markComponent(maskProps, 'Masked');
/** Renders an element recorded as an empty box of the same size: nothing inside it is recorded. */
export const Blocked = markComponent(blockProps, 'Blocked');
/** Renders its children opted in to recording (under `privacy: 'strict'`, or a field's value). */
export const Unmasked = markComponent(unmaskProps, 'Unmasked');
