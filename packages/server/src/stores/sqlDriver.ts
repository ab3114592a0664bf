/** A parameter bound into a statement (`?` placeholders; booleans are passed as 0/1). */
export type SqlValue = string | number | null | Uint8Array;

/**
 * The little that the SQL MetadataStore needs from a database: one dialect per
 * implementation (`sqlite.ts`, `postgres.ts`), the same SQL text for both.
 */
export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /** Runs `fn` in one transaction holding the database's write lock; a throw rolls back. Nested calls join the outer one. */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  /** Serializes migration runs across processes for the rest of the current transaction. */
  lockForMigration(): Promise<void>;
  /**
   * After personal data was deleted: leaves no copy of the deleted rows in the
   * database's own files (SQLite keeps them in the write-ahead log until a checkpoint).
   */
  eraseDeleted(): Promise<void>;
  close(): Promise<void>;
}
