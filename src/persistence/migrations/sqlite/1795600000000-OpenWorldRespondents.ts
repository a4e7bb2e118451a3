import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14: respondent records without an account (accountId nullable, enrolled false) that filings by name reuse. */
export class OpenWorldRespondents1795600000000 implements MigrationInterface {
  name = 'OpenWorldRespondents1795600000000';

  async up(q: QueryRunner): Promise<void> {
    // SQLite cannot drop NOT NULL in place: the table is rebuilt with its rows.
    await q.query(`DROP INDEX "IDX_29b9fcc775e1b461616cfdc4e3"`);
    await q.query(`CREATE TABLE "temporary_ai_firm" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36), "legalName" varchar(300) NOT NULL, "country" varchar(2) NOT NULL, "servesJapaneseUsers" boolean NOT NULL, "webhookUrl" varchar(2000), "webhookSecret" varchar(100), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "enrolled" boolean NOT NULL, "respondentKey" varchar(320), "contactEmail" varchar(320), "website" varchar(2000), "aiSystemName" varchar(200), "trainingServerInJapan" boolean, "claimedByFirmId" varchar(36))`);
    await q.query(`INSERT INTO "temporary_ai_firm"("id", "accountId", "legalName", "country", "servesJapaneseUsers", "webhookUrl", "webhookSecret", "createdAt", "enrolled") SELECT "id", "accountId", "legalName", "country", "servesJapaneseUsers", "webhookUrl", "webhookSecret", "createdAt", 1 FROM "ai_firm"`);
    await q.query(`DROP TABLE "ai_firm"`);
    await q.query(`ALTER TABLE "temporary_ai_firm" RENAME TO "ai_firm"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_29b9fcc775e1b461616cfdc4e3" ON "ai_firm" ("accountId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_ai_firm_respondent_key" ON "ai_firm" ("respondentKey") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_ai_firm_respondent_key"`);
    await q.query(`DROP INDEX "IDX_29b9fcc775e1b461616cfdc4e3"`);
    await q.query(`DELETE FROM "ai_firm" WHERE "accountId" IS NULL`);
    await q.query(`CREATE TABLE "temporary_ai_firm" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "legalName" varchar(300) NOT NULL, "country" varchar(2) NOT NULL, "servesJapaneseUsers" boolean NOT NULL, "webhookUrl" varchar(2000), "webhookSecret" varchar(100), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`INSERT INTO "temporary_ai_firm"("id", "accountId", "legalName", "country", "servesJapaneseUsers", "webhookUrl", "webhookSecret", "createdAt") SELECT "id", "accountId", "legalName", "country", "servesJapaneseUsers", "webhookUrl", "webhookSecret", "createdAt" FROM "ai_firm"`);
    await q.query(`DROP TABLE "ai_firm"`);
    await q.query(`ALTER TABLE "temporary_ai_firm" RENAME TO "ai_firm"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_29b9fcc775e1b461616cfdc4e3" ON "ai_firm" ("accountId") `);
  }
}
