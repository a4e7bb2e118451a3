import { AppError } from '../domain/errors';

/**
 * Storage faults: the database cannot be written or reached, through no fault of the request. They are
 * the operator's (a full disk, a read-only file or file system, an I/O error, a database that is down or
 * in recovery), so they answer SERVICE_UNAVAILABLE with a retry hint, never INTERNAL_SERVER_ERROR, and are
 * logged once per incident (StorageIncidents), not once per request. The one place that knows the codes.
 */
export type StorageFaultKind = 'disk-full' | 'read-only' | 'io-error' | 'cannot-open' | 'unreachable';

export interface StorageFault {
  kind: StorageFaultKind;
  /** The engine's code (SQLITE_FULL, 53100, ECONNREFUSED …) or the message that gave it away. */
  code: string;
}

/** How long a client is told to wait before retrying a request refused for a storage fault. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

const WHAT: Record<StorageFaultKind, string> = {
  'disk-full': 'the disk is full',
  'read-only': 'the database is read-only',
  'io-error': 'the disk reported an I/O error',
  'cannot-open': 'the database file cannot be opened',
  unreachable: 'the database cannot be reached',
};

/** PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) that are storage faults. */
const POSTGRES: Record<string, StorageFaultKind> = {
  53100: 'disk-full', // disk_full
  53000: 'disk-full', // insufficient_resources
  25006: 'read-only', // read_only_sql_transaction (a standby, or default_transaction_read_only)
  58030: 'io-error', // io_error
  '57P01': 'unreachable', // admin_shutdown
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now (starting up, shutting down, in recovery)
  53300: 'unreachable', // too_many_connections
  '08000': 'unreachable', '08001': 'unreachable', '08003': 'unreachable', '08004': 'unreachable', '08006': 'unreachable', // connection_exception …
};

/**
 * Socket errors of a database client that cannot reach its server. (Not DNS failures or EPIPE: the request
 * path looks up webhook hosts too, and their failures are the client's input, not our storage.)
 */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** File-system errors that say the disk will not take writes (not EACCES/EPERM: too many other causes). */
const FILES: Record<string, StorageFaultKind> = { ENOSPC: 'disk-full', EDQUOT: 'disk-full', EROFS: 'read-only', EIO: 'io-error' };

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth += 1) {
    const o = e as { code?: unknown; errno?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof o.code === 'string' || typeof o.code === 'number') codes.push(String(o.code));
    e = o.driverError ?? o.cause;
  }
  return codes;
}

/**
 * Whether an error is a storage fault, and which: SQLite's SQLITE_FULL, SQLITE_READONLY*, SQLITE_IOERR*,
 * SQLITE_CANTOPEN* (not SQLITE_CORRUPT: that stays an internal error, for someone to look at); PostgreSQL's
 * disk_full, read_only_sql_transaction, shutdown and connection classes; the client's socket errors; and
 * a full or read-only file system. Null for anything else (a bug, a constraint …).
 * Looks through TypeORM's QueryFailedError (`driverError`) and `cause`.
 */
export function classifyStorageError(error: unknown): StorageFault | null {
  if (!error || typeof error !== 'object' || error instanceof AppError) return null;
  for (const code of codesOf(error)) {
    if (code === 'SQLITE_FULL') return { kind: 'disk-full', code };
    if (code.startsWith('SQLITE_READONLY')) return { kind: 'read-only', code };
    if (code.startsWith('SQLITE_IOERR')) return { kind: 'io-error', code };
    if (code.startsWith('SQLITE_CANTOPEN')) return { kind: 'cannot-open', code };
    if (POSTGRES[code]) return { kind: POSTGRES[code], code };
    if (NETWORK.has(code)) return { kind: 'unreachable', code };
    if (FILES[code]) return { kind: FILES[code], code };
  }
  // A GraphQL error's message may quote the client's input: only a driver's own error is read for words.
  if ('extensions' in error || 'locations' in error) return null;
  const message = String((error as { message?: unknown }).message ?? '');
  // node-postgres's own words when the server goes away mid-connection or cannot be reached in time.
  // (and the server's, 55000, when the database itself takes no connections: ALTER DATABASE … ALLOW_CONNECTIONS false).
  if (/Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)|database "[^"]*" is not currently accepting connections/i.test(message)) {
    return { kind: 'unreachable', code: message.slice(0, 80) };
  }
  return null;
}

/** What a fault means, in a few words ("the disk is full"). */
export function describeFault(fault: StorageFault): string {
  return WHAT[fault.kind];
}

/** The message a client reads for a storage fault: it says the storage is unavailable, and why. */
export function storageFaultMessage(fault: StorageFault): string {
  return `The storage is unavailable (${WHAT[fault.kind]}); nothing was changed by this request. Retry in ${STORAGE_RETRY_AFTER_SECONDS} s`;
}

/** The AppError a storage fault becomes: SERVICE_UNAVAILABLE with `retryAfterSeconds` and the fault's kind. */
export function storageUnavailable(fault: StorageFault): AppError {
  return new AppError('SERVICE_UNAVAILABLE', storageFaultMessage(fault), { retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS, reason: `storage: ${fault.kind}` });
}

/** `error` as SERVICE_UNAVAILABLE when it is a storage fault, else unchanged. */
export function asStorageUnavailable(error: unknown): unknown {
  const fault = classifyStorageError(error);
  return fault ? storageUnavailable(fault) : error;
}

/**
 * One incident at a time: the first storage fault is reported (`onFault`, with the error), later ones are
 * counted in silence until something succeeds, which is reported once (`onRecovered`, with how many
 * failures and for how long). What keeps a full disk from logging an error for every request.
 */
export class StorageIncidents {
  private open: { fault: StorageFault; since: number; failures: number } | null = null;

  constructor(
    private readonly onFault: (message: string, error: unknown) => void = () => undefined,
    private readonly onRecovered: (message: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The open incident's fault, or null while the storage works. */
  get current(): StorageFault | null {
    return this.open?.fault ?? null;
  }

  /** A storage fault happened (`what`: what was being done); reported only when it opens an incident. */
  failed(fault: StorageFault, error: unknown, what = 'a database operation'): void {
    if (this.open) {
      this.open.failures += 1;
      return;
    }
    this.open = { fault, since: this.now(), failures: 1 };
    this.onFault(`storage unavailable (${WHAT[fault.kind]}, ${fault.code}) during ${what}; further failures are not logged until it recovers`, error);
  }

  /** Something that needed the storage worked: closes the open incident, if any, with one line. */
  succeeded(): void {
    if (!this.open) return;
    const { fault, since, failures } = this.open;
    this.open = null;
    this.onRecovered(`storage recovered after ${Math.round((this.now() - since) / 1000)} s (${WHAT[fault.kind]}, ${failures} failed operations)`);
  }
}
