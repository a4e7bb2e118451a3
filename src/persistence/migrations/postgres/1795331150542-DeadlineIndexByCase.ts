import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineIndexByCase1795331150542 implements MigrationInterface {
  name = 'DeadlineIndexByCase1795331150542';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_a7e00e08576fa41eb689478f18"`);
    await q.query(`CREATE INDEX "IDX_64206379572b89416587f32eb7" ON "deadline"  ("caseId", "state", "dueAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_64206379572b89416587f32eb7"`);
    await q.query(`CREATE INDEX "IDX_a7e00e08576fa41eb689478f18" ON "deadline" USING btree ("caseId", "state") `);
  }
}
