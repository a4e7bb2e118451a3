import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Database, Tx } from '../../src/persistence/database';
import { GROUP_MAX_UNITS } from '../../src/persistence/sqlite/group-commit';
import { withFreshDatabase } from '../support/harness';

/**
 * SQLite only: write transactions that wait while another runs share its
 * commit, each under a savepoint — and each caller still sees exactly the
 * outcome of a transaction of its own.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SQLite group commit', () => {
  const fresh = withFreshDatabase();
  let db: Database;
  beforeAll(async () => {
    db = fresh.db;
    await db.write.query('CREATE TABLE gc_note (name TEXT PRIMARY KEY)');
    await db.write.query('CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)');
    await db.write.query('CREATE TABLE gc_child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES gc_parent(id) DEFERRABLE INITIALLY DEFERRED)');
  });
  beforeEach(async () => {
    await db.transaction((tx) => tx.query('DELETE FROM gc_note'));
  });

  const note = (tx: Tx, name: string) => tx.query('INSERT INTO gc_note (name) VALUES (?)', [name]);
  const committed = async () => ((await db.reader.query('SELECT name FROM gc_note ORDER BY name')) as Array<{ name: string }>).map((r) => r.name);

  /** A first unit that holds the writer until released, so the units asked for meanwhile wait and then run as one group. */
  function holdWriter() {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const held = db.transaction(async (tx) => { await note(tx, 'first'); await gate; return 'first'; });
    return { held, release };
  }

  it('commits waiting units together; each caller resolves after the commit, with its own result and hooks', async () => {
    const before = { ...db.group!.stats };
    const { held, release } = holdWriter();
    const seenAtResolve: string[][] = [];
    const hooks: string[] = [];
    const units = ['a', 'b', 'c'].map((name) => db.transaction(async (tx) => {
      await note(tx, name);
      tx.onCommit(() => hooks.push(name));
      return name.toUpperCase();
    }).then(async (result) => { seenAtResolve.push(await committed()); return result; }));
    release();
    expect(await held).toBe('first');
    expect(await Promise.all(units)).toEqual(['A', 'B', 'C']);
    expect(hooks).toEqual(['a', 'b', 'c']);
    for (const seen of seenAtResolve) expect(seen).toEqual(['a', 'b', 'c', 'first']);
    expect(db.group!.stats.units - before.units).toBe(4);
    expect(db.group!.stats.groups - before.groups).toBe(1);
  });

  it('rolls back only the unit that fails; the others commit, and later units see earlier units\' writes', async () => {
    const { held, release } = holdWriter();
    const hooks: string[] = [];
    const a = db.transaction(async (tx) => { await note(tx, 'a'); tx.onCommit(() => hooks.push('a')); });
    const b = db.transaction(async (tx) => {
      await note(tx, 'b');
      tx.onCommit(() => hooks.push('b'));
      throw new Error('unit b refuses');
    });
    const c = db.transaction(async (tx) => {
      await note(tx, 'c');
      return (await tx.query<{ name: string }>('SELECT name FROM gc_note ORDER BY name')).map((r) => r.name);
    });
    release();
    await held;
    await a;
    await expect(b).rejects.toThrow('unit b refuses');
    expect(await c).toEqual(['a', 'c', 'first']);
    expect(await committed()).toEqual(['a', 'c', 'first']);
    expect(hooks).toEqual(['a']);
  });

  it('a unit that breaks a constraint is rolled back alone (a duplicate key in the middle of a group)', async () => {
    const { held, release } = holdWriter();
    const a = db.transaction((tx) => note(tx, 'a'));
    const dup = db.transaction(async (tx) => { await note(tx, 'z'); await note(tx, 'a'); });
    const c = db.transaction((tx) => note(tx, 'c'));
    release();
    await Promise.all([held, a, c]);
    await expect(dup).rejects.toThrow(/UNIQUE/);
    expect(await committed()).toEqual(['a', 'c', 'first']);
  });

  it('when the commit fails, every unit of the group hears it and nothing of the group is kept', async () => {
    const { held, release } = holdWriter();
    const a = db.transaction((tx) => note(tx, 'a'));
    // The foreign key is checked at COMMIT (deferred), so this unit itself succeeds and the group's commit fails.
    const orphan = db.transaction((tx) => tx.query('INSERT INTO gc_child (id, parent) VALUES (1, 999)'));
    release();
    const outcomes = await Promise.allSettled([held, a, orphan]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    }
    expect(await committed()).toEqual([]);
    // The writer is usable again.
    await db.transaction((tx) => note(tx, 'after'));
    expect(await committed()).toEqual(['after']);
  });

  it('when SQLite gives up the whole transaction inside a unit, the group fails and the next transaction starts clean', async () => {
    const { held, release } = holdWriter();
    const a = db.transaction((tx) => note(tx, 'a'));
    const breaker = db.transaction(async (tx) => {
      await tx.query('ROLLBACK');
      throw new Error('disk gone');
    });
    release();
    const outcomes = await Promise.allSettled([held, a, breaker]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/disk gone/);
    expect(await committed()).toEqual([]);
    await db.transaction((tx) => note(tx, 'after'));
    expect(await committed()).toEqual(['after']);
  });

  it('a failing first unit is rolled back on its own and the units behind it still run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const first = db.transaction(async (tx) => { await note(tx, 'first'); await gate; throw new Error('first refuses'); });
    const a = db.transaction((tx) => note(tx, 'a'));
    release();
    await expect(first).rejects.toThrow('first refuses');
    await a;
    expect(await committed()).toEqual(['a']);
  });

  it(`never puts more than ${GROUP_MAX_UNITS} units in one commit`, async () => {
    const before = { ...db.group!.stats };
    const { held, release } = holdWriter();
    const many = Array.from({ length: 3 * GROUP_MAX_UNITS }, (_, i) => db.transaction((tx) => note(tx, `n${String(i).padStart(3, '0')}`)));
    release();
    await Promise.all([held, ...many]);
    expect(db.group!.stats.units - before.units).toBe(3 * GROUP_MAX_UNITS + 1);
    expect(db.group!.stats.groups - before.groups).toBeGreaterThanOrEqual(4);
    expect(db.group!.stats.largest).toBe(GROUP_MAX_UNITS);
    expect((await committed()).length).toBe(3 * GROUP_MAX_UNITS + 1);
  });
});
