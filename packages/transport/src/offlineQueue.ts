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
  /** Stores a batch under its `key`, replacing one with the same key; resolves once the write is durable. */
  put(batch: QueuedBatch): Promise<void>;
  /** Deletes the batch stored under `key`, if any. */
  remove(key: string): Promise<void>;
  /** Every stored batch, oldest first. */
  all(): Promise<QueuedBatch[]>;
  /** Deletes every transport's batches, the database included: see `purgeOfflineQueue()`. */
  clear(): Promise<void>;
  /** Closes its connection to the storage; a later call opens it again. */
  close?(): void;
}

const DATABASE = 'lowlight';
const STORE = 'batches';
/**
 * `localStorage` key set once the queue was found empty (no database, or one holding no batch), and removed before a
 * batch is stored. While it is there, a page does not touch IndexedDB at all: opening it and reading it back cost
 * about a tenth of starting to record a small page. Where it is missing (a first visit, cleared storage, a queue an
 * older release left) the queue is looked up, so no batch is ever overlooked.
 */
export const QUEUE_EMPTY_MARKER = 'll:queue-empty';

/** Whether the database is known to hold no batch; false where localStorage cannot be read. */
const knownEmpty = (): boolean => {
  try {
    return localStorage.getItem(QUEUE_EMPTY_MARKER) !== null;
  } catch {
    return false;
  }
};

/** Sets or removes the marker; where localStorage is refused, knownEmpty answers false anyway. */
const markEmpty = (empty: boolean): void => {
  try {
    localStorage[empty ? 'setItem' : 'removeItem'](QUEUE_EMPTY_MARKER, '1');
  } catch {
    // Nothing to keep: see knownEmpty.
  }
};

/**
 * Writes started, and writes not yet committed, by any queue of this page (a fan-out has one per transport):
 * `all()` marks nothing empty around a write, since what it read may predate it.
 */
let writes = 0;
let writing = 0;

const settle = <T>(request: IDBRequest<T> | IDBOpenDBRequest): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });

/**
 * Opens the queue's database; unless `create`, one that does not exist fails to open rather than
 * being created. Each connection closes as soon as another tab deletes the database, so a purge
 * there never waits on this tab.
 */
function openDatabase(create: boolean, onClose?: () => void): Promise<IDBDatabase> {
  const request = indexedDB.open(DATABASE, 1);
  request.onupgradeneeded = () => (create ? request.result.createObjectStore(STORE, { keyPath: 'key' }) : request.transaction!.abort());
  return settle<IDBDatabase>(request).then((database) => {
    database.onversionchange = () => {
      database.close();
      onClose?.();
    };
    return database;
  });
}

/**
 * Deletes every transport's queued batches on this site, the database included, without ever
 * creating it: what a denial or an opt-out does, also on a page that never records. The store is
 * emptied first, because deleting waits until every tab has closed the database, which a tab of
 * an older version may never do; this resolves without waiting for it. Never rejects.
 *
 * @example
 * import { purgeOfflineQueue } from '@lowlight/transport';
 * await purgeOfflineQueue();
 */
export async function purgeOfflineQueue(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const factory = indexedDB;
  // Unknown rather than empty: a denial or an opt-out leaves only the visitor's choice in storage.
  markEmpty(false);
  try {
    const database = await openDatabase(false);
    await settle(database.transaction(STORE, 'readwrite').objectStore(STORE).clear());
    database.close();
  } catch {
    // No database, so nothing stored; or storage refused, and deleting below is all that is left to try.
  }
  await new Promise((done) => {
    const request = factory.deleteDatabase(DATABASE);
    request.onsuccess = request.onerror = request.onblocked = done;
  });
}

/**
 * The offline queue in first-party IndexedDB, or undefined where IndexedDB is
 * missing. The database is opened on first use, never at import, and `all()` does not open it
 * while `QUEUE_EMPTY_MARKER` says it holds no batch.
 */
export function indexedDbQueue(): OfflineQueue | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  let database: Promise<IDBDatabase> | undefined;
  const store = async (mode: IDBTransactionMode): Promise<IDBObjectStore> => {
    database ??= openDatabase(true, () => (database = undefined));
    return (await database).transaction(STORE, mode).objectStore(STORE);
  };
  return {
    put: async (batch) => {
      // Before the write: a page that reads the marker while this write is under way still looks.
      markEmpty(false);
      writes++;
      writing++;
      try {
        const { transaction } = (await store('readwrite')).put(batch);
        // Once committed, not once the request succeeds: only then does the batch outlive a reload that follows.
        await new Promise((resolve, reject) => {
          transaction!.oncomplete = resolve;
          // A failed request aborts its transaction.
          transaction!.onabort = () => reject(transaction!.error);
        });
      } finally {
        writing--;
      }
    },
    remove: async (key) => void (await settle((await store('readwrite')).delete(key))),
    async all() {
      if (knownEmpty()) return [];
      // -1: a write was under way when this read began, and may commit after it.
      const writesBefore = writing ? -1 : writes;
      // A first visit: the list of databases tells there is none, without creating it (Firefox before 126 has no list).
      const exists = !indexedDB.databases || (await indexedDB.databases()).some(({ name }) => name === DATABASE);
      const stored = exists ? ((await settle((await store('readonly')).getAll())) as QueuedBatch[]) : [];
      if (!stored.length && !writing && writes === writesBefore) markEmpty(true);
      return stored.sort((a, b) => a.queuedAt - b.queuedAt);
    },
    clear: purgeOfflineQueue,
    close() {
      // Runs after every request already waiting for the connection: IndexedDB closes once their transactions end.
      database?.then((open) => open.close(), () => {});
      database = undefined;
    },
  };
}
