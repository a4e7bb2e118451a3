import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { endReadTurns, runSql } from './statements';
import { resetTransactionFlags, sqliteConnectionOf } from './typeorm-internals';

/** One caller's unit of work, waiting for its turn on the write connection. */
interface Unit {
  work: (em: EntityManager) => Promise<unknown>;
  after: (result: unknown) => void;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

interface Done { unit: Unit; result: unknown }

/** The most units that share one commit, and how long a group may keep taking new units. */
export const GROUP_MAX_UNITS = 32;
export const GROUP_MAX_MS = 20;

/**
 * Group commit for SQLite's one writer. Units of work run one at a time on the
 * write connection, as before; but when units are waiting while one runs, the
 * next ones run inside the same SQLite transaction, each under its own
 * SAVEPOINT, and the group commits once. Each caller hears its result only
 * after that commit, exactly as if it had had a transaction of its own:
 *
 * - a unit that fails is rolled back to its savepoint and only its caller
 *   hears the error; the others in the group are not touched;
 * - if the commit fails (or SQLite abandons the whole transaction), every
 *   unit of the group hears the error and nothing of it is kept;
 * - a unit sees the writes of the units before it (one connection, in order),
 *   as it would have after their commits.
 *
 * Measured on the intake job: committing (BEGIN IMMEDIATE, the WAL frames of
 * the pages touched, COMMIT) was the largest cost of a unit; pages that
 * several units touch (the tables' last leaf pages, their indexes) are written
 * once per group. With no one waiting a group is a single unit: no savepoint,
 * no added delay.
 */
export class SqliteGroupCommit {
  private readonly waiting: Unit[] = [];
  private running: Promise<void> | null = null;
  /** Groups committed, the units in them and the largest group (for tests and the bench). */
  readonly stats = { groups: 0, units: 0, largest: 0 };

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a write transaction (perhaps shared with other units) and
   * resolves after the commit. `after` runs right after the commit, before
   * the next group begins (an error it throws is the caller's).
   */
  run<T>(work: (em: EntityManager) => Promise<T>, after: (result: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, after, resolve, reject } as Unit);
      if (!this.running) this.running = this.drain();
    });
  }

  /** Resolves when no unit is waiting or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Yield once, so units asked for in the same tick as the first join its group.
    await Promise.resolve();
    for (;;) {
      if (this.waiting.length === 0) {
        this.running = null;
        return;
      }
      await this.runGroup();
    }
  }

  private async runGroup(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const first = this.waiting.shift()!;
    try {
      await runner.startTransaction();
    } catch (error) {
      first.reject(error);
      return;
    }
    const em = runner.manager;
    const done: Done[] = [];
    const started = Date.now();
    try {
      try {
        done.push({ unit: first, result: await first.work(em) });
      } catch (error) {
        // Alone in its transaction: roll all of it back.
        await this.rollback(runner);
        first.reject(error);
        return;
      }
      while (this.waiting.length > 0 && done.length < GROUP_MAX_UNITS && Date.now() - started < GROUP_MAX_MS) {
        const unit = this.waiting.shift()!;
        await runSql(em, 'SAVEPOINT chotei_unit');
        try {
          const result = await unit.work(em);
          await runSql(em, 'RELEASE chotei_unit');
          done.push({ unit, result });
        } catch (error) {
          if (!inTransaction(this.dataSource)) {
            // SQLite gave up the whole transaction: this unit and the group fail with its error.
            unit.reject(error);
            throw error;
          }
          await runSql(em, 'ROLLBACK TO chotei_unit');
          await runSql(em, 'RELEASE chotei_unit');
          unit.reject(error);
        }
      }
      await runner.commitTransaction();
    } catch (error) {
      // The commit failed, or SQLite gave up the whole transaction: nothing of the group is kept.
      await this.rollback(runner);
      for (const { unit } of done) unit.reject(error);
      return;
    }
    // Reads from here on see this commit (see beginReadTurn).
    endReadTurns();
    this.stats.groups += 1;
    this.stats.units += done.length;
    this.stats.largest = Math.max(this.stats.largest, done.length);
    for (const { unit, result } of done) {
      try {
        unit.after(result);
        unit.resolve(result);
      } catch (error) {
        unit.reject(error);
      }
    }
  }

  /** Rolls back whatever is open and leaves TypeORM's runner ready for the next transaction. */
  private async rollback(runner: QueryRunner): Promise<void> {
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    } catch {
      // SQLite had already rolled back (e.g. disk full): only TypeORM's flags are left to reset.
    }
    if (inTransaction(this.dataSource)) await runSql(runner.manager, 'ROLLBACK').catch(() => undefined);
    resetTransactionFlags(runner);
  }
}

function inTransaction(dataSource: DataSource): boolean {
  return !!sqliteConnectionOf(dataSource)?.inTransaction;
}
