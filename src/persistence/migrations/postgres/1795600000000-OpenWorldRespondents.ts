import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14: respondent records without an account (accountId nullable, enrolled false) that filings by name reuse. */
export class OpenWorldRespondents1795600000000 implements MigrationInterface {
  name = 'OpenWorldRespondents1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ai_firm" ALTER COLUMN "accountId" DROP NOT NULL`);
    await q.query(`ALTER TABLE "ai_firm" ADD "enrolled" boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE "ai_firm" ALTER COLUMN "enrolled" DROP DEFAULT`);
    await q.query(`ALTER TABLE "ai_firm" ADD "respondentKey" character varying(320)`);
    await q.query(`ALTER TABLE "ai_firm" ADD "contactEmail" character varying(320)`);
    await q.query(`ALTER TABLE "ai_firm" ADD "website" character varying(2000)`);
    await q.query(`ALTER TABLE "ai_firm" ADD "aiSystemName" character varying(200)`);
    await q.query(`ALTER TABLE "ai_firm" ADD "trainingServerInJapan" boolean`);
    await q.query(`ALTER TABLE "ai_firm" ADD "claimedByFirmId" character varying(36)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_ai_firm_respondent_key" ON "ai_firm" ("respondentKey") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_ai_firm_respondent_key"`);
    await q.query(`DELETE FROM "ai_firm" WHERE "accountId" IS NULL`);
    for (const c of ['claimedByFirmId', 'trainingServerInJapan', 'aiSystemName', 'website', 'contactEmail', 'respondentKey', 'enrolled']) {
      await q.query(`ALTER TABLE "ai_firm" DROP COLUMN "${c}"`);
    }
    await q.query(`ALTER TABLE "ai_firm" ALTER COLUMN "accountId" SET NOT NULL`);
  }
}
