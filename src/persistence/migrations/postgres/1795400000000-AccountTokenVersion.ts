import { MigrationInterface, QueryRunner } from 'typeorm';

/** endAllSessions: a version carried in every JWT and compared on each request. */
export class AccountTokenVersion1795400000000 implements MigrationInterface {
  name = 'AccountTokenVersion1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "account" ADD "tokenVersion" integer NOT NULL DEFAULT '0'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "account" DROP COLUMN "tokenVersion"`);
  }
}
