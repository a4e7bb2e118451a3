import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14 point 7: mandates (a creator authorises an agent to file for it), the principals of a case, and how offers and settlements split among them. */
export class Mandates1795900000000 implements MigrationInterface {
  name = 'Mandates1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "mandate" ("id" character varying(36) NOT NULL, "principalId" character varying(36) NOT NULL, "agentId" character varying(36) NOT NULL, "allWorks" boolean NOT NULL, "claimTypes" text NOT NULL, "validFrom" TIMESTAMP WITH TIME ZONE NOT NULL, "validUntil" TIMESTAMP WITH TIME ZONE, "revokedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_mandate" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_mandate_principal" ON "mandate" ("principalId") `);
    await q.query(`CREATE INDEX "IDX_mandate_agent" ON "mandate" ("agentId") `);
    await q.query(`CREATE TABLE "mandate_work" ("mandateId" character varying(36) NOT NULL, "workId" character varying(36) NOT NULL, CONSTRAINT "PK_mandate_work" PRIMARY KEY ("mandateId", "workId"))`);
    await q.query(`CREATE INDEX "IDX_mandate_work_work" ON "mandate_work" ("workId") `);
    await q.query(`CREATE TABLE "case_principal" ("caseId" character varying(36) NOT NULL, "principalId" character varying(36) NOT NULL, "mandateId" character varying(36), "position" integer NOT NULL, CONSTRAINT "PK_case_principal" PRIMARY KEY ("caseId", "principalId"))`);
    await q.query(`CREATE INDEX "IDX_case_principal_principal" ON "case_principal" ("principalId") `);
    await q.query(`CREATE INDEX "IDX_case_principal_mandate" ON "case_principal" ("mandateId") `);
    await q.query(`ALTER TABLE "offer" ADD "splits" text`);
    await q.query(`ALTER TABLE "settlement" ADD "splits" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "settlement" DROP COLUMN "splits"`);
    await q.query(`ALTER TABLE "offer" DROP COLUMN "splits"`);
    await q.query(`DROP INDEX "public"."IDX_case_principal_mandate"`);
    await q.query(`DROP INDEX "public"."IDX_case_principal_principal"`);
    await q.query(`DROP TABLE "case_principal"`);
    await q.query(`DROP INDEX "public"."IDX_mandate_work_work"`);
    await q.query(`DROP TABLE "mandate_work"`);
    await q.query(`DROP INDEX "public"."IDX_mandate_agent"`);
    await q.query(`DROP INDEX "public"."IDX_mandate_principal"`);
    await q.query(`DROP TABLE "mandate"`);
  }
}
