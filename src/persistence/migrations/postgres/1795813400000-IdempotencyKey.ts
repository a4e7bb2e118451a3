import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: client idempotency keys (the Idempotency-Key header), one per (account, key). */
export class IdempotencyKey1795813400000 implements MigrationInterface {
  name = 'IdempotencyKey1795813400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idempotency_key" ("accountId" character varying(36) NOT NULL, "key" character varying(255) NOT NULL, "requestHash" character varying(64) NOT NULL, "status" character varying(16) NOT NULL, "response" text, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("accountId", "key"))`);
    await q.query(`CREATE INDEX "IDX_idempotency_key_created" ON "idempotency_key" ("createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_idempotency_key_created"`);
    await q.query(`DROP TABLE "idempotency_key"`);
  }
}
