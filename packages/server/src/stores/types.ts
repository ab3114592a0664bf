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
  /** The project id. */
  id: string;
  /** Its display name. */
  name: string;
  /** Public, write-only ingest key (32 characters of base64url). */
  ingestKey: string;
  /** Allowed page origins (`https://shop.example`); empty means any. */
  origins: string[];
  /** Sessions are deleted this many days after they end. */
  retentionDays: number;
  /** When it was created. */
  createdAt: number;
  /** Set once the key is revoked; the project is kept, its key no longer ingests. */
  revokedAt: number | null;
}

/** One recorded session as the session list shows it. */
export interface SessionRow {
  /** The project it belongs to. */
  projectId: string;
  /** The SDK's session id (`sid`). */
  id: string;
  /** The identified visitor, if the page called `identify`. */
  visitorId: string | null;
  /** The first event's time. */
  startedAt: number;
  /** The last event's time. */
  endedAt: number;
  /** How many pageviews it has. */
  pageviews: number;
  /** How many clicks were recorded. */
  clicks: number;
  /** Browser family and major version, as the SDK reported it. */
  browser: string | null;
  /** OS family and major version, as the SDK reported it. */
  os: string | null;
  /** The privacy level the page recorded with. */
  privacyLevel: string | null;
  /** True once any batch of the session was end-to-end encrypted. */
  encrypted: boolean;
  /** The first pageview's (scrubbed) URL. */
  firstUrl: string | null;
  /** Stored bytes, all chunks together. */
  bytes: number;
}

/** One pageview of a session. */
export interface PageviewRow {
  /** The project it belongs to. */
  projectId: string;
  /** The session it belongs to. */
  sessionId: string;
  /** The SDK's pageview id (`pid`). */
  id: string;
  /** The (scrubbed) page URL. */
  url: string | null;
  /** The (masked) page title. */
  title: string | null;
  /** When it started. */
  startedAt: number;
}

/** One immutable chunk of a session's events; its bytes live in the BlobStore under `blobKey`. */
export interface ChunkRow {
  /** The project it belongs to. */
  projectId: string;
  /** The session it belongs to. */
  sessionId: string;
  /** Chunk id, unique within the session (e.g. `${pid}-${seq}`). */
  id: string;
  /** The pageview its events come from. */
  pageviewId: string;
  /** The batch's `seq` within the pageview. */
  seq: number;
  /** The first event's time. */
  firstTs: number;
  /** The last event's time. */
  lastTs: number;
  /** Stored size of the blob. */
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
  /** Only this project's sessions. */
  projectId?: string;
  /** Only this visitor's sessions. */
  visitorId?: string;
  /** Sessions with a pageview whose URL contains this text. */
  url?: string;
  /** Inclusive lower bound on `startedAt`. */
  from?: number;
  /** Inclusive upper bound on `startedAt`. */
  to?: number;
  /** Keyset cursor: the last row of the previous page. */
  before?: {
    /** The last row's `startedAt`. */
    startedAt: number;
    /** The last row's `id`. */
    id: string;
  };
  /** At most this many rows. */
  limit: number;
}

/** A deleted session or visitor, remembered (as a keyed hash) so late batches cannot bring it back. */
export interface Tombstone {
  /** The project it belongs to. */
  projectId: string;
  /** What was deleted. */
  kind: 'session' | 'visitor';
  /** Keyed HMAC of the id: never the id itself. */
  hash: string;
  /** When it was deleted. */
  createdAt: number;
}

/** A session's data key, wrapped by the server key. */
export interface WrappedKey {
  /** The key's id, stored with each chunk it encrypts. */
  keyId: string;
  /** The wrapped key bytes. */
  wrapped: Uint8Array;
}

/** The operations available inside `MetadataStore.transaction`. */
export interface MetadataOps {
  /** Creates a project with a new ingest key. */
  createProject(p: { name: string; origins: string[]; retentionDays?: number }): Promise<Project>;
  /** The project that owns this ingest key, revoked or not. */
  getProjectByKey(ingestKey: string): Promise<Project | null>;
  /** The project with this id. */
  getProject(id: string): Promise<Project | null>;
  /** Every project. */
  listProjects(): Promise<Project[]>;
  /** Revokes the project's ingest key; its sessions stay. */
  revokeProjectKey(id: string): Promise<void>;
  /** Sets how many days the project keeps sessions. */
  setRetention(id: string, days: number): Promise<void>;
  /** Deletes the project and every row under it (sessions, pageviews, chunks, batch ids, tombstones, data keys). */
  deleteProject(id: string): Promise<void>;

  /** Inserts the batch id; returns false if (project, sid, pid, seq) was already stored. Atomic with recordChunk via `transaction`. */
  claimBatch(projectId: string, sid: string, pid: string, seq: number): Promise<boolean>;
  /** Inserts or merges: min start, max end, sums pageviews/clicks/bytes, keeps the first non-null visitor/browser/os/level/URL, ORs `encrypted`. */
  upsertSession(row: SessionRow): Promise<void>;
  /** Inserts or merges: min start, keeps the first non-null URL and title. */
  upsertPageview(row: PageviewRow): Promise<void>;
  /** Links a session to an identified visitor. */
  setSessionVisitor(projectId: string, sid: string, visitorId: string): Promise<void>;
  /** Adds a chunk to the index; recording the same chunk id again is a no-op. */
  recordChunk(row: ChunkRow): Promise<void>;
  /** A session's chunks in playback order (firstTs, then pageview and seq). */
  listChunks(projectId: string, sid: string): Promise<ChunkRow[]>;
  /** One chunk of a session, or null: what the viewer reads per chunk, without the session's whole index. */
  getChunk(projectId: string, sid: string, id: string): Promise<ChunkRow | null>;

  /** Newest first (startedAt desc, id desc), keyset pagination through `before`. */
  listSessions(q: SessionQuery): Promise<SessionRow[]>;
  /** One session, or null. */
  getSession(projectId: string, sid: string): Promise<SessionRow | null>;
  /** A session's pageviews, oldest first. */
  listPageviews(projectId: string, sid: string): Promise<PageviewRow[]>;
  /** Every session of a visitor, in one project or (with `null`) in all. */
  sessionsOfVisitor(projectId: string | null, visitorId: string): Promise<SessionRow[]>;
  /** Sessions that ended before `endedBefore`, oldest first, for the retention sweeper. */
  sessionsOlderThan(projectId: string, endedBefore: number, limit: number): Promise<SessionRow[]>;
  /** Deletes the session's rows, chunk index, batch ids and data key (crypto-shredding its blobs). */
  deleteSession(projectId: string, sid: string): Promise<void>;

  /** Idempotent. */
  addTombstone(t: Tombstone): Promise<void>;
  /** Whether a tombstone with this hash exists. */
  hasTombstone(projectId: string, kind: 'session' | 'visitor', hash: string): Promise<boolean>;

  /**
   * Stores the session's wrapped data key unless one exists, and returns the
   * key that is stored: two instances racing on a new session agree on one key.
   */
  putDataKey(projectId: string, sid: string, keyId: string, wrapped: Uint8Array): Promise<WrappedKey>;
  /** The session's wrapped data key, or null once it was deleted. */
  getDataKey(projectId: string, sid: string): Promise<WrappedKey | null>;

  /** Creates the user, or replaces the password hash of an existing one. */
  createUser(email: string, passwordHash: string): Promise<void>;
  /** A viewer login, or null. */
  getUser(email: string): Promise<{
    /** The login email. */
    email: string;
    /** The password hash (`hashPassword`), never the password. */
    passwordHash: string;
  } | null>;
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
  /** Closes the database connections. */
  close(): Promise<void>;
}

/** Immutable, compressed (and encrypted) event chunks, keyed `{project}/{session}/{chunk}`. */
export interface BlobStore {
  /** Writes atomically: a reader sees the whole blob or none. Overwriting a key with the same bytes is harmless. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The blob's bytes, or null if there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Every key under the prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes every key under the prefix: `${project}/${session}/` or `${project}/`. */
  deletePrefix(prefix: string): Promise<void>;
  /** Releases the store's connections. */
  close(): Promise<void>;
}

/** Encryption at rest: per-session AES-256-GCM data keys wrapped by the server key. */
export interface SessionKeys {
  /** Encrypts a chunk under its session's data key (created on first use); `aad` is the blob key. */
  seal(
    projectId: string,
    sid: string,
    aad: string,
    plain: Uint8Array,
  ): Promise<{
    /** The sealed bytes. */
    bytes: Uint8Array;
    /** The data key that sealed them. */
    keyId: string;
  }>;
  /** Decrypts a sealed chunk; throws if the data key was deleted, the bytes were changed or `aad` differs. */
  open(projectId: string, sid: string, aad: string, sealed: Uint8Array): Promise<Uint8Array>;
}

/** What `openStores` returns. */
export interface Stores {
  /** Projects, sessions and the rest of the metadata. */
  meta: MetadataStore;
  /** The event chunks. */
  blobs: BlobStore;
  /** Encryption at rest of the chunks. */
  keys: SessionKeys;
  /** Closes every store. */
  close(): Promise<void>;
}
