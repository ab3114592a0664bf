/**
 * First-party web storage that never throws: storage can be disabled, full,
 * or forbidden in sandboxed frames, and none of that may break the page.
 */
export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function safeStorage(getStorage: () => Storage | undefined): SafeStorage {
  const attempt = <T>(action: (storage: Storage) => T, fallback: T): T => {
    try {
      const storage = getStorage();
      return storage ? action(storage) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => attempt((storage) => storage.getItem(key), null),
    set: (key, value) => attempt((storage) => storage.setItem(key, value), undefined),
    remove: (key) => attempt((storage) => storage.removeItem(key), undefined),
  };
}

/** The tab's `sessionStorage`, read lazily so importing this module touches nothing. */
export const sessionStore = (): SafeStorage => safeStorage(() => globalThis.sessionStorage);

/** The site's `localStorage`, for the visitor's lasting choices (a denial, an opt-out). Read lazily too. */
export const localStore = (): SafeStorage => safeStorage(() => globalThis.localStorage);
