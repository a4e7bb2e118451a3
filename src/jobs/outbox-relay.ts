import type { Logger } from 'pino';
import type { Database } from '../persistence/database';
import type { OutboxEntity } from '../persistence/entities';
import * as outbox from '../persistence/repositories/outbox.repository';
import type { QueueRegistry } from './queue-registry';

const BATCH = 500;

/**
 * Moves outbox rows to BullMQ. Woken at once by commits in this process, and
 * polls for rows written by other processes. A row may be sent twice (crash
 * between add and stamp); job ids are deterministic and processors idempotent.
 */
export class OutboxRelay {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();
  private readonly wake = () => this.kick();

  constructor(private readonly db: Database, private readonly queues: QueueRegistry, private readonly log: Logger, private readonly pollMs = 250) {}

  start(): void {
    this.stopped = false;
    this.db.events.on('outbox', this.wake);
    this.schedule();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.db.events.off('outbox', this.wake);
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => { this.kick(); this.schedule(); }, this.pollMs);
    this.timer.unref();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.running = true;
    this.idle = this.drain().then(() => undefined).catch((error) => this.log.error({ err: error }, 'outbox relay failed; will retry')).finally(() => {
      this.running = false;
      if (this.again) { this.again = false; this.kick(); }
    });
  }

  /** Sends every pending row; returns how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await outbox.undispatched(this.db.reads, BATCH);
      if (rows.length === 0) return sent;
      const byQueue = new Map<string, OutboxEntity[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      const now = Date.now();
      await Promise.all([...byQueue].map(([queue, items]) => this.queues.get(queue).addBulk(items.map((row) => ({
        name: row.name,
        data: row.payload,
        opts: { jobId: row.jobId, delay: row.runAt ? Math.max(0, row.runAt.getTime() - now) : undefined },
      })))));
      await this.db.transaction((tx) => outbox.markDispatched(tx, rows.map((r) => r.id), new Date()));
      sent += rows.length;
      if (rows.length < BATCH) return sent;
    }
  }
}
