import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sequence behind a counter, as src/persistence/repositories/case.repository.ts names it (copied: a migration does not change with the code). */
const sequenceOf = (name: string) => `reference_counter_${name.replace(/-/g, '_')}`;
const COUNTER_NAME = /^[a-z0-9-]{1,20}$/;

/**
 * Issue 13: case references come from one PostgreSQL sequence per year
 * (`reference_counter_case_2026`) instead of the `reference_counter` row,
 * whose lock every filing held until it committed. Made here for every
 * counter that has a row (starting after its value, and after the highest
 * reference of that year already given) and for the current and the next
 * year; later years are made on first use. The rows stay (SQLite uses
 * them); `down` writes the sequences' values back into them.
 */
export class ReferenceSequences1795813200005 implements MigrationInterface {
  name = 'ReferenceSequences1795813200005';

  async up(q: QueryRunner): Promise<void> {
    const year = new Date().getUTCFullYear();
    const counters = await q.query(`SELECT "name", "value" FROM "reference_counter"`) as Array<{ name: string; value: number }>;
    const last = new Map<string, number>([[`case-${year}`, 0], [`case-${year + 1}`, 0]]);
    for (const c of counters) if (COUNTER_NAME.test(c.name)) last.set(c.name, Number(c.value));
    for (const [name, value] of last) {
      let start = value + 1;
      const caseYear = /^case-(\d{4})$/.exec(name)?.[1];
      if (caseYear) {
        const [given] = await q.query(
          `SELECT MAX(CAST(SUBSTRING("reference" FROM 9) AS integer)) AS "max" FROM "case" WHERE "reference" LIKE $1 AND SUBSTRING("reference" FROM 9) ~ '^[0-9]+$'`,
          [`CH-${caseYear}-%`]) as Array<{ max: number | null }>;
        start = Math.max(start, Number(given?.max ?? 0) + 1);
      }
      await q.query(`CREATE SEQUENCE IF NOT EXISTS "${sequenceOf(name)}" AS bigint START WITH ${start} MINVALUE 1`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const sequences = await q.query(
      `SELECT "sequencename" AS "name", "last_value" AS "value" FROM "pg_sequences" WHERE "schemaname" = current_schema() AND "sequencename" LIKE 'reference\\_counter\\_%'`,
    ) as Array<{ name: string; value: string | number | null }>;
    for (const s of sequences) {
      const name = s.name.slice('reference_counter_'.length).replace(/_/g, '-');
      if (s.value !== null && COUNTER_NAME.test(name)) {
        await q.query(`INSERT INTO "reference_counter" ("name", "value") VALUES ($1, $2)
          ON CONFLICT ("name") DO UPDATE SET "value" = GREATEST("reference_counter"."value", EXCLUDED."value")`, [name, Number(s.value)]);
      }
      await q.query(`DROP SEQUENCE IF EXISTS "${s.name}"`);
    }
  }
}
