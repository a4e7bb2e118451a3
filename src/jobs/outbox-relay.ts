import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../persistence/database';
import type { OutboxEntity } from '../persistence/entities';
import * as outbox from '../persistence/repositories/outbox.repository';
import type { QueueRegistry } from './queue-registry';

const BATCH = 500;
/**
 * How long a relay woken by a commit waits before it claims: under load the commits of those milliseconds share
 * one claim and one stamp (two statements, each a WAL flush on PostgreSQL) instead of each taking its own.
 */
const COALESCE_MS = 2;
/** How long a relay's claim on rows holds: long enough for BullMQ to take a batch; a crashed relay's rows are taken again after it. */
export const OUTBOX_CLAIM_MS = 30_000;

/**
 * Moves outbox rows to BullMQ. Woken by commits in this process (within COALESCE_MS), and
 * polls for rows written by other processes. Each batch is first claimed in a
 * short transaction (FOR UPDATE SKIP LOCKED on PostgreSQL), so relays in N
 * processes never send the same row at the same time; a row is stamped
 * dispatched only after BullMQ has accepted its job. A row may still be sent
 * twice (a crash between add and stamp, or a claim that expired while BullMQ
 * was away): job ids are deterministic, so BullMQ keeps one, and processors are idempotent.
 */
export class OutboxRelay {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();
  private soon: NodeJS.Timeout | null = null;
  /** A commit's wake-up: the drain starts COALESCE_MS later, so the commits of that moment go in one claim and one stamp. */
  private readonly wake = () => {
    if (this.soon || this.stopped) return;
    this.soon = setTimeout(() => { this.soon = null; this.kick(); }, COALESCE_MS);
  };
  /** This relay's name in the outbox's claimedBy column. */
  readonly owner = `${hostname().slice(0, 40)}-${process.pid}-${randomBytes(4).toString('hex')}`;

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
    if (this.soon) clearTimeout(this.soon);
    this.soon = null;
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

  /** Sends every pending row it can claim; returns how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      // On SQLite a cheap look on the read side first: the one write lock only when there is something to claim.
      // On PostgreSQL the claim is one statement (no transaction around it) that finds nothing as cheaply.
      if (this.db.kind === 'sqlite' && !(await outbox.hasClaimable(this.db.reads, new Date()))) return sent;
      const now = new Date();
      const rows = await this.db.statement((q) => outbox.claimUndispatched(q, this.owner, now, new Date(now.getTime() + OUTBOX_CLAIM_MS), BATCH));
      if (rows.length === 0) return sent;
      try {
        await this.send(rows);
      } catch (error) {
        // Not sent: give the rows back so that this relay (on its next poll) or another one takes them.
        await this.db.transaction((tx) => outbox.releaseClaims(tx, rows.map((r) => r.id), this.owner)).catch(() => undefined);
        throw error;
      }
      await this.db.statement((q) => outbox.markDispatched(q, rows.map((r) => r.id), new Date()));
      sent += rows.length;
      if (rows.length < BATCH) return sent;
    }
  }

  /** Adds the rows' jobs to BullMQ; resolves once BullMQ has accepted all of them. */
  private async send(rows: OutboxEntity[]): Promise<void> {
    const byQueue = new Map<string, OutboxEntity[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    const now = Date.now();
    await Promise.all([...byQueue].map(([queue, items]) => this.queues.get(queue).addBulk(items.map((row) => ({
      name: row.name,
      // The traceparent (tracing on) travels beside the ids; src/jobs/worker.ts takes it off again.
      data: row.traceparent ? { ...row.payload, traceparent: row.traceparent } : row.payload,
      opts: { jobId: row.jobId, delay: row.runAt ? Math.max(0, row.runAt.getTime() - now) : undefined },
    })))));
  }
}
