import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { MetadataOps, Project, Stores } from '../stores/types';
import type { TombstoneHash } from '../admin/tombstones';
import { decodeBatch, type DecodedBatch, type IngestLimits } from './decodeBatch';
import type { IngestQuery } from './schemas';
import { batchFacts, type BatchFacts } from './sessionFacts';

const gzipAsync = promisify(gzip);

export interface IngestContext {
  stores: Stores;
  limits: IngestLimits;
  tombstoneHash: TombstoneHash;
  now(): number;
}

/** `stored`: new and indexed; `duplicate`: that (sid, pid, seq) was stored before; `dropped`: its session or visitor was deleted. */
export type IngestResult = 'stored' | 'duplicate' | 'dropped';

/**
 * The ingest path, top to bottom: validate → tombstones → dedupe → chunk →
 * store → index. Throws an `HttpError` (4xx) before anything is written.
 *
 * Write order: the blob first (a key derived from the batch id), then one
 * metadata transaction that claims the batch id and indexes the chunk. A crash
 * in between leaves at most an unindexed blob that the SDK's retry overwrites.
 */
export async function ingestBatch(ctx: IngestContext, project: Project, query: IngestQuery, body: Buffer): Promise<IngestResult> {
  const batch = await decodeBatch(query, body, ctx.limits, ctx.now());
  const facts = batch.encrypted ? null : batchFacts(batch.envelope, batch.events);
  if (await isDeleted(ctx, project.id, query.sid, facts?.visitorId ?? null)) return 'dropped';
  const chunkId = `${query.pid}-${query.seq}`;
  if (await alreadyStored(ctx.stores.meta, project.id, query, chunkId)) return 'duplicate';

  const blobKey = `${project.id}/${query.sid}/${chunkId}`;
  const sealed = await ctx.stores.keys.seal(project.id, query.sid, blobKey, await chunkBytes(query, body));
  await ctx.stores.blobs.put(blobKey, sealed.bytes);

  const receivedAt = ctx.now();
  const stored = await ctx.stores.meta.transaction(async (tx) => {
    if (!(await tx.claimBatch(project.id, query.sid, query.pid, query.seq))) return false;
    await indexBatch(tx, { projectId: project.id, query, batch, facts, chunkId, blobKey, keyId: sealed.keyId, bytes: sealed.bytes.length, receivedAt });
    return true;
  });
  return stored ? 'stored' : 'duplicate';
}

/** A tombstone for the session, or for the visitor the batch identifies, drops it; the SDK gets a 2xx and stops retrying. */
async function isDeleted(ctx: IngestContext, projectId: string, sid: string, visitorId: string | null): Promise<boolean> {
  const meta = ctx.stores.meta;
  if (await meta.hasTombstone(projectId, 'session', await ctx.tombstoneHash(projectId, 'session', sid))) return true;
  if (visitorId === null || !(await meta.hasTombstone(projectId, 'visitor', await ctx.tombstoneHash(projectId, 'visitor', visitorId)))) return false;
  // The deleted visitor came back: drop the rest of this session too, even the batches that do not name them.
  await meta.addTombstone({ projectId, kind: 'session', hash: await ctx.tombstoneHash(projectId, 'session', sid), createdAt: ctx.now() });
  return true;
}

/** A read before any write, so a replayed batch writes nothing at all (the claim in `indexBatch` still settles races). */
async function alreadyStored(meta: Stores['meta'], projectId: string, query: IngestQuery, chunkId: string): Promise<boolean> {
  return (await meta.getChunk(projectId, query.sid, chunkId)) !== null;
}

/**
 * How a chunk is kept: gzip, except an end-to-end encrypted body, which the server cannot re-encode and keeps in the
 * encoding its plaintext came with (the viewer's browser decodes it after decrypting).
 */
const storedEncoding = (query: IngestQuery): IngestQuery['enc'] => (query.cipher ? query.enc : 'gzip');

/** The chunk's bytes in `storedEncoding`: gzip bodies as they came, identity bodies compressed here, encrypted bodies untouched. */
async function chunkBytes(query: IngestQuery, body: Buffer): Promise<Uint8Array> {
  return query.enc === storedEncoding(query) ? body : gzipAsync(body);
}

interface BatchToIndex {
  projectId: string;
  query: IngestQuery;
  batch: DecodedBatch;
  facts: BatchFacts | null;
  chunkId: string;
  blobKey: string;
  keyId: string;
  bytes: number;
  receivedAt: number;
}

/**
 * Session, pageview and chunk rows for one batch. An end-to-end encrypted
 * batch tells only what its query says: the times are when it arrived.
 */
async function indexBatch(tx: MetadataOps, b: BatchToIndex): Promise<void> {
  const { projectId, query, facts } = b;
  const [firstTs, lastTs] = b.batch.encrypted ? [b.receivedAt, b.receivedAt] : [b.batch.envelope.start, b.batch.envelope.end];
  await tx.upsertSession({
    projectId,
    id: query.sid,
    visitorId: facts?.visitorId ?? null,
    startedAt: firstTs,
    endedAt: lastTs,
    pageviews: facts?.pageviews ?? 0,
    clicks: facts?.clicks ?? 0,
    browser: facts?.pageview?.browser ?? null,
    os: facts?.pageview?.os ?? null,
    privacyLevel: facts?.privacyLevel ?? null,
    encrypted: b.batch.encrypted,
    firstUrl: facts?.pageview?.url ?? null,
    bytes: b.bytes,
  });
  await tx.upsertPageview({ projectId, sessionId: query.sid, id: query.pid, url: facts?.pageview?.url ?? null, title: facts?.pageview?.title ?? null, startedAt: firstTs });
  await tx.recordChunk({
    projectId,
    sessionId: query.sid,
    id: b.chunkId,
    pageviewId: query.pid,
    seq: query.seq,
    firstTs,
    lastTs,
    bytes: b.bytes,
    fullSnapshot: facts?.fullSnapshot ?? false,
    encrypted: b.batch.encrypted,
    enc: storedEncoding(query),
    keyId: b.keyId,
    blobKey: b.blobKey,
  });
}
