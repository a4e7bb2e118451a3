import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 item 3: perceptual hashes registered with opt-outs, kept as four 16-bit chunks, each leading an index
 * that also holds the other three (multi-index hashing for checkOptOutsPerceptual: src/persistence/perceptual/README.md).
 */
export class OptOutPerceptualHash1796019000000 implements MigrationInterface {
  name = 'OptOutPerceptualHash1796019000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "opt_out_perceptual_hash" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "optOutId" varchar(36) NOT NULL, "hash" varchar(16) NOT NULL, "c0" integer NOT NULL, "c1" integer NOT NULL, "c2" integer NOT NULL, "c3" integer NOT NULL, "source" varchar(16) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_opt_out_phash_opt_out_hash" ON "opt_out_perceptual_hash" ("optOutId", "hash") `);
    await q.query(`CREATE INDEX "IDX_opt_out_phash_c0" ON "opt_out_perceptual_hash" ("c0", "c1", "c2", "c3") `);
    await q.query(`CREATE INDEX "IDX_opt_out_phash_c1" ON "opt_out_perceptual_hash" ("c1", "c0", "c2", "c3") `);
    await q.query(`CREATE INDEX "IDX_opt_out_phash_c2" ON "opt_out_perceptual_hash" ("c2", "c0", "c1", "c3") `);
    await q.query(`CREATE INDEX "IDX_opt_out_phash_c3" ON "opt_out_perceptual_hash" ("c3", "c0", "c1", "c2") `);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['c3', 'c2', 'c1', 'c0', 'opt_out_hash']) await q.query(`DROP INDEX "IDX_opt_out_phash_${index}"`);
    await q.query(`DROP TABLE "opt_out_perceptual_hash"`);
  }
}
