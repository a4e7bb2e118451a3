import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: uploaded files (stored_file: one row per uploader and content, the bytes once in the file store),
 * evidence and works that name them, the similarity triage stored on the evidence, and the triage an assessment cites.
 */
export class EvidenceFiles1796017600000 implements MigrationInterface {
  name = 'EvidenceFiles1796017600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "stored_file" ("id" varchar(36) PRIMARY KEY NOT NULL, "sha256" varchar(64) NOT NULL, "size" integer NOT NULL, "mediaType" varchar(100) NOT NULL, "fileName" varchar(255), "uploadedById" varchar(36) NOT NULL, "perceptualHash" varchar(16), "textFingerprint" text, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_stored_file_uploader_sha256" ON "stored_file" ("uploadedById", "sha256") `);
    await q.query(`CREATE INDEX "IDX_stored_file_sha256" ON "stored_file" ("sha256") `);
    await q.query(`ALTER TABLE "evidence" ADD COLUMN "fileId" varchar(36)`);
    await q.query(`ALTER TABLE "evidence" ADD COLUMN "triageScore" float`);
    await q.query(`ALTER TABLE "evidence" ADD COLUMN "triageMethod" varchar(64)`);
    await q.query(`ALTER TABLE "evidence" ADD COLUMN "triageWorkId" varchar(36)`);
    await q.query(`ALTER TABLE "evidence" ADD COLUMN "triageComputedAt" datetime`);
    await q.query(`CREATE INDEX "IDX_evidence_file" ON "evidence" ("fileId") `);
    await q.query(`ALTER TABLE "work" ADD COLUMN "referenceFileId" varchar(36)`);
    await q.query(`CREATE INDEX "IDX_work_reference_file" ON "work" ("referenceFileId") `);
    await q.query(`ALTER TABLE "assessment" ADD COLUMN "triage" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assessment" DROP COLUMN "triage"`);
    await q.query(`DROP INDEX "IDX_work_reference_file"`);
    await q.query(`ALTER TABLE "work" DROP COLUMN "referenceFileId"`);
    await q.query(`DROP INDEX "IDX_evidence_file"`);
    for (const column of ['triageComputedAt', 'triageWorkId', 'triageMethod', 'triageScore', 'fileId']) await q.query(`ALTER TABLE "evidence" DROP COLUMN "${column}"`);
    await q.query(`DROP INDEX "IDX_stored_file_sha256"`);
    await q.query(`DROP INDEX "IDX_stored_file_uploader_sha256"`);
    await q.query(`DROP TABLE "stored_file"`);
  }
}
