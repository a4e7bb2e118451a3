import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: outbox rows are claimed by one relay before they are sent; the reconciler's record of the jobs it re-created. */
export class Reconciler1795813100000 implements MigrationInterface {
  name = 'Reconciler1795813100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" ADD "claimedBy" character varying(80)`);
    await q.query(`ALTER TABLE "outbox" ADD "claimedUntil" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE TABLE "job_repair" ("jobId" character varying(160) NOT NULL, "queue" character varying(40) NOT NULL, "caseId" character varying(36), "repairs" integer NOT NULL DEFAULT 0, "lastRepairedAt" TIMESTAMP WITH TIME ZONE, "nextRepairAt" TIMESTAMP WITH TIME ZONE, "gaveUpAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_job_repair" PRIMARY KEY ("jobId"))`);
    await q.query(`CREATE INDEX "IDX_job_repair_case" ON "job_repair" ("caseId") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_job_repair_case"`);
    await q.query(`DROP TABLE "job_repair"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "claimedUntil"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "claimedBy"`);
  }
}
