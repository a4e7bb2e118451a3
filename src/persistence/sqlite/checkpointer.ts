import { Worker } from 'node:worker_threads';

/** What the last checkpoint did, in WAL pages (SQLite's wal_checkpoint result). */
export interface CheckpointResult { busy: number; log: number; checkpointed: number; at: Date }

/**
 * The thread's code: its own connection to the database file, a PASSIVE
 * checkpoint every interval (it never waits for readers or writers), results
 * and errors posted back. Inline so it runs the same from dist/ and from tests.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.module);
const db = new Sqlite(workerData.path, { timeout: 5000 });
let timer = null;
const tick = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', result });
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String((error && error.message) || error) });
  }
  timer = setTimeout(tick, workerData.everyMs);
};
timer = setTimeout(tick, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ type: 'stopped' });
});
`;

/**
 * Copies the SQLite write-ahead log back into the database file from a
 * background thread. Left to SQLite, the committing connection does it every
 * 1,000 pages, inside a COMMIT on the event loop: one request in fifty then
 * waited for megabytes of copying and an fsync (6 ms at p99, 14 ms at worst,
 * half of all commit time while filing complaints). The write connection keeps
 * a far higher automatic threshold only as a backstop, should this thread stop.
 */
export class SqliteCheckpointer {
  /** Pages the write connection may let the WAL reach before checkpointing itself (backstop). */
  static readonly BACKSTOP_PAGES = 20_000;
  last: CheckpointResult | null = null;
  checkpoints = 0;
  /** False once the thread has exited. */
  running = true;
  private readonly worker: Worker;
  private stopped: Promise<void> | null = null;

  /** Checkpoints that failed in a row (a full disk, an I/O error …); 0 while they succeed. */
  failingInARow = 0;

  /**
   * `onError` hears the first failure of an incident (a checkpoint every 200 ms would otherwise log 5 lines a
   * second on a full disk), `onRecovered` the first success after it, with how many failed in between.
   */
  constructor(path: string, everyMs: number, onError: (message: string) => void, onRecovered: (message: string) => void = () => undefined) {
    this.worker = new Worker(THREAD, { eval: true, workerData: { path, everyMs, module: require.resolve('better-sqlite3') } });
    this.worker.unref();
    let failingSince = 0;
    this.worker.on('message', (message: { type: string; result?: Omit<CheckpointResult, 'at'>; message?: string }) => {
      if (message.type === 'checkpoint' && message.result) {
        this.checkpoints += 1;
        this.last = { ...message.result, at: new Date() };
        if (this.failingInARow > 0) {
          onRecovered(`checkpoints work again after ${this.failingInARow} failed in ${Math.round((Date.now() - failingSince) / 1000)} s`);
          this.failingInARow = 0;
        }
      } else if (message.type === 'error') {
        this.failingInARow += 1;
        if (this.failingInARow === 1) {
          failingSince = Date.now();
          onError(`${message.message ?? 'unknown error'} (further failures are not logged until a checkpoint succeeds)`);
        }
      }
    });
    this.worker.on('error', (error) => onError(error.message));
    this.worker.once('exit', () => { this.running = false; });
  }

  /** Stops the thread after closing its connection. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (m: { type: string }) => { if (m.type === 'stopped') void this.worker.terminate(); });
      this.worker.postMessage('stop');
      setTimeout(() => { void this.worker.terminate(); }, 2_000).unref();
    });
    return this.stopped;
  }
}
