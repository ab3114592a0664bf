import type { GateState } from './gate';

/**
 * Where the recorder is in its lifecycle. `'waiting'`: `start()` was called but the privacy gate is
 * closed; recording begins when it opens.
 */
export type RecorderStatus = 'idle' | 'waiting' | 'starting' | 'recording' | 'paused' | 'stopped';

/** A snapshot of the recorder's state, for UI bindings (React, Vue). */
export interface RecorderState {
  /** Where the recorder is in its lifecycle. */
  readonly status: RecorderStatus;
  /** The session id once recording has started. */
  readonly sessionId: string | undefined;
  /** `'open'`, or why nothing is recorded (`'dnt'`, `'pending'`, ...); decided by `start()`, undefined before. */
  readonly gate: GateState | undefined;
}

export interface Store<T> {
  getState(): T;
  setState(next: Partial<T>): void;
  /** Calls `listener` after every change; returns a function that unsubscribes. */
  subscribe(listener: (state: T) => void): () => void;
}

/** A minimal external store: `getState` returns a stable object between changes. */
export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<(state: T) => void>();
  return {
    getState: () => state,
    setState(next) {
      state = { ...state, ...next };
      for (const listener of [...listeners]) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
