import { gunzipSync } from 'node:zlib';
import type { Stores } from '../../../packages/server/src/stores/types';

export type StoredBatch<Event = { type: number; data: { tag?: string; payload?: unknown } }> = { sid: string; events: Event[] };

/** Every batch the server holds for a project, decrypted with the server's key and decompressed. */
export async function storedBatches<Event>(stores: Stores, projectId: string): Promise<Array<StoredBatch<Event>>> {
  const sessions = await stores.meta.listSessions({ projectId, limit: 100 });
  const batches: Array<StoredBatch<Event>> = [];
  for (const session of sessions) {
    for (const chunk of await stores.meta.listChunks(projectId, session.id)) {
      const sealed = await stores.blobs.get(chunk.blobKey);
      if (!sealed) throw new Error(`chunk ${chunk.id} is indexed but its blob is missing`);
      batches.push(JSON.parse(gunzipSync(await stores.keys.open(projectId, session.id, chunk.blobKey, sealed)).toString('utf8')) as StoredBatch<Event>);
    }
  }
  return batches;
}

/** Polls `condition` every 100 ms until it holds; throws after `timeoutMs`. */
export async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 100));
  }
}
