import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: email verification (links whose token only the SHA-256 of is kept; existing accounts start unverified),
 * notification preferences on the account (null: the defaults), and when each notification was mailed.
 */
export class EmailVerification1795900100000 implements MigrationInterface {
  name = 'EmailVerification1795900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "email_verification" ("id" character varying(36) NOT NULL, "accountId" character varying(36) NOT NULL, "email" character varying(320) NOT NULL, "tokenHash" character varying(64) NOT NULL, "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL, "usedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_email_verification" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_email_verification_account" ON "email_verification" ("accountId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_email_verification_token" ON "email_verification" ("tokenHash") `);
    await q.query(`ALTER TABLE "account" ADD "emailVerifiedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "account" ADD "notificationPreferences" text`);
    await q.query(`ALTER TABLE "notification" ADD "mailedAt" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" DROP COLUMN "mailedAt"`);
    await q.query(`ALTER TABLE "account" DROP COLUMN "notificationPreferences"`);
    await q.query(`ALTER TABLE "account" DROP COLUMN "emailVerifiedAt"`);
    await q.query(`DROP INDEX "public"."IDX_email_verification_token"`);
    await q.query(`DROP INDEX "public"."IDX_email_verification_account"`);
    await q.query(`DROP TABLE "email_verification"`);
  }
}
