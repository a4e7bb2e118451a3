import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { withFreshDatabase } from '../support/harness';
import { OptOutEntity, WorkEntity } from '../../src/persistence/entities';
import { insertWorks } from '../../src/persistence/repositories/work.repository';
import { insertOptOuts } from '../../src/persistence/repositories/opt-out.repository';
import { OptOutScope, OptOutSignal, WorkKind } from '../../src/domain/enums';

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

/** The bulk inserts of an import leave the caller's objects as built (TypeORM's own write-back swapped ids between them on SQLite). */
describe('bulk inserts (insertWorks, insertOptOuts)', () => {
  const fresh = withFreshDatabase();
  it('write each object as given and leave the objects unchanged', async () => {
    const { db } = fresh;
    const owner = randomUUID();
    const built = Array.from({ length: 5 }, (_, i) => Object.assign(new WorkEntity(), {
      id: randomUUID(), ownerId: owner, title: `Work ${i}`, kind: WorkKind.ILLUSTRATION, contentHash: null, createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
    }));
    const optOuts = built.map((w, i) => Object.assign(new OptOutEntity(), {
      id: randomUUID(), ownerId: owner, workId: i % 2 ? w.id : null, allWorks: i % 2 === 0, scope: OptOutScope.ALL_AI_TRAINING,
      signals: [OptOutSignal.REGISTRY], effectiveFrom: new Date(Date.UTC(2026, 0, 1)), withdrawnAt: null, recognised: true,
      notRecognisedReason: null, contentHash: null, importKey: `k${i}`, importedFrom: null, createdAt: new Date(Date.UTC(2026, 1, 5 - i)),
    }));
    const snapshot = JSON.stringify([built, optOuts]);
    await db.transaction(async (tx) => {
      await insertWorks(tx, [built[3], built[0], built[4], built[1], built[2]]);
      await insertOptOuts(tx, [optOuts[2], optOuts[4], optOuts[0], optOuts[3], optOuts[1]]);
    });
    expect(JSON.stringify([built, optOuts])).toBe(snapshot);
    for (const o of optOuts) {
      const row = await db.reads.em.findOneByOrFail(OptOutEntity, { id: o.id });
      expect([row.workId, row.allWorks, row.importKey]).toEqual([o.workId, o.allWorks, o.importKey]);
    }
    for (const w of built) expect((await db.reads.em.findOneByOrFail(WorkEntity, { id: w.id })).title).toBe(w.title);
  });
});
