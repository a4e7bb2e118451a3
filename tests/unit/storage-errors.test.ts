import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors';
import { formatError } from '../../src/graphql/format-error';
import { asStorageUnavailable, classifyStorageError, StorageIncidents } from '../../src/persistence/storage-errors';

/** The error SQLite really gives for `sql` on a connection prepared by `setup` (in a temporary file). */
function sqliteError(setup: (db: BetterSqlite3.Database) => void, sql: string, options: BetterSqlite3.Options = {}): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'chotei-storage-errors-'));
  const file = join(dir, 'db.sqlite');
  try {
    const init = new BetterSqlite3(file);
    init.exec('CREATE TABLE t (x TEXT)');
    init.close();
    const db = new BetterSqlite3(file, options);
    try {
      setup(db);
      db.exec(sql);
    } catch (error) {
      return error;
    } finally {
      db.close();
    }
    throw new Error(`expected ${sql} to fail`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** As TypeORM hands a driver error to the code above it. */
const queryFailed = (driverError: unknown) => new QueryFailedError('INSERT INTO t VALUES (?)', ['x'], driverError as Error);
const pgError = (code: string, message = 'pg error') => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('storage faults are told apart from bugs', () => {
  it('a full SQLite database (SQLITE_FULL, as from a full disk) is disk-full, also inside QueryFailedError', () => {
    // max_page_count makes SQLite answer exactly what a full disk makes it answer.
    const error = sqliteError((db) => db.pragma('max_page_count = 2'), "INSERT INTO t SELECT hex(randomblob(4000)) FROM (SELECT 1 UNION SELECT 2 UNION SELECT 3)");
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    expect(classifyStorageError(error)).toEqual({ kind: 'disk-full', code: 'SQLITE_FULL' });
    expect(classifyStorageError(queryFailed(error))).toEqual({ kind: 'disk-full', code: 'SQLITE_FULL' });
  });

  it('a read-only SQLite connection is read-only', () => {
    const error = sqliteError(() => undefined, "INSERT INTO t VALUES ('x')", { readonly: true });
    expect((error as { code: string }).code).toBe('SQLITE_READONLY');
    expect(classifyStorageError(queryFailed(error))?.kind).toBe('read-only');
  });

  it('SQLite I/O errors and files that cannot be opened are storage faults', () => {
    expect(classifyStorageError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }))).toEqual({ kind: 'io-error', code: 'SQLITE_IOERR_WRITE' });
    expect(classifyStorageError(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }))?.kind).toBe('cannot-open');
    expect(classifyStorageError({ code: 'SQLITE_READONLY_DBMOVED' })?.kind).toBe('read-only');
  });

  it('PostgreSQL: disk full, read-only transaction, shutting down, refused connections', () => {
    expect(classifyStorageError(queryFailed(pgError('53100', 'could not extend file')))?.kind).toBe('disk-full');
    expect(classifyStorageError(queryFailed(pgError('25006', 'cannot execute INSERT in a read-only transaction')))?.kind).toBe('read-only');
    expect(classifyStorageError(pgError('57P03', 'the database system is starting up'))?.kind).toBe('unreachable');
    expect(classifyStorageError(pgError('57P01', 'terminating connection due to administrator command'))?.kind).toBe('unreachable');
    expect(classifyStorageError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 }))?.kind).toBe('unreachable');
    expect(classifyStorageError(new Error('Connection terminated unexpectedly'))?.kind).toBe('unreachable');
  });

  it('bugs, constraint violations, conflicts and AppErrors are not storage faults', () => {
    const constraint = sqliteError((db) => db.exec('CREATE UNIQUE INDEX u ON t (x); INSERT INTO t VALUES (1)'), 'INSERT INTO t VALUES (1)');
    expect(classifyStorageError(queryFailed(constraint))).toBeNull();
    expect(classifyStorageError(queryFailed(pgError('23505', 'duplicate key value')))).toBeNull();
    expect(classifyStorageError(queryFailed(pgError('40001', 'could not serialize access')))).toBeNull();
    expect(classifyStorageError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(classifyStorageError(new AppError('CONFLICT', 'changed'))).toBeNull();
    expect(classifyStorageError(null)).toBeNull();
    expect(classifyStorageError('SQLITE_FULL')).toBeNull();
  });

  it('a storage fault answers SERVICE_UNAVAILABLE with a retry hint and a message that says the storage is unavailable', () => {
    const unavailable = asStorageUnavailable(queryFailed(pgError('53100'))) as AppError;
    expect(unavailable).toBeInstanceOf(AppError);
    expect(unavailable.code).toBe('SERVICE_UNAVAILABLE');
    expect(unavailable.message).toMatch(/storage is unavailable \(the disk is full\)/);
    expect(unavailable.details.retryAfterSeconds).toBeGreaterThan(0);
    const bug = new TypeError('x is undefined');
    expect(asStorageUnavailable(bug)).toBe(bug);

    // What a client reads when a resolver met the fault, through the one error formatter.
    const formatted = formatError(true)({ message: 'SQLITE_READONLY: attempt to write a readonly database', extensions: {} }, { code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' });
    expect(formatted.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(formatted.message).toMatch(/storage is unavailable \(the database is read-only\)/);
    expect(formatted.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(formatError(true)({ message: 'boom', extensions: {} }, new TypeError('boom')).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('storage incidents are logged once, not per failure', () => {
  it('reports the first failure, counts the rest in silence, and reports the recovery once', () => {
    const lines: string[] = [];
    let now = 1_000;
    const incidents = new StorageIncidents((m) => lines.push(`fault: ${m}`), (m) => lines.push(`recovered: ${m}`), () => now);
    incidents.succeeded();
    expect(lines).toEqual([]);
    for (let i = 0; i < 500; i += 1) incidents.failed({ kind: 'disk-full', code: 'SQLITE_FULL' }, new Error('full'), 'a write transaction');
    expect(incidents.current?.kind).toBe('disk-full');
    now += 75_000;
    incidents.succeeded();
    incidents.succeeded();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^fault: storage unavailable \(the disk is full, SQLITE_FULL\) during a write transaction/);
    expect(lines[1]).toBe('recovered: storage recovered after 75 s (the disk is full, 500 failed operations)');
    expect(incidents.current).toBeNull();
    // A new incident is reported again.
    incidents.failed({ kind: 'read-only', code: '25006' }, new Error('ro'));
    expect(lines).toHaveLength(3);
  });
});
