import { openSqlDriver } from '../stores/openStores';
import { createLoginStore, type LoginStore } from './loginStore';

/**
 * The viewer's LoginStore on the same database as the MetadataStore, through its own connection, for a process that
 * does not open the stores (open the stores and migrate first): a small pool on PostgreSQL (`database`), else a
 * second connection to `lowlight.db` in the data folder (SQLite in WAL mode takes it in stride). `openStores` gives
 * one on its own connection.
 */
export async function openLoginStore(location: { data?: string; database?: string }): Promise<LoginStore & {
  /** Closes the login store's own connection. */
  close(): Promise<void>;
}> {
  const driver = await openSqlDriver(location, { max: 2 });
  return { ...createLoginStore(driver), close: () => driver.close() };
}
