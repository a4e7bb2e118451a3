import type { DataSource } from 'typeorm';
import { sqliteConnectionOf } from './sqlite/typeorm-internals';

/**
 * The key of the PostgreSQL advisory lock held while migrations run (any bigint; this one spells nothing).
 * Other software sharing the database would have to pick the same number to collide.
 */
export const MIGRATION_LOCK_KEY = 7_216_160_005;

/** How long a process waits for another one's migrations before giving up (SQLite; PostgreSQL waits as long as it takes). */
const SQLITE_LOCK_WAIT_MS = 5 * 60_000;

/**
 * Runs the pending migrations under a lock, so that any number of processes starting at once on a fresh
 * database all come up: the first one applies them, the others wait, then find nothing to do. Without it,
 * each read "nothing applied yet" and ran the first migration, and all but one failed on a duplicate key.
 *
 * - PostgreSQL: a session-level `pg_advisory_lock` on a connection of its own, released (and the connection
 *   returned) afterwards; a process that dies while holding it releases it with its session.
 * - SQLite: the database's write lock: `BEGIN IMMEDIATE` on the one write connection (waiting out other
 *   processes' locks with the busy timeout, again until SQLITE_LOCK_WAIT_MS), the migrations inside that one
 *   transaction (reading which were applied included), then COMMIT: all of them or none.
 *
 * Returns the names of the migrations this process applied (empty when the database was up to date).
 */
export async function runMigrationsLocked(ds: DataSource): Promise<string[]> {
  if (ds.driver.options.type === 'postgres') {
    const lock = ds.createQueryRunner('master');
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      await lock.release();
    }
  }
  const sqlite = sqliteConnectionOf(ds);
  if (!sqlite) return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (;;) {
    try {
      sqlite.prepare('BEGIN IMMEDIATE').run();
      break;
    } catch (error) {
      // The busy timeout (10 s) passed while another process migrates: wait again, up to the bound.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
    }
  }
  try {
    const applied = (await ds.runMigrations({ transaction: 'none' })).map((m) => m.name);
    sqlite.prepare('COMMIT').run();
    return applied;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.prepare('ROLLBACK').run();
    throw error;
  }
}
