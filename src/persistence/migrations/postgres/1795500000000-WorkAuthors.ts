import { MigrationInterface, QueryRunner } from 'typeorm';

/** Works record their authors apart from the holder, and the holder's role (issue 15 point 4). */
export class WorkAuthors1795500000000 implements MigrationInterface {
  name = 'WorkAuthors1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "work" ADD "authors" text`);
    await q.query(`ALTER TABLE "work" ADD "holderRole" character varying(24) NOT NULL DEFAULT 'AUTHOR'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "work" DROP COLUMN "holderRole"`);
    await q.query(`ALTER TABLE "work" DROP COLUMN "authors"`);
  }
}
