import type { FastifyReply } from 'fastify';
import type { Project } from '../stores/types';

/**
 * A project with no origins listed takes batches from any page (its ingest key
 * is public anyway); once origins are listed, only those. A request without
 * an `Origin` header (not from a browser) is not refused: origins guard
 * against other sites' pages, they do not authenticate anyone.
 */
export function originAllowed(project: Project, origin: string | undefined): boolean {
  return origin === undefined || project.origins.length === 0 || project.origins.includes(origin);
}

/**
 * CORS headers for an allowed origin: the page may read the status and
 * `Retry-After`, which the SDK honours. A refused origin gets none, so its
 * browser cannot read the answer. Never `Allow-Credentials`: no cookies here.
 */
export function allowOrigin(reply: FastifyReply, origin: string | undefined): void {
  reply.header('Vary', 'Origin');
  if (origin === undefined) return;
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Access-Control-Expose-Headers', 'Retry-After');
}
