import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14: password resets by email (only the token's SHA-256 is kept). */
export class PasswordReset1795700000000 implements MigrationInterface {
  name = 'PasswordReset1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "password_reset" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_password_reset_account" ON "password_reset" ("accountId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_password_reset_token" ON "password_reset" ("tokenHash") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_password_reset_token"`);
    await q.query(`DROP INDEX "IDX_password_reset_account"`);
    await q.query(`DROP TABLE "password_reset"`);
  }
}
