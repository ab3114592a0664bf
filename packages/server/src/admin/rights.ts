import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { CIPHER } from '@lowlight/transport/encrypt';
import type { ChunkRow, Stores } from '../stores/types';
import type { TombstoneHash } from './tombstones';

const gunzipAsync = promisify(gunzip);
const DAY_MS = 86_400_000;

/** What the data-subject rights and retention need; shared by the HTTP API and the CLI. */
export interface RightsContext {
  stores: Stores;
  tombstoneHash: TombstoneHash;
  now(): number;
}

/**
 * Deletes a session: its rows and data key first (from then on its blobs are
 * unreadable, in backups too), then its blobs. With `tombstone`, batches that
 * arrive later for it are dropped.
 */
export async function deleteSession(ctx: RightsContext, projectId: string, sid: string, { tombstone = true } = {}): Promise<void> {
  if (tombstone) await addTombstone(ctx, projectId, 'session', sid);
  await ctx.stores.meta.deleteSession(projectId, sid);
  await ctx.stores.blobs.deletePrefix(`${projectId}/${sid}/`);
}

/**
 * Deletes every session of a visitor (the id given to `identify()`) in one
 * project, or in all of them with `projectId` null, and leaves a tombstone so
 * their late batches are dropped.
 */
export async function deleteVisitor(ctx: RightsContext, projectId: string | null, visitorId: string): Promise<{ sessions: number }> {
  for (const id of await projectIds(ctx, projectId)) await addTombstone(ctx, id, 'visitor', visitorId);
  const sessions = await ctx.stores.meta.sessionsOfVisitor(projectId, visitorId);
  for (const session of sessions) await deleteSession(ctx, session.projectId, session.id);
  return { sessions: sessions.length };
}

/** Deletes a project: every row, key and tombstone, then every blob under its prefix. */
export async function deleteProject(ctx: RightsContext, projectId: string): Promise<void> {
  await ctx.stores.meta.deleteProject(projectId);
  await ctx.stores.blobs.deletePrefix(`${projectId}/`);
}

/** One chunk as an export shows it: its events, or the page's end-to-end ciphertext the server cannot read. */
export type ExportedChunk = Omit<ChunkRow, 'blobKey'> & ({ events: unknown[] } | { cipher: string; ciphertext: string } | { missing: true });

/** Everything stored about a visitor: every row and every event of every session. */
export async function exportVisitor(ctx: RightsContext, projectId: string | null, visitorId: string) {
  const { meta } = ctx.stores;
  const sessions = await meta.sessionsOfVisitor(projectId, visitorId);
  return {
    visitorId,
    exportedAt: new Date(ctx.now()).toISOString(),
    sessions: await Promise.all(
      sessions.map(async (session) => ({
        session,
        pageviews: await meta.listPageviews(session.projectId, session.id),
        chunks: await Promise.all((await meta.listChunks(session.projectId, session.id)).map((chunk) => exportChunk(ctx, chunk))),
      })),
    ),
  };
}

async function exportChunk(ctx: RightsContext, chunk: ChunkRow): Promise<ExportedChunk> {
  const { blobKey, ...row } = chunk;
  const sealed = await ctx.stores.blobs.get(blobKey);
  if (!sealed) return { ...row, missing: true };
  const bytes = await ctx.stores.keys.open(chunk.projectId, chunk.sessionId, blobKey, sealed);
  if (chunk.encrypted) return { ...row, cipher: CIPHER, ciphertext: Buffer.from(bytes).toString('base64') };
  const batch = JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as { events: unknown[] };
  return { ...row, events: batch.events };
}

/**
 * Retention: deletes sessions that ended more than `olderThanMs` ago, or each
 * project's `retentionDays` when not given. Works on any blob store, without
 * bucket lifecycle rules. Returns how many sessions went.
 */
export async function prune(ctx: RightsContext, { olderThanMs }: { olderThanMs?: number } = {}): Promise<number> {
  let deleted = 0;
  for (const project of await ctx.stores.meta.listProjects()) {
    const endedBefore = ctx.now() - (olderThanMs ?? project.retentionDays * DAY_MS);
    for (;;) {
      const sessions = await ctx.stores.meta.sessionsOlderThan(project.id, endedBefore, 100);
      // Expired sessions get no tombstone: no batch arrives that late, and tombstones would pile up.
      for (const session of sessions) await deleteSession(ctx, project.id, session.id, { tombstone: false });
      deleted += sessions.length;
      if (sessions.length < 100) break;
    }
  }
  return deleted;
}

/**
 * Runs `prune` every `intervalMs` (and once at start) until stopped; stopping
 * waits for a sweep under way. Every instance may run one: deletes are idempotent.
 */
export function startSweeper(ctx: RightsContext, intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = running.then(() => prune(ctx)).catch(onError);
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

async function projectIds(ctx: RightsContext, projectId: string | null): Promise<string[]> {
  return projectId ? [projectId] : (await ctx.stores.meta.listProjects()).map((project) => project.id);
}

async function addTombstone(ctx: RightsContext, projectId: string, kind: 'session' | 'visitor', id: string): Promise<void> {
  await ctx.stores.meta.addTombstone({ projectId, kind, hash: await ctx.tombstoneHash(projectId, kind, id), createdAt: ctx.now() });
}
