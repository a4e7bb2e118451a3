import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: uploaded files (stored_file: one row per uploader and content, the bytes once in the file store),
 * evidence and works that name them, the similarity triage stored on the evidence, and the triage an assessment cites.
 */
export class EvidenceFiles1796017600000 implements MigrationInterface {
  name = 'EvidenceFiles1796017600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "stored_file" ("id" character varying(36) NOT NULL, "sha256" character varying(64) NOT NULL, "size" integer NOT NULL, "mediaType" character varying(100) NOT NULL, "fileName" character varying(255), "uploadedById" character varying(36) NOT NULL, "perceptualHash" character varying(16), "textFingerprint" text, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_stored_file" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_stored_file_uploader_sha256" ON "stored_file" ("uploadedById", "sha256") `);
    await q.query(`CREATE INDEX "IDX_stored_file_sha256" ON "stored_file" ("sha256") `);
    await q.query(`ALTER TABLE "evidence" ADD "fileId" character varying(36)`);
    await q.query(`ALTER TABLE "evidence" ADD "triageScore" double precision`);
    await q.query(`ALTER TABLE "evidence" ADD "triageMethod" character varying(64)`);
    await q.query(`ALTER TABLE "evidence" ADD "triageWorkId" character varying(36)`);
    await q.query(`ALTER TABLE "evidence" ADD "triageComputedAt" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "IDX_evidence_file" ON "evidence" ("fileId") `);
    await q.query(`ALTER TABLE "work" ADD "referenceFileId" character varying(36)`);
    await q.query(`CREATE INDEX "IDX_work_reference_file" ON "work" ("referenceFileId") `);
    await q.query(`ALTER TABLE "assessment" ADD "triage" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "assessment" DROP COLUMN "triage"`);
    await q.query(`DROP INDEX "public"."IDX_work_reference_file"`);
    await q.query(`ALTER TABLE "work" DROP COLUMN "referenceFileId"`);
    await q.query(`DROP INDEX "public"."IDX_evidence_file"`);
    for (const column of ['triageComputedAt', 'triageWorkId', 'triageMethod', 'triageScore', 'fileId']) await q.query(`ALTER TABLE "evidence" DROP COLUMN "${column}"`);
    await q.query(`DROP INDEX "public"."IDX_stored_file_sha256"`);
    await q.query(`DROP INDEX "public"."IDX_stored_file_uploader_sha256"`);
    await q.query(`DROP TABLE "stored_file"`);
  }
}
