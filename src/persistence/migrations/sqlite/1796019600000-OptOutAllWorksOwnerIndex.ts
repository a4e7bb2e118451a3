import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 (exact matching near its limit): checkOptOuts finds the allWorks opt-outs of the matched works' owners
 * through a partial index over the rows without a work, in the same statement as the per-work ones.
 */
export class OptOutAllWorksOwnerIndex1796019600000 implements MigrationInterface {
  name = 'OptOutAllWorksOwnerIndex1796019600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_opt_out_all_works_owner" ON "opt_out" ("ownerId") WHERE "workId" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_opt_out_all_works_owner"`);
  }
}
