import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlDriver } from './sqlDriver';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/**
 * The folder holding a dialect's `NNN_name.sql` files: next to this module in
 * src, and copied to `dist/migrations` by the build (bundled code may sit in
 * `dist/chunks`, one level down).
 */
function migrationsDir(dialect: SqlDriver['dialect']): string {
  const candidates = [`./migrations/${dialect}/`, `../migrations/${dialect}/`].map((path) => fileURLToPath(new URL(path, import.meta.url)));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`[lowlight] server: no ${dialect} migrations found in ${candidates.join(' or ')}`);
  return found;
}

/** Every migration of a dialect, in version order. */
export function loadMigrations(dialect: SqlDriver['dialect']): Migration[] {
  const dir = migrationsDir(dialect);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file, index) => {
      const match = FILE_NAME.exec(file);
      if (!match || Number(match[1]) !== index + 1) throw new Error(`[lowlight] server: migration "${file}" must be named ${String(index + 1).padStart(3, '0')}_name.sql`);
      return { version: index + 1, name: match[2]!, sql: readFileSync(dir + file, 'utf8') };
    });
}

/**
 * Applies the migrations not yet recorded in `lowlight_migrations`, all in one
 * transaction under a lock, so instances starting together apply each once and
 * a failing migration leaves the schema as it was. Returns the versions applied.
 */
export async function applyMigrations(driver: SqlDriver, migrations = loadMigrations(driver.dialect)): Promise<number[]> {
  return driver.transaction(async (tx) => {
    await tx.lockForMigration();
    await tx.exec('CREATE TABLE IF NOT EXISTS lowlight_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = new Set((await tx.all<{ version: number }>('SELECT version FROM lowlight_migrations')).map((row) => Number(row.version)));
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.run('INSERT INTO lowlight_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now()]);
    }
    return pending.map((migration) => migration.version);
  });
}
