import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresDriver, openPostgresStore } from './postgres';
import { testDatabaseUrl, testSchemas } from './testDatabase';
import { testChunkEncodingMigration, testMetadataStore } from './testMetadataStore';

const url = testDatabaseUrl();

describe.skipIf(!url)('PostgreSQL', () => {
  const schemas = testSchemas(url!);
  afterAll(() => schemas.dropAll());

  testMetadataStore('PostgreSQL', async () => openPostgresStore(await schemas.fresh(), { max: 4 }));
  testChunkEncodingMigration('PostgreSQL', async () => openPostgresDriver(await schemas.fresh(), { max: 2 }));

  it('applies migrations once when several instances start together', async () => {
    const schemaUrl = await schemas.fresh();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(schemaUrl, { max: 2 })));
    await Promise.all(stores.map((store) => store.migrate()));
    expect(await stores[0]!.listProjects()).toEqual([]);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('names the database, without its password, when it cannot connect', async () => {
    await expect(openPostgresStore('postgres://ll:secret@127.0.0.1:1/none')).rejects.toThrow(
      '[lowlight] server: cannot open database "postgres://ll:***@127.0.0.1:1/none": connection refused',
    );
  });
});
