/**
 * The two storage interfaces the server is built on. Every implementation
 * (SQLite, PostgreSQL; files, S3) passes the same conformance suites
 * (`testMetadataStore`, `testBlobStore`). Stores hold no per-process state
 * beyond connections, so any number of server instances can share them.
 *
 * Times are epoch milliseconds. Ids (`sid`, `pid`) are the SDK's.
 */

/** A project: one ingest key, its allowed page origins and its retention. */
export interface Project {
  id: string;
  name: string;
  /** Public, write-only ingest key (32 characters of base64url). */
  ingestKey: string;
  /** Allowed page origins (`https://shop.example`); empty means any. */
  origins: string[];
  retentionDays: number;
  createdAt: number;
  /** Set once the key is revoked; the project is kept, its key no longer ingests. */
  revokedAt: number | null;
}

/** One recorded session as the session list shows it. */
export interface SessionRow {
  projectId: string;
  /** The SDK's session id (`sid`). */
  id: string;
  visitorId: string | null;
  startedAt: number;
  endedAt: number;
  pageviews: number;
  clicks: number;
  browser: string | null;
  os: string | null;
  privacyLevel: string | null;
  /** True once any batch of the session was end-to-end encrypted. */
  encrypted: boolean;
  firstUrl: string | null;
  bytes: number;
}

export interface PageviewRow {
  projectId: string;
  sessionId: string;
  /** The SDK's pageview id (`pid`). */
  id: string;
  url: string | null;
  title: string | null;
  startedAt: number;
}

/** One immutable chunk of a session's events; its bytes live in the BlobStore under `blobKey`. */
export interface ChunkRow {
  projectId: string;
  sessionId: string;
  /** Chunk id, unique within the session (e.g. `${pid}-${seq}`). */
  id: string;
  pageviewId: string;
  seq: number;
  firstTs: number;
  lastTs: number;
  bytes: number;
  /** The chunk starts with a full snapshot, so a player can seek to it. */
  fullSnapshot: boolean;
  /** The page encrypted it end to end (on top of encryption at rest). */
  encrypted: boolean;
  /**
   * How the batch JSON is encoded under any end-to-end encryption (the
   * protocol's `enc`): always `gzip` for plain chunks, which the server stores
   * compressed. Null only for end-to-end encrypted chunks indexed before migration 003.
   */
  enc: 'gzip' | 'identity' | null;
  /** The data key id that encrypts the blob at rest. */
  keyId: string;
  /** `${project}/${session}/${chunk}` */
  blobKey: string;
}

/** Filters for the session list. All are optional except `limit`; results are newest first. */
export interface SessionQuery {
  projectId?: string;
  visitorId?: string;
  /** Sessions with a pageview whose URL contains this text. */
  url?: string;
  /** Inclusive lower bound on `startedAt`. */
  from?: number;
  /** Inclusive upper bound on `startedAt`. */
  to?: number;
  /** Keyset cursor: the last row of the previous page. */
  before?: { startedAt: number; id: string };
  limit: number;
}

export interface Tombstone {
  projectId: string;
  kind: 'session' | 'visitor';
  /** Keyed HMAC of the id: never the id itself. */
  hash: string;
  createdAt: number;
}

export interface WrappedKey {
  keyId: string;
  wrapped: Uint8Array;
}

/** The operations available inside `MetadataStore.transaction`. */
export interface MetadataOps {
  createProject(p: { name: string; origins: string[]; retentionDays?: number }): Promise<Project>;
  getProjectByKey(ingestKey: string): Promise<Project | null>;
  getProject(id: string): Promise<Project | null>;
  listProjects(): Promise<Project[]>;
  revokeProjectKey(id: string): Promise<void>;
  setRetention(id: string, days: number): Promise<void>;
  /** Deletes the project and every row under it (sessions, pageviews, chunks, batch ids, tombstones, data keys). */
  deleteProject(id: string): Promise<void>;

  /** Inserts the batch id; returns false if (project, sid, pid, seq) was already stored. Atomic with recordChunk via `transaction`. */
  claimBatch(projectId: string, sid: string, pid: string, seq: number): Promise<boolean>;
  /** Inserts or merges: min start, max end, sums pageviews/clicks/bytes, keeps the first non-null visitor/browser/os/level/URL, ORs `encrypted`. */
  upsertSession(row: SessionRow): Promise<void>;
  /** Inserts or merges: min start, keeps the first non-null URL and title. */
  upsertPageview(row: PageviewRow): Promise<void>;
  setSessionVisitor(projectId: string, sid: string, visitorId: string): Promise<void>;
  /** Adds a chunk to the index; recording the same chunk id again is a no-op. */
  recordChunk(row: ChunkRow): Promise<void>;
  /** A session's chunks in playback order (firstTs, then pageview and seq). */
  listChunks(projectId: string, sid: string): Promise<ChunkRow[]>;

  /** Newest first (startedAt desc, id desc), keyset pagination through `before`. */
  listSessions(q: SessionQuery): Promise<SessionRow[]>;
  getSession(projectId: string, sid: string): Promise<SessionRow | null>;
  /** A session's pageviews, oldest first. */
  listPageviews(projectId: string, sid: string): Promise<PageviewRow[]>;
  sessionsOfVisitor(projectId: string | null, visitorId: string): Promise<SessionRow[]>;
  /** Sessions that ended before `endedBefore`, oldest first, for the retention sweeper. */
  sessionsOlderThan(projectId: string, endedBefore: number, limit: number): Promise<SessionRow[]>;
  /** Deletes the session's rows, chunk index, batch ids and data key (crypto-shredding its blobs). */
  deleteSession(projectId: string, sid: string): Promise<void>;

  /** Idempotent. */
  addTombstone(t: Tombstone): Promise<void>;
  hasTombstone(projectId: string, kind: 'session' | 'visitor', hash: string): Promise<boolean>;

  /**
   * Stores the session's wrapped data key unless one exists, and returns the
   * key that is stored: two instances racing on a new session agree on one key.
   */
  putDataKey(projectId: string, sid: string, keyId: string, wrapped: Uint8Array): Promise<WrappedKey>;
  getDataKey(projectId: string, sid: string): Promise<WrappedKey | null>;

  /** Creates the user, or replaces the password hash of an existing one. */
  createUser(email: string, passwordHash: string): Promise<void>;
  getUser(email: string): Promise<{ email: string; passwordHash: string } | null>;
}

/** Projects, sessions, pageviews, visitors, chunks, users and tombstones. */
export interface MetadataStore extends MetadataOps {
  /** Applies pending SQL migrations; `openStores` calls it at start. Safe to run from several instances at once. */
  migrate(): Promise<void>;
  /**
   * Runs `fn` in one database transaction: all of its writes commit together or
   * none do (a throw rolls back). Foreign keys are checked at commit, so the
   * order of writes inside does not matter.
   */
  transaction<T>(fn: (tx: MetadataOps) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Immutable, compressed (and encrypted) event chunks, keyed `{project}/{session}/{chunk}`. */
export interface BlobStore {
  /** Writes atomically: a reader sees the whole blob or none. Overwriting a key with the same bytes is harmless. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  /** Every key under the prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes every key under the prefix: `${project}/${session}/` or `${project}/`. */
  deletePrefix(prefix: string): Promise<void>;
  close(): Promise<void>;
}

/** Encryption at rest: per-session AES-256-GCM data keys wrapped by the server key. */
export interface SessionKeys {
  /** Encrypts a chunk under its session's data key (created on first use); `aad` is the blob key. */
  seal(projectId: string, sid: string, aad: string, plain: Uint8Array): Promise<{ bytes: Uint8Array; keyId: string }>;
  /** Decrypts a sealed chunk; throws if the data key was deleted, the bytes were changed or `aad` differs. */
  open(projectId: string, sid: string, aad: string, sealed: Uint8Array): Promise<Uint8Array>;
}

/** What `openStores` returns. */
export interface Stores {
  meta: MetadataStore;
  blobs: BlobStore;
  keys: SessionKeys;
  close(): Promise<void>;
}
