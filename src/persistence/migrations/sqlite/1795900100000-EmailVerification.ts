import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: email verification (links whose token only the SHA-256 of is kept; existing accounts start unverified),
 * notification preferences on the account (null: the defaults), and when each notification was mailed.
 */
export class EmailVerification1795900100000 implements MigrationInterface {
  name = 'EmailVerification1795900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "email_verification" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "email" varchar(320) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_email_verification_account" ON "email_verification" ("accountId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_email_verification_token" ON "email_verification" ("tokenHash") `);
    await q.query(`ALTER TABLE "account" ADD COLUMN "emailVerifiedAt" datetime`);
    await q.query(`ALTER TABLE "account" ADD COLUMN "notificationPreferences" text`);
    await q.query(`ALTER TABLE "notification" ADD COLUMN "mailedAt" datetime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" DROP COLUMN "mailedAt"`);
    await q.query(`ALTER TABLE "account" DROP COLUMN "notificationPreferences"`);
    await q.query(`ALTER TABLE "account" DROP COLUMN "emailVerifiedAt"`);
    await q.query(`DROP INDEX "IDX_email_verification_token"`);
    await q.query(`DROP INDEX "IDX_email_verification_account"`);
    await q.query(`DROP TABLE "email_verification"`);
  }
}
