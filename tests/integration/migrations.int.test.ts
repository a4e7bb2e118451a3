import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/config/database';
import { loadConfig } from '../../src/config/env';
import { freshDatabase } from '../support/harness';

/** The committed migrations build exactly the schema the entities describe (no `synchronize` needed anywhere). */
describe('migrations', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    db = await Database.open(loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, JWT_SECRET: 'x'.repeat(40) }));
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('leave no difference between the entities and the database', async () => {
    const pending = await db.write.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied', async () => {
    expect(await db.write.showMigrations()).toBe(false);
  });
});
