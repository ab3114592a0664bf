import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDbQueue, purgeOfflineQueue, QUEUE_EMPTY_MARKER, type QueuedBatch } from './offlineQueue';
import { testSession } from './testTransport';

const batch = (seq: number): QueuedBatch => ({
  key: `q/${testSession.sessionId}/${testSession.pageviewId}/${seq}`,
  envelope: { v: 1, sid: testSession.sessionId, pid: testSession.pageviewId, seq, start: 1, end: 1, count: 1, policy: testSession.policy },
  body: new Uint8Array([seq]),
  encoding: 'identity',
  queuedAt: seq,
});

/** Fails instead of hanging: a purge that waits on another tab is the defect under test. */
const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);

const databaseNames = async () => (await indexedDB.databases()).map((database) => database.name);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});

describe('the IndexedDB offline queue', () => {
  it('purges without waiting for a tab that keeps the database open, and leaves no batch behind', async () => {
    await indexedDbQueue()!.put(batch(1));
    // A tab of an older version: it holds the database open and never answers a request to close it.
    const otherTab = await new Promise<IDBDatabase>((resolve) => {
      indexedDB.open('lowlight', 1).onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result);
    });
    await within(1000, purgeOfflineQueue());
    const left = otherTab.transaction('batches').objectStore('batches').getAll();
    await new Promise((resolve) => (left.onsuccess = resolve));
    expect(left.result).toEqual([]);
    otherTab.close();
  });

  it('closes its connection when another tab deletes the database, and opens a fresh one on next use', async () => {
    const thisTab = indexedDbQueue()!;
    await thisTab.put(batch(1));
    await within(1000, indexedDbQueue()!.clear());
    expect(await databaseNames()).toEqual([]);
    await thisTab.put(batch(2));
    expect((await thisTab.all()).map((stored) => stored.envelope.seq)).toEqual([2]);
  });

  it('once it found the database empty, reads nothing back without opening it, until a batch is stored', async () => {
    const queue = indexedDbQueue()!;
    expect(await queue.all()).toEqual([]);
    expect(localStorage.getItem(QUEUE_EMPTY_MARKER)).toBe('1');
    await new Promise((deleted) => (indexedDB.deleteDatabase('lowlight').onsuccess = deleted));
    // Another page of the site, a fresh connection: the marker says there is nothing to read.
    expect(await indexedDbQueue()!.all()).toEqual([]);
    expect(await databaseNames()).toEqual([]);
    await queue.put(batch(1));
    expect(localStorage.getItem(QUEUE_EMPTY_MARKER)).toBeNull();
    expect((await indexedDbQueue()!.all()).map((stored) => stored.envelope.seq)).toEqual([1]);
  });

  it('on a first visit neither creates the database nor reads it, and marks it empty', async () => {
    expect(await indexedDbQueue()!.all()).toEqual([]);
    expect(await databaseNames()).toEqual([]);
    expect(localStorage.getItem(QUEUE_EMPTY_MARKER)).toBe('1');
  });

  it('reads the database where the browser cannot list databases', async () => {
    await indexedDbQueue()!.put(batch(1));
    localStorage.clear();
    Object.defineProperty(indexedDB, 'databases', { value: undefined });
    expect((await indexedDbQueue()!.all()).map((stored) => stored.envelope.seq)).toEqual([1]);
  });

  it('reads a database it knows nothing about: cleared storage, or a queue an older release left', async () => {
    await indexedDbQueue()!.put(batch(1));
    localStorage.clear();
    expect((await indexedDbQueue()!.all()).map((stored) => stored.envelope.seq)).toEqual([1]);
  });

  it('does not mark the database empty when a batch is stored while it is being read', async () => {
    const queue = indexedDbQueue()!;
    const reading = queue.all();
    const writing = queue.put(batch(2));
    expect(await reading).toEqual([]);
    await writing;
    expect(localStorage.getItem(QUEUE_EMPTY_MARKER)).toBeNull();
    expect((await indexedDbQueue()!.all()).map((stored) => stored.envelope.seq)).toEqual([2]);
  });

  it("does not mark the database empty when another transport's queue stores a batch while it is being read", async () => {
    const reading = indexedDbQueue()!.all();
    const writing = indexedDbQueue()!.put(batch(3));
    expect(await reading).toEqual([]);
    await writing;
    expect(localStorage.getItem(QUEUE_EMPTY_MARKER)).toBeNull();
    expect((await indexedDbQueue()!.all()).map((stored) => stored.envelope.seq)).toEqual([3]);
  });

  it('does not mark the database empty when a write that began before the read commits after it', async () => {
    const writing = indexedDbQueue()!.put(batch(4));
    const reading = indexedDbQueue()!.all();
    await Promise.all([writing, reading]);
    expect(localStorage.getItem(QUEUE_EMPTY_MARKER)).toBeNull();
    expect((await indexedDbQueue()!.all()).map((stored) => stored.envelope.seq)).toEqual([4]);
  });

  it('reads the database where localStorage is refused', async () => {
    await indexedDbQueue()!.all();
    await indexedDbQueue()!.put(batch(1));
    localStorage.setItem(QUEUE_EMPTY_MARKER, '1');
    const refused = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    try {
      expect((await indexedDbQueue()!.all()).map((stored) => stored.envelope.seq)).toEqual([1]);
    } finally {
      refused.mockRestore();
    }
  });

  it('purging leaves no marker behind', async () => {
    await indexedDbQueue()!.all();
    await purgeOfflineQueue();
    expect(localStorage.getItem(QUEUE_EMPTY_MARKER)).toBeNull();
  });

  it('never creates the database to purge it', async () => {
    await purgeOfflineQueue();
    expect(await databaseNames()).toEqual([]);
  });
});
