import type { OutgoingBatch } from './types';

/** A batch waiting to be accepted, as kept between pages. Holds only masked, encoded data. */
export interface QueuedBatch extends Omit<OutgoingBatch, 'unloading'> {
  /** `<queue>/<sid>/<pid>/<seq>`, unique: the transport's queue (a hash of its name, destination and cipher), then the batch's. */
  key: string;
  /** When it was queued (ms since the epoch), for the age cap. */
  queuedAt: number;
}

/** Where batches wait between pages of the same site. */
export interface OfflineQueue {
  put(batch: QueuedBatch): Promise<void>;
  remove(key: string): Promise<void>;
  /** Every stored batch, oldest first. */
  all(): Promise<QueuedBatch[]>;
  /** Deletes everything, the database included. */
  clear(): Promise<void>;
}

const DATABASE = 'lowlight';
const STORE = 'batches';

const settle = <T>(request: IDBRequest<T> | IDBOpenDBRequest): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });

/**
 * The offline queue in first-party IndexedDB, or undefined where IndexedDB is
 * missing. The database is opened on first use, never at import.
 */
export function indexedDbQueue(): OfflineQueue | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  let database: Promise<IDBDatabase> | undefined;
  const store = async (mode: IDBTransactionMode): Promise<IDBObjectStore> => {
    database ??= (() => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
      return settle<IDBDatabase>(request);
    })();
    return (await database).transaction(STORE, mode).objectStore(STORE);
  };
  return {
    put: async (batch) => void (await settle((await store('readwrite')).put(batch))),
    remove: async (key) => void (await settle((await store('readwrite')).delete(key))),
    all: async () => ((await settle((await store('readonly')).getAll())) as QueuedBatch[]).sort((a, b) => a.queuedAt - b.queuedAt),
    async clear() {
      const open = database;
      database = undefined;
      (await open?.catch(() => undefined))?.close();
      // Deleting never creates the database, so a page that never recorded stores nothing.
      await settle(indexedDB.deleteDatabase(DATABASE));
    },
  };
}
