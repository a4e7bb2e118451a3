import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14: service of notices (attempts per channel, servedAt) and the claim code's hash. */
export class NoticeService1795600000001 implements MigrationInterface {
  name = 'NoticeService1795600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notice" ADD "servedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notice" ADD "serviceAttempts" text`);
    await q.query(`ALTER TABLE "notice" ADD "claimCodeHash" character varying(64)`);
    await q.query(`ALTER TABLE "notice" ADD "claimedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE UNIQUE INDEX "IDX_notice_claim_code" ON "notice" ("claimCodeHash") `);
    // Notices served before this release reached an enrolled firm through the API when they were sent.
    await q.query(`UPDATE "notice" SET "servedAt" = "sentAt"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_notice_claim_code"`);
    for (const c of ['claimedAt', 'claimCodeHash', 'serviceAttempts', 'servedAt']) await q.query(`ALTER TABLE "notice" DROP COLUMN "${c}"`);
  }
}
