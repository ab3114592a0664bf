import { join } from 'node:path';
import type { SqlDriver } from '../stores/sqlDriver';
import { createLoginStore, type LoginStore } from './loginStore';

/**
 * The viewer's LoginStore on the same database as the MetadataStore, through
 * its own connection (open the stores and migrate first): a small pool on
 * PostgreSQL (`database`), else a second connection to `lowlight.db` in the
 * data folder (SQLite in WAL mode takes it in stride). Drivers load on demand,
 * as in `openStores`.
 */
export async function openLoginStore(location: { data?: string; database?: string }): Promise<LoginStore & {
  /** Closes the login store's own connection. */
  close(): Promise<void>;
}> {
  let driver: SqlDriver;
  if (location.database) driver = await (await import('../stores/postgres')).openPostgresDriver(location.database, { max: 2 });
  else if (location.data) driver = (await import('../stores/sqlite')).openSqliteDriver(join(location.data, 'lowlight.db'));
  else throw new Error('[lowlight] server: give "--data DIR" or "--database postgres://…" for the viewer\'s logins');
  return { ...createLoginStore(driver), close: () => driver.close() };
}
