import { join } from 'node:path';
import { openSqliteDriver } from '../stores/sqlite';
import { createLoginStore, type LoginStore } from './loginStore';

/**
 * The viewer's LoginStore on the same database as the MetadataStore, through
 * its own connection (open the stores and migrate first). SQLite in WAL mode
 * takes a second connection in stride.
 */
export function openLoginStore(location: { data?: string; database?: string }): (LoginStore & {
  /** Closes the login store's own connection. */
  close(): Promise<void>;
}) | null {
  // On PostgreSQL the viewer is off (null) until src/stores/postgres.ts exports its pool driver (server-contract.md, "Viewer").
  if (location.database) return null;
  if (!location.data) throw new Error('[lowlight] server: "data" must name the data folder holding lowlight.db');
  const driver = openSqliteDriver(join(location.data, 'lowlight.db'));
  return { ...createLoginStore(driver), close: () => driver.close() };
}
