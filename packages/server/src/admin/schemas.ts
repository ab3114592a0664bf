import { Type, type Static } from '@sinclair/typebox';
import { HEX_ID } from '../ingest/schemas';

export const ProjectParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 64 }) });
export type ProjectParams = Static<typeof ProjectParams>;

export const SessionParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 64 }), sid: Type.String({ pattern: HEX_ID }) });
export type SessionParams = Static<typeof SessionParams>;

/** A visitor id is whatever the site passed to `identify()`. */
const VisitorId = Type.String({ minLength: 1, maxLength: 2048 });
export const VisitorParams = Type.Object({ visitorId: VisitorId });
export type VisitorParams = Static<typeof VisitorParams>;
export const ProjectVisitorParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 64 }), visitorId: VisitorId });
export type ProjectVisitorParams = Static<typeof ProjectVisitorParams>;

export const Retention = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 3650 }) }, { additionalProperties: false });
export type Retention = Static<typeof Retention>;

export const SessionListQuery = Type.Object({
  visitorId: Type.Optional(VisitorId),
  url: Type.Optional(Type.String({ maxLength: 2048 })),
  from: Type.Optional(Type.Integer({ minimum: 0 })),
  to: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Keyset cursor from the previous page's `next`: `${startedAt}:${id}`. */
  before: Type.Optional(Type.String({ pattern: '^\\d+:[0-9a-f]{32}$' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
});
export type SessionListQuery = Static<typeof SessionListQuery>;

export const PruneBody = Type.Object({ olderThanDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })) }, { additionalProperties: false });
export type PruneBody = Static<typeof PruneBody>;
