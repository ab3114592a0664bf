/** Where the recorder is in its lifecycle. */
export type RecorderStatus = 'idle' | 'starting' | 'recording' | 'paused' | 'stopped';

/** A snapshot of the recorder's state, for UI bindings (React, Vue). */
export interface RecorderState {
  readonly status: RecorderStatus;
  /** The session id once recording has started. */
  readonly sessionId: string | undefined;
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
