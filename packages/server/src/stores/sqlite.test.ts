import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from './migrate';
import { openSqliteDriver, openSqliteStore } from './sqlite';
import { testChunkEncodingMigration, testMetadataStore } from './testMetadataStore';

const dir = mkdtempSync(join(tmpdir(), 'lowlight-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `meta-${files++}.db`);

testMetadataStore('SQLite', async () => openSqliteStore(freshFile()));
testChunkEncodingMigration('SQLite', async () => openSqliteDriver(freshFile()));

describe('SQLite migrations', () => {
  it('ships numbered migrations for both dialects, with the same versions', () => {
    const versions = (dialect: 'sqlite' | 'postgres') => loadMigrations(dialect).map((m) => `${m.version}_${m.name}`);
    expect(versions('sqlite')).toEqual(versions('postgres'));
    expect(versions('sqlite')[0]).toBe('1_init');
  });

  it('applies pending migrations once and records them', async () => {
    const driver = openSqliteDriver(freshFile());
    expect(await applyMigrations(driver)).toEqual(loadMigrations('sqlite').map((m) => m.version));
    expect(await applyMigrations(driver)).toEqual([]);
    expect(await driver.all('SELECT version, name FROM lowlight_migrations')).toEqual(loadMigrations('sqlite').map(({ version, name }) => ({ version, name })));
    await driver.close();
  });

  it('leaves the schema as it was when a migration fails', async () => {
    const driver = openSqliteDriver(freshFile());
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); SELECT * FROM missing_table;' },
    ];
    await expect(applyMigrations(driver, broken)).rejects.toThrow(/missing_table/);
    expect(await driver.all(`SELECT name FROM sqlite_master WHERE name IN ('a', 'b', 'lowlight_migrations')`)).toEqual([]);
    await driver.close();
  });

  it('turns on WAL and foreign keys', async () => {
    const driver = openSqliteDriver(freshFile());
    expect(await driver.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await driver.all('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    await driver.close();
  });
});
