import { Type, type Static } from '@sinclair/typebox';
import { CIPHER } from '@lowlight/transport/encrypt';

/** 32 lowercase hex characters: the SDK's session and pageview ids (docs/protocol.md). */
export const HEX_ID = '^[0-9a-f]{32}$';

/**
 * The ingest query string. The endpoint's own parameters are allowed (they are
 * kept by the SDK), so extra keys are ignored rather than refused.
 */
export const IngestQuery = Type.Object({
  /** The body's protocol version: 2, or 1 from a release before 0.2 (an offline queue may still hold some). */
  v: Type.Union([Type.Literal('1'), Type.Literal('2')]),
  sid: Type.String({ pattern: HEX_ID }),
  pid: Type.String({ pattern: HEX_ID }),
  seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  enc: Type.Union([Type.Literal('gzip'), Type.Literal('identity')]),
  cipher: Type.Optional(Type.Literal(CIPHER)),
});
export type IngestQuery = Static<typeof IngestQuery>;

/** An ingest key as `project create` makes it; anything else cannot name a project. */
export const IngestParams = Type.Object({ ingestKey: Type.String({ pattern: '^[A-Za-z0-9_-]{16,128}$' }) });
export type IngestParams = Static<typeof IngestParams>;

/** Every error the server sends: one line, a stable machine-readable code. */
export const ErrorReply = Type.Object({ error: Type.String(), code: Type.String() });
export type ErrorReply = Static<typeof ErrorReply>;
