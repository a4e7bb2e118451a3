import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: outbox rows are claimed by one relay before they are sent; the reconciler's record of the jobs it re-created. */
export class Reconciler1795813100000 implements MigrationInterface {
  name = 'Reconciler1795813100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" ADD COLUMN "claimedBy" varchar(80)`);
    await q.query(`ALTER TABLE "outbox" ADD COLUMN "claimedUntil" datetime`);
    await q.query(`CREATE TABLE "job_repair" ("jobId" varchar(160) PRIMARY KEY NOT NULL, "queue" varchar(40) NOT NULL, "caseId" varchar(36), "repairs" integer NOT NULL DEFAULT (0), "lastRepairedAt" datetime, "nextRepairAt" datetime, "gaveUpAt" datetime)`);
    await q.query(`CREATE INDEX "IDX_job_repair_case" ON "job_repair" ("caseId") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_job_repair_case"`);
    await q.query(`DROP TABLE "job_repair"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "claimedUntil"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "claimedBy"`);
  }
}
