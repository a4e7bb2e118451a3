import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: client idempotency keys (the Idempotency-Key header), one per (account, key). */
export class IdempotencyKey1795813400000 implements MigrationInterface {
  name = 'IdempotencyKey1795813400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idempotency_key" ("accountId" varchar(36) NOT NULL, "key" varchar(255) NOT NULL, "requestHash" varchar(64) NOT NULL, "status" varchar(16) NOT NULL, "response" text, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY ("accountId", "key"))`);
    await q.query(`CREATE INDEX "IDX_idempotency_key_created" ON "idempotency_key" ("createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_idempotency_key_created"`);
    await q.query(`DROP TABLE "idempotency_key"`);
  }
}
