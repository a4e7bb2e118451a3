import { describe, expect, it } from 'vitest';
import { withFreshDatabase } from '../support/harness';

/** The committed migrations build exactly the schema the entities describe (no `synchronize` needed anywhere). */
describe('migrations', () => {
  const fresh = withFreshDatabase();

  it('leave no difference between the entities and the database', async () => {
    const pending = await fresh.db.write.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied', async () => {
    expect(await fresh.db.write.showMigrations()).toBe(false);
  });
});
