import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 16: opt-outs carried over from an existing registry with their historical effectiveFrom (import-opt-outs --from-registry). */
export class OptOutImportedFrom1796018400000 implements MigrationInterface {
  name = 'OptOutImportedFrom1796018400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "opt_out" ADD "importedFrom" character varying(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "opt_out" DROP COLUMN "importedFrom"`);
  }
}
