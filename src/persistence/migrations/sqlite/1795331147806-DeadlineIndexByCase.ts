import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineIndexByCase1795331147806 implements MigrationInterface {
  name = 'DeadlineIndexByCase1795331147806';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_a7e00e08576fa41eb689478f18"`);
    await q.query(`CREATE INDEX "IDX_64206379572b89416587f32eb7" ON "deadline" ("caseId", "state", "dueAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_64206379572b89416587f32eb7"`);
    await q.query(`CREATE INDEX "IDX_a7e00e08576fa41eb689478f18" ON "deadline" ("caseId", "state") `);
  }
}
