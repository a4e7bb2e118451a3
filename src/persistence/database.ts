import { EventEmitter } from 'node:events';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { ENTITIES } from './entities';
import { useDialect } from './entities/columns';
import { OutboxEntity } from './entities/outbox.entity';
import { insertRows } from './sqlite/fast-write';
import { SqliteCheckpointer } from './sqlite/checkpointer';
import { beginImmediate } from './sqlite/typeorm-internals';
import { SqliteGroupCommit } from './sqlite/group-commit';
import { endReadTurns, runSql } from './sqlite/statements';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import type { Config } from '../config/env';
import { AppError } from '../domain/errors';

/** How often the background thread checkpoints the SQLite WAL. */
const CHECKPOINT_EVERY_MS = 200;

export interface JobDraft {
  queue: string;
  name: string;
  jobId: string;
  payload: Record<string, any>;
  runAt?: Date | null;
}

/** `n` bind placeholders in the transaction's dialect: ?, ?, … on SQLite, $1, $2, … on PostgreSQL. */
export function placeholders(tx: Pick<Tx, 'kind'>, n: number): string[] {
  return Array.from({ length: n }, (_, i) => (tx.kind === 'postgres' ? `$${i + 1}` : '?'));
}

/**
 * What a repository function runs its statements on: a write transaction
 * (`Tx`) or the reads outside one (`db.reads`). Services pass it through and
 * never look inside; only `src/persistence` uses `em`.
 */
export interface Queryable {
  readonly em: EntityManager;
  readonly kind: 'sqlite' | 'postgres';
}

/** A unit of work: the entity manager of the open transaction and the outbox it writes to. */
export class Tx implements Queryable {
  enqueued = 0;
  private readonly afterCommit: Array<() => void> = [];
  constructor(readonly em: EntityManager, readonly kind: 'sqlite' | 'postgres') {}

  /** Writes an outbox row in this transaction; the relay turns it into a BullMQ job after commit. */
  async enqueue(job: JobDraft): Promise<void> {
    await insertRows(this.em, OutboxEntity, [{
      queue: job.queue, name: job.name, jobId: job.jobId, payload: job.payload, runAt: job.runAt ?? null, dispatchedAt: null,
    }]);
    this.enqueued += 1;
  }

  /** One SQL statement in this transaction (prepared once and kept on SQLite). */
  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return runSql<R>(this.em, sql, params);
  }

  /** Runs after a successful commit (publishing to subscribers, waking the relay). */
  onCommit(fn: () => void): void {
    this.afterCommit.push(fn);
  }

  /** @internal */
  committed(): void {
    for (const fn of this.afterCommit) fn();
  }
}

/**
 * The database of one process. On SQLite, write transactions run one at a
 * time, begin IMMEDIATE (TypeORM shares one connection) and commit in groups
 * when callers are waiting (SqliteGroupCommit), and
 * reads outside transactions use a second, read-only connection so they never
 * see another request's uncommitted writes. On PostgreSQL both are one pool.
 */
export class Database {
  readonly events = new EventEmitter();
  /** SQLite's one writer: units of work in turn, committed in groups (see SqliteGroupCommit). Null on PostgreSQL. */
  readonly group: SqliteGroupCommit | null;

  private constructor(readonly kind: 'sqlite' | 'postgres', readonly write: DataSource, readonly read: DataSource, readonly checkpointer: SqliteCheckpointer | null = null) {
    this.events.setMaxListeners(100);
    this.group = kind === 'sqlite' ? new SqliteGroupCommit(write) : null;
  }

  /** Statements run, counted when opened with countQueries (tests of N+1 behaviour), and the last 200 of them. */
  readonly counter: { queries: number; recent: Array<{ sql: string; params: unknown[] }> } = { queries: 0, recent: [] };

  static async open(config: Config, options: { migrate?: boolean; logging?: boolean; countQueries?: boolean; onError?: (message: string) => void } = {}): Promise<Database> {
    const counter: Database['counter'] = { queries: 0, recent: [] };
    // Engine-dependent column types (dates, money) are set before TypeORM reads the entities.
    useDialect(config.database.kind);
    const common = {
      entities: ENTITIES, synchronize: false,
      ...(options.countQueries
        ? { logging: ['query'], logger: { logQuery: (sql: string, params?: unknown[]) => {
          counter.queries += 1;
          if (counter.recent.push({ sql, params: params ?? [] }) > 200) counter.recent.shift();
        }, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} } }
        : { logging: options.logging ?? false }),
    } as const;
    if (config.database.kind === 'postgres') {
      const ds = new DataSource({
        ...common, type: 'postgres', url: config.database.url, migrations: POSTGRES_MIGRATIONS, extra: { max: 10 },
      } as DataSourceOptions);
      await ds.initialize();
      if (options.migrate !== false) await ds.runMigrations({ transaction: 'each' });
      return Object.assign(new Database('postgres', ds, ds), { counter });
    }
    const path = config.database.path;
    const write = new DataSource({
      ...common, type: 'better-sqlite3', database: path, enableWAL: true, timeout: 10_000, migrations: SQLITE_MIGRATIONS,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
        // Savepoints (group commit) journal the pages they change: in memory, not in a temporary file.
        db.pragma('temp_store = MEMORY');
        db.pragma(`wal_autocheckpoint = ${SqliteCheckpointer.BACKSTOP_PAGES}`);
      },
    } as DataSourceOptions);
    await write.initialize();
    beginImmediate(write.createQueryRunner());
    if (options.migrate !== false) await write.runMigrations({ transaction: 'each' });
    const checkpointer = new SqliteCheckpointer(path, CHECKPOINT_EVERY_MS, (message) => options.onError?.(`SQLite checkpoint: ${message}`));
    // Reads memory-map the file (about 30% faster hash checks over a million opt-outs; see bench/opt-outs.bench.ts).
    const read = new DataSource({
      ...common, type: 'better-sqlite3', database: path, readonly: true, timeout: 10_000,
      prepareDatabase: (db: { pragma(s: string): unknown }) => { db.pragma('mmap_size = 1073741824'); },
    } as DataSourceOptions);
    await read.initialize();
    return Object.assign(new Database('sqlite', write, read, checkpointer), { counter });
  }

  /** Runs `work` in one write transaction (with its outbox rows); retried by callers on CONFLICT only. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    // PostgreSQL may pick this transaction as a deadlock victim or fail it on serialisation; the unit of work
    // is a function of the database alone, so it is run again (a few times) before the caller hears CONFLICT.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.runOnce(work);
      } catch (error) {
        const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
        if (this.kind !== 'postgres' || (code !== '40P01' && code !== '40001') || attempt >= 4) {
          if (code === '40P01' || code === '40001') throw new AppError('CONFLICT', 'Someone else changed this at the same moment; retry');
          throw error;
        }
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
      }
    }
  }

  private async runOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx!: Tx;
    const start = (em: EntityManager) => {
      tx = new Tx(em, this.kind);
      return work(tx);
    };
    const after = () => {
      tx.committed();
      if (tx.enqueued > 0) this.events.emit('outbox');
    };
    if (this.group) return this.group.run(start, after);
    const result = await this.write.transaction(start);
    after();
    return result;
  }

  /**
   * Reads from here on see every commit made before this call, by any
   * process: on SQLite it ends the read transaction the current turn of the
   * event loop shares (see sqlite-statements). Called where work arrives from
   * outside — a GraphQL request, a job, a published event — since that work
   * may follow a commit made elsewhere a moment ago.
   */
  freshReads(): void {
    if (this.kind === 'sqlite') endReadTurns();
  }

  /** The manager for reads outside a transaction. */
  get reader(): EntityManager {
    return this.read.manager;
  }

  /** Reads outside a transaction, for repository functions (the read-only connection on SQLite). */
  get reads(): Queryable {
    return (this.readsHandle ??= { em: this.read.manager, kind: this.kind });
  }

  private readsHandle: Queryable | null = null;

  async ping(): Promise<void> {
    await this.read.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.read !== this.write && this.read.isInitialized) await this.read.destroy();
    await this.group?.idle();
    if (this.write.isInitialized) await this.write.destroy();
  }
}
