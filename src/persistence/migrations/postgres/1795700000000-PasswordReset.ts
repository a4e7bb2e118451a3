import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14: password resets by email (only the token's SHA-256 is kept). */
export class PasswordReset1795700000000 implements MigrationInterface {
  name = 'PasswordReset1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "password_reset" ("id" character varying(36) NOT NULL, "accountId" character varying(36) NOT NULL, "tokenHash" character varying(64) NOT NULL, "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL, "usedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_password_reset" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_password_reset_account" ON "password_reset" ("accountId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_password_reset_token" ON "password_reset" ("tokenHash") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_password_reset_token"`);
    await q.query(`DROP INDEX "public"."IDX_password_reset_account"`);
    await q.query(`DROP TABLE "password_reset"`);
  }
}
