import type { FastifyInstance } from 'fastify';
import { HttpError } from '../httpError';
import type { Stores } from '../stores/types';
import type { Authenticate } from './auth';
import { deleteProject, deleteSession, deleteVisitor, exportVisitor, prune, type RightsContext } from './rights';
import { ProjectParams, ProjectVisitorParams, PruneBody, Retention, SessionListQuery, SessionParams, VisitorParams } from './schemas';
import type { TombstoneHash } from './tombstones';

export interface AdminPluginOptions {
  stores: Stores;
  tombstoneHash: TombstoneHash;
  authenticate: Authenticate;
  now(): number;
}

const DAY_MS = 86_400_000;

/**
 * The rights API, every route authenticated: list sessions, delete a session,
 * a visitor or a project, export a visitor, read and set retention, prune.
 */
export async function adminPlugin(app: FastifyInstance, { stores, tombstoneHash, authenticate, now }: AdminPluginOptions): Promise<void> {
  const ctx: RightsContext = { stores, tombstoneHash, now };
  const { meta } = stores;

  app.addHook('onRequest', async (request) => {
    if (!(await authenticate(request))) throw new HttpError(401, 'unauthorized', 'this API needs an admin token: Authorization: Bearer <token>');
  });

  async function project(projectId: string) {
    const found = await meta.getProject(projectId);
    if (!found) throw new HttpError(404, 'unknown_project', `no project "${projectId}"`);
    return found;
  }

  app.get('/projects', async () => (await meta.listProjects()).map(({ ingestKey: _key, ...rest }) => rest));

  app.get<{ Params: ProjectParams; Querystring: SessionListQuery }>('/projects/:projectId/sessions', { schema: { params: ProjectParams, querystring: SessionListQuery } }, async (request) => {
    await project(request.params.projectId);
    const { before, ...filters } = request.query;
    const [startedAt, id] = before?.split(':') ?? [];
    const sessions = await meta.listSessions({ ...filters, projectId: request.params.projectId, ...(before ? { before: { startedAt: Number(startedAt), id: id! } } : {}) });
    const last = sessions.length === filters.limit ? sessions.at(-1) : undefined;
    return { sessions, next: last ? `${last.startedAt}:${last.id}` : null };
  });

  app.delete<{ Params: SessionParams }>('/projects/:projectId/sessions/:sid', { schema: { params: SessionParams } }, async (request) => {
    await project(request.params.projectId);
    await deleteSession(ctx, request.params.projectId, request.params.sid);
    return { deleted: { sessions: 1 } };
  });

  app.delete<{ Params: ProjectVisitorParams }>('/projects/:projectId/visitors/:visitorId', { schema: { params: ProjectVisitorParams } }, async (request) => {
    await project(request.params.projectId);
    return { deleted: await deleteVisitor(ctx, request.params.projectId, request.params.visitorId) };
  });

  app.get<{ Params: ProjectVisitorParams }>('/projects/:projectId/visitors/:visitorId/export', { schema: { params: ProjectVisitorParams } }, async (request) => {
    await project(request.params.projectId);
    return exportVisitor(ctx, request.params.projectId, request.params.visitorId);
  });

  app.delete<{ Params: VisitorParams }>('/visitors/:visitorId', { schema: { params: VisitorParams } }, async (request) => ({
    deleted: await deleteVisitor(ctx, null, request.params.visitorId),
  }));

  app.get<{ Params: VisitorParams }>('/visitors/:visitorId/export', { schema: { params: VisitorParams } }, async (request) => exportVisitor(ctx, null, request.params.visitorId));

  app.delete<{ Params: ProjectParams }>('/projects/:projectId', { schema: { params: ProjectParams } }, async (request) => {
    await project(request.params.projectId);
    await deleteProject(ctx, request.params.projectId);
    return { deleted: { projects: 1 } };
  });

  app.get<{ Params: ProjectParams }>('/projects/:projectId/retention', { schema: { params: ProjectParams } }, async (request) => ({
    days: (await project(request.params.projectId)).retentionDays,
  }));

  app.put<{ Params: ProjectParams; Body: Retention }>('/projects/:projectId/retention', { schema: { params: ProjectParams, body: Retention } }, async (request) => {
    await project(request.params.projectId);
    await meta.setRetention(request.params.projectId, request.body.days);
    return { days: request.body.days };
  });

  app.post<{ Body: PruneBody }>('/prune', { schema: { body: PruneBody } }, async (request) => {
    const days = request.body?.olderThanDays;
    return { deleted: { sessions: await prune(ctx, days === undefined ? {} : { olderThanMs: days * DAY_MS }) } };
  });
}
