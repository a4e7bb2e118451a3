import { EventEmitter } from 'node:events';
import { accessSync, constants as fsConstants, existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { ENTITIES } from './entities';
import { useDialect } from './entities/columns';
import { OutboxEntity } from './entities/outbox.entity';
import { SqliteCheckpointer } from './sqlite/checkpointer';
import { beginImmediate, sqliteConnectionOf } from './sqlite/typeorm-internals';
import { SqliteGroupCommit } from './sqlite/group-commit';
import { endReadTurns, runSql } from './sqlite/statements';
import { sqlText, values, writeRows } from './sql';
import { POSTGRES_MIGRATIONS } from './migrations/postgres';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import type { Config } from '../config/env';
import { AppError } from '../domain/errors';
import { classifyStorageError, describeFault, StorageIncidents, storageUnavailable } from './storage-errors';
import { activeTraceparent, callerContext, enableSqlTracing, inContext } from './sql-tracing';
import { runMigrationsLocked } from './migration-lock';

/** The free space a SQLite disk needs before a storage incident counts as over (a full disk frees a few blocks now and then). */
const RECOVERED_FREE_BYTES = 1024 * 1024;

/** How often the background thread checkpoints the SQLite WAL. */
const CHECKPOINT_EVERY_MS = 200;

export interface JobDraft {
  queue: string;
  name: string;
  jobId: string;
  payload: Record<string, any>;
  runAt?: Date | null;
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
  private statements = 0;
  /**
   * The traceparent of the span the transaction was opened in (tracing on), written into each outbox row.
   * `single`: a unit of work of ONE statement run outside a transaction (Database.statement on PostgreSQL),
   * where a second statement would not be atomic with the first: noteStatement refuses it.
   */
  constructor(readonly em: EntityManager, readonly kind: 'sqlite' | 'postgres', readonly traceparent: string | null = null, readonly single = false) {}

  /** @internal Called by the statement runners of sql.ts before each statement. */
  noteStatement(): void {
    this.statements += 1;
    if (this.single && this.statements > 1) {
      throw new Error('A one-statement unit of work (Database.statement) ran a second statement, which would not be atomic with the first: use Database.transaction');
    }
  }

  /** Writes an outbox row in this transaction; the relay turns it into a BullMQ job after commit. */
  async enqueue(job: JobDraft): Promise<void> {
    await writeRows(this, INSERT_OUTBOX(this), this.outboxRow(job));
    this.enqueued += 1;
  }

  /**
   * A job's outbox row as the bound values of its columns (in the order of INSERT_OUTBOX), for a repository
   * statement that writes the row together with its cause (cases.insertFiledCase on PostgreSQL: a new case and its
   * intake job in one statement). Counted as enqueued, as enqueue counts its row: the relay is woken after commit.
   */
  outboxValues(job: JobDraft): unknown[] {
    this.enqueued += 1;
    return this.outboxRow(job);
  }

  private outboxRow(job: JobDraft): unknown[] {
    const row = { queue: job.queue, name: job.name, jobId: job.jobId, payload: job.payload, runAt: job.runAt ?? null, traceparent: this.traceparent };
    return values(this, OutboxEntity, row, OUTBOX_COLUMNS);
  }

  /** One SQL statement in this transaction (prepared once and kept on SQLite). */
  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    this.noteStatement();
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

/** The outbox row of a job (a kept statement: every filing and move writes one); the relay side is outbox.repository.ts. */
const OUTBOX_COLUMNS = ['queue', 'name', 'jobId', 'payload', 'runAt', 'dispatchedAt', 'claimedBy', 'claimedUntil', 'traceparent', 'createdAt'] as const;
const INSERT_OUTBOX = sqlText(({ list }) => `INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "runAt", "dispatchedAt", "claimedBy", "claimedUntil", "traceparent", "createdAt") VALUES (${list(1, 10)})`);

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

  /** Storage faults met by this process's writes, one incident at a time (logged once when it opens, once when it ends). */
  storage = new StorageIncidents();

  /** The names of the migrations this process applied when it opened the database (none when it was up to date). */
  appliedMigrations: string[] = [];

  /** The SQLite file, null on PostgreSQL. */
  sqlitePath: string | null = null;

  /** STORAGE_MIN_FREE_MB, in bytes: the free space the write probe asks of the SQLite file's disk. */
  minFreeBytes = 0;

  /** While a storage incident is open: the probe that may close it (one at a time, at most one a second). */
  private recoveryProbe: { running: boolean; last: number } = { running: false, last: 0 };

  /**
   * Opens the database, runs the migrations, and makes sure it can be written: a database this process
   * cannot write is refused at start-up, with its path (SQLite: the file or its directory is read-only, the
   * file system is read-only or full; PostgreSQL: a read-only server or transaction), not met at the first request.
   * `onError` hears storage faults (once per incident, see StorageIncidents; and the checkpointer's), `onRecovered` their end.
   */
  static async open(config: Config, options: { migrate?: boolean; logging?: boolean; countQueries?: boolean; onError?: (message: string) => void; onRecovered?: (message: string) => void } = {}): Promise<Database> {
    const where = config.database.kind === 'sqlite' ? `the SQLite database ${config.database.path}` : `the PostgreSQL database ${redactUrl(config.database.url)}`;
    if (config.database.kind === 'sqlite') refuseUnwritableFile(config.database.path);
    let db: Database;
    try {
      db = await Database.openUnchecked(config, options);
    } catch (error) {
      throw refusal(where, error);
    }
    db.minFreeBytes = config.storageMinFreeBytes ?? 0;
    db.storage = new StorageIncidents(
      (message, error) => options.onError?.(`${message}: ${(error as Error)?.message ?? String(error)}`),
      (message) => options.onRecovered?.(message),
    );
    try {
      // Not before the migrations have made the tables (migrate: false is for commands that only read or migrate later).
      // Little free space is /readyz's to report (STORAGE_MIN_FREE_MB); what start-up refuses is a database it cannot write.
      if (options.migrate !== false) await db.probeWritable(0);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw new Error(`Refusing to start: ${where} cannot be written: ${(error as Error).message}. ${advice(config)}`);
    }
    return db;
  }

  private static async openUnchecked(config: Config, options: { migrate?: boolean; logging?: boolean; countQueries?: boolean; onError?: (message: string) => void; onRecovered?: (message: string) => void }): Promise<Database> {
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
        ...common, type: 'postgres', url: config.database.url, migrations: POSTGRES_MIGRATIONS,
        // A server that does not answer (network partition, a host gone) fails a request within 10 s as SERVICE_UNAVAILABLE
        // (storage-errors.ts reads node-postgres's "timeout exceeded when trying to connect") instead of holding it for the
        // operating system's TCP timeout; 10 s also covers waiting for one of the 10 connections under load.
        extra: { max: 10, connectionTimeoutMillis: 10_000 },
      } as DataSourceOptions);
      await ds.initialize();
      const applied = options.migrate !== false ? await runMigrationsLocked(ds) : [];
      if (config.tracingEndpoint) enableSqlTracing(null);
      return Object.assign(new Database('postgres', ds, ds), { counter, appliedMigrations: applied });
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
    const applied = options.migrate !== false ? await runMigrationsLocked(write) : [];
    const checkpointer = new SqliteCheckpointer(path, CHECKPOINT_EVERY_MS, (message) => options.onError?.(`SQLite checkpoint: ${message}`),
      (message) => options.onRecovered?.(`SQLite checkpoint: ${message}`));
    // Reads memory-map the file (about 30% faster hash checks over a million opt-outs; see bench/opt-outs.bench.ts).
    const read = new DataSource({
      ...common, type: 'better-sqlite3', database: path, readonly: true, timeout: 10_000,
      prepareDatabase: (db: { pragma(s: string): unknown }) => { db.pragma('mmap_size = 1073741824'); },
    } as DataSourceOptions);
    await read.initialize();
    if (config.tracingEndpoint) enableSqlTracing(sqliteConnectionOf(write));
    return Object.assign(new Database('sqlite', write, read, checkpointer), { counter, sqlitePath: path, appliedMigrations: applied });
  }

  /** Runs `work` in one write transaction (with its outbox rows); retried by callers on CONFLICT only. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    // PostgreSQL may pick this transaction as a deadlock victim or fail it on serialisation; the unit of work
    // is a function of the database alone, so it is run again (a few times) before the caller hears CONFLICT.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.runOnce(work);
        // A transaction that only read succeeds on a full or read-only database too: the write probe says whether it is over.
        if (this.storage.current) this.confirmRecovery();
        return result;
      } catch (error) {
        this.throwIfStorageFault(error, 'a write transaction');
        const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
        if (this.kind !== 'postgres' || (code !== '40P01' && code !== '40001') || attempt >= 4) {
          if (code === '40P01' || code === '40001') throw new AppError('CONFLICT', 'Someone else changed this at the same moment; retry');
          throw error;
        }
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
      }
    }
  }

  /**
   * Runs `work`, which is ONE statement that is a unit of work by itself (the relay's claim of a batch, its stamp
   * of the batch sent, a filing written as one statement), where it costs least: on PostgreSQL outside a
   * transaction, since a statement commits by itself (no BEGIN and COMMIT round trips); on SQLite as a write
   * transaction (the one writer). `work` gets a Tx as transaction() gives one (its outbox rows wake the relay,
   * its onCommit hooks run after the statement), which refuses a second statement of sql.ts's runners on
   * PostgreSQL. Storage faults are SERVICE_UNAVAILABLE as in transaction(). Work of more than one statement
   * belongs in transaction().
   */
  async statement<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.kind !== 'postgres') return this.transaction(work);
    const tx = new Tx(this.write.manager, this.kind, activeTraceparent(), true);
    let result: T;
    try {
      result = await work(tx);
      if (this.storage.current) this.confirmRecovery();
    } catch (error) {
      this.throwIfStorageFault(error, 'a write statement');
      throw error;
    }
    tx.committed();
    if (tx.enqueued > 0) this.events.emit('outbox');
    return result;
  }

  /** A full disk, a read-only database, a database that is down: SERVICE_UNAVAILABLE, logged once per incident. */
  private throwIfStorageFault(error: unknown, what: string): void {
    const fault = classifyStorageError(error);
    if (!fault) return;
    this.storage.failed(fault, error, what);
    throw storageUnavailable(fault);
  }

  private async runOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx!: Tx;
    // Tracing on: the unit runs in its caller's context (the group commit may run it from another caller's turn),
    // and its outbox rows carry the caller's traceparent.
    const caller = callerContext();
    const traceparent = activeTraceparent();
    const start = (em: EntityManager) => {
      tx = new Tx(em, this.kind, traceparent);
      return inContext(caller, () => work(tx));
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

  /**
   * Proves this process can write, for /readyz and start-up: a write transaction (on SQLite its BEGIN
   * IMMEDIATE takes the write lock, through the group commit like every unit of work) that writes an outbox
   * row exactly as a filing does and is then rolled back, so nothing is kept. Also refuses when the SQLite
   * file's disk has less free space than `minFreeBytes` (STORAGE_MIN_FREE_MB; fs.statfs): a rolled-back write
   * may never reach the disk, so a full disk is caught by its free space. PostgreSQL's disk is the server's:
   * its faults show as errors of real writes (53100), mapped to SERVICE_UNAVAILABLE. Rejects saying what
   * failed; a storage fault opens an incident (logged once), and a probe that passes with room to spare
   * (at least 1 MB free on SQLite) closes one.
   */
  async probeWritable(minFreeBytes = this.minFreeBytes): Promise<{ freeBytes: number | null }> {
    let freeBytes: number | null = null;
    if (this.sqlitePath) {
      const fs = await statfs(dirname(this.sqlitePath));
      freeBytes = Number(fs.bavail) * Number(fs.bsize);
      if (freeBytes < minFreeBytes) {
        throw new Error(`only ${(freeBytes / 1048576).toFixed(1)} MB free on the disk of ${this.sqlitePath} (at least ${(minFreeBytes / 1048576).toFixed(1)} MB wanted: STORAGE_MIN_FREE_MB)`);
      }
    }
    const rolledBack = new Error('write probe: rolled back');
    try {
      await this.runOnce(async (tx) => {
        await tx.enqueue({ queue: 'write-probe', name: 'write-probe', jobId: 'write-probe', payload: {} });
        throw rolledBack;
      });
    } catch (error) {
      if (error !== rolledBack) {
        const fault = classifyStorageError(error);
        if (fault) this.storage.failed(fault, error, 'the write probe');
        throw new Error(fault ? `${describeFault(fault)} (${fault.code})` : `the write probe failed: ${(error as Error)?.message ?? String(error)}`);
      }
    }
    if (freeBytes === null || freeBytes >= Math.max(minFreeBytes, RECOVERED_FREE_BYTES)) this.storage.succeeded();
    return { freeBytes };
  }

  /** Runs the write probe (at most one at a time, one a second) to close the open storage incident if it is over. */
  private confirmRecovery(): void {
    const probe = this.recoveryProbe;
    if (probe.running || Date.now() - probe.last < 1_000) return;
    probe.running = true;
    probe.last = Date.now();
    this.probeWritable().catch(() => undefined).finally(() => { probe.running = false; });
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.read !== this.write && this.read.isInitialized) await this.read.destroy();
    await this.group?.idle();
    if (this.write.isInitialized) await this.write.destroy();
  }
}

/** A connection URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'at DATABASE_URL';
  }
}

/**
 * Before opening: the SQLite file (when it exists) and its directory must be writable by this process — SQLite
 * writes the -wal and -shm files beside it. (As root, file modes do not stop writes; a read-only file system does.)
 */
function refuseUnwritableFile(path: string): void {
  const dir = dirname(path);
  for (const [what, target] of [['its directory', dir], ['the file', path]] as const) {
    if (what === 'the file' && !existsSync(path)) continue;
    try {
      accessSync(target, fsConstants.W_OK);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') continue; // the directory is created by the caller, or SQLite says so when it opens
      throw new Error(`Refusing to start: the SQLite database ${path} cannot be written (${what}, ${target}: ${code === 'EROFS' ? 'read-only file system' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code}). `
        + 'Chōtei writes the database file and its -wal and -shm files beside it: make the file and its directory writable by this user, or point DATABASE_URL elsewhere.');
    }
  }
}

/** What an operator can do about a database that cannot be written. */
function advice(config: Config): string {
  return config.database.kind === 'sqlite'
    ? 'Chōtei writes the database file and its -wal and -shm files beside it: make the file and its directory writable by this user, on a writable file system with free space, or point DATABASE_URL elsewhere.'
    : 'Point DATABASE_URL at the primary server (not a read-only standby), with default_transaction_read_only off, and a user that may write.';
}

/** A storage fault met while opening the database, as the start-up refusal that names it; other errors unchanged. */
function refusal(where: string, error: unknown): unknown {
  const fault = classifyStorageError(error);
  if (!fault || fault.kind === 'unreachable') return error;
  return new Error(`Refusing to start: ${where} cannot be written: ${describeFault(fault)} (${fault.code}: ${(error as Error)?.message ?? String(error)})`);
}
