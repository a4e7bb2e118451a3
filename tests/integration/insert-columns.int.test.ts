import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFreshDatabase } from '../support/harness';

/**
 * The INSERT statements the repositories write out (issue 12: no generic builder fills the column list from the
 * entity any more) name every column of their table but the database-generated key, so a column added to an
 * entity and its migration cannot be left out of a hand-written INSERT and silently take its default. Read from
 * the source of src/persistence, checked against the columns of a freshly migrated database (SQLite, or
 * PostgreSQL with TEST_DATABASE_URL).
 */
describe('written-out INSERT statements', () => {
  const fresh = withFreshDatabase();
  const root = join(__dirname, '../../src/persistence');
  const files = [...readdirSync(join(root, 'repositories')).map((f) => join(root, 'repositories', f)), join(root, 'database.ts')];
  // String literals joined with + across lines are read as the one string they make.
  const inserts = files.flatMap((file) => [...readFileSync(file, 'utf8').replace(/['`]\s*\+\s*['`]/g, '').matchAll(/INSERT INTO "?(\w+)"? \(([^)]*)\)/g)]
    .map((m) => ({ file: file.slice(root.length + 1), table: m[1], columns: m[2].split(',').map((c) => c.trim().replace(/"/g, '')) })));

  it('are found in the repositories', () => {
    expect(inserts.length).toBeGreaterThan(10);
  });

  it('name every column of their table but the generated key', async () => {
    const { db } = fresh;
    const missing: string[] = [];
    for (const { file, table, columns } of inserts) {
      const all = db.kind === 'postgres'
        ? (await db.reads.em.query(`SELECT column_name AS "name", column_default AS "dflt", is_identity AS "identity" FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()`, [table]) as Array<{ name: string; dflt: string | null; identity: string }>)
          .filter((c) => c.identity !== 'YES' && !(c.dflt ?? '').startsWith('nextval(')).map((c) => c.name)
        : (await db.reads.em.query(`SELECT name, pk, type FROM pragma_table_info('${table}')`) as Array<{ name: string; pk: number; type: string }>)
          .filter((c) => !(c.pk === 1 && /^integer$/i.test(c.type))).map((c) => c.name);
      expect(all.length, `table ${table}`).toBeGreaterThan(0);
      for (const column of all) {
        if (!columns.includes(column)) missing.push(`${file}: INSERT INTO ${table} leaves out "${column}"`);
      }
      for (const column of columns) if (!all.includes(column)) missing.push(`${file}: INSERT INTO ${table} names "${column}", which the table does not have`);
    }
    expect(missing).toEqual([]);
  });
});
