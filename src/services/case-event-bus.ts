import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { In } from 'typeorm';
import type { Database } from '../config/database';
import { CaseEntity, CaseEventEntity } from '../entities';
import { actorFor, CaseWorkflow } from './case-workflow';
import type { RequestContext, Viewer } from './context';
import { AppError, notFound } from './errors';
import { requireViewer } from './guards';

/**
 * What goes over Redis for each committed batch of case events: ids, and the
 * case's party ids that decide who may see it — no statements, amounts or
 * other content. Each API process loads the events themselves from the database.
 */
export interface CaseEventsMessage {
  caseId: string;
  eventIds: number[];
  /** Who could see the case when these events committed (the rule of actorFor). */
  access: { complainantId: string; respondentFirmId: string; noticeSent: boolean; mediatorId: string | null };
}

/** The most events a slow subscriber may have waiting before it is cut off. */
const MAX_BACKLOG = 1000;

type Listener = (events: CaseEventEntity[], access: CaseEventsMessage['access']) => void;

/**
 * Live case events across processes. Every process publishes its committed
 * events to Redis (channel `<REDIS_PREFIX>:case-events`) from a workflow
 * listener, after commit. API processes subscribe to the channel once and fan
 * each message out to their own subscribers of that case, so an event made by
 * a worker process reaches a client connected to any API process.
 *
 * Delivery is live and best-effort (a process that dies between commit and
 * publish loses that message); the history (`case.events`) is the record, and
 * every event carries its `seq` so a client can fill a gap from it.
 */
export class CaseEventBus {
  readonly channel: string;
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly db: Database, prefix: string, private readonly log?: Logger) {
    this.channel = `${prefix}:case-events`;
  }

  /** Publishes every committed batch of case events (registered on the process's workflow). */
  register(workflow: CaseWorkflow): void {
    workflow.onEvents((row, events, tx) => {
      const message: CaseEventsMessage = {
        caseId: row.id,
        eventIds: events.map((e) => e.id),
        access: { complainantId: row.complainantId, respondentFirmId: row.respondentFirmId, noticeSent: !!row.noticeSentAt, mediatorId: row.mediatorId },
      };
      tx.onCommit(() => this.publish(message));
    });
  }

  /**
   * Connects the bus: `publisher` is any Redis connection of the process;
   * with `listen` (API processes) a dedicated subscriber connection is opened.
   */
  async start(publisher: Redis, options: { listen: boolean }): Promise<void> {
    this.publisher = publisher;
    if (!options.listen || this.subscriber) return;
    const subscriber = publisher.duplicate();
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) void this.dispatch(raw);
    });
    subscriber.on('error', (err) => this.log?.warn({ err: err.message }, 'case-event subscriber connection error; ioredis reconnects'));
    await subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
  }

  async stop(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.publisher = null;
    if (subscriber) {
      await subscriber.unsubscribe(this.channel).catch(() => undefined);
      subscriber.disconnect();
    }
  }

  private publish(message: CaseEventsMessage): void {
    if (!this.publisher || message.eventIds.length === 0) return;
    this.publisher.publish(this.channel, JSON.stringify(message)).catch((err: Error) => {
      this.log?.warn({ err: err.message, caseId: message.caseId }, 'could not publish case events (live subscribers miss them; the history has them)');
    });
  }

  private async dispatch(raw: string): Promise<void> {
    let message: CaseEventsMessage;
    try {
      message = JSON.parse(raw) as CaseEventsMessage;
    } catch {
      return;
    }
    const local = this.listeners.get(message.caseId);
    if (!local?.size || !Array.isArray(message.eventIds) || message.eventIds.length === 0) return;
    try {
      const events = await this.db.reader.find(CaseEventEntity, { where: { id: In(message.eventIds), caseId: message.caseId }, order: { seq: 'ASC' } });
      for (const listener of [...local]) listener(events, message.access);
    } catch (err) {
      this.log?.error({ err, caseId: message.caseId }, 'could not load published case events');
    }
  }

  private listen(caseId: string, listener: Listener): () => void {
    let set = this.listeners.get(caseId);
    if (!set) this.listeners.set(caseId, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0 && this.listeners.get(caseId) === set) this.listeners.delete(caseId);
    };
  }

  /** How many local subscriptions are open (for tests and metrics). */
  get subscriptionCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /**
   * The live events of one case, for a viewer who may see it exactly as
   * `case(id)` allows: no credential is UNAUTHENTICATED, a missing or another
   * party's case NOT_FOUND. Visibility is checked again for every event against
   * the case as it was when the event committed; the stream ends when the
   * viewer may no longer see the case (e.g. another mediator was assigned).
   */
  async subscribe(ctx: RequestContext, caseId: string): Promise<AsyncIterableIterator<CaseEventEntity>> {
    const viewer = requireViewer(ctx);
    if (!this.subscriber) throw new AppError('INTERNAL_SERVER_ERROR', 'Live case events are not available in this process');
    const stream = new EventStream<CaseEventEntity>();
    // Listen before checking access, so nothing committed in between is missed.
    const stop = this.listen(caseId, (events, access) => {
      if (!mayStillSee(viewer, access)) return stream.end();
      for (const event of events) {
        if (!stream.push(event)) return;
      }
    });
    stream.onClose(stop);
    try {
      const row = await this.db.reader.findOne(CaseEntity, { where: { id: caseId } });
      if (!row || !actorFor(viewer, row)) throw notFound('Case', caseId);
    } catch (error) {
      stop();
      throw error;
    }
    return stream;
  }
}

function mayStillSee(viewer: Viewer, access: CaseEventsMessage['access']): boolean {
  return !!actorFor(viewer, {
    complainantId: access.complainantId, respondentFirmId: access.respondentFirmId, mediatorId: access.mediatorId,
    noticeSentAt: access.noticeSent ? new Date(0) : null,
  } as CaseEntity);
}

/** A push-to-pull queue: an async iterator fed by push(), ended by end() or by the consumer's return(). */
class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private readonly waiting: Array<(r: IteratorResult<T>) => void> = [];
  private done = false;
  private error: Error | null = null;
  private closers: Array<() => void> = [];

  onClose(fn: () => void): void {
    this.closers.push(fn);
  }

  /** Queues a value; false when the stream is over (ended, or the consumer is too far behind). */
  push(value: T): boolean {
    if (this.done) return false;
    const next = this.waiting.shift();
    if (next) { next({ value, done: false }); return true; }
    if (this.queue.length >= MAX_BACKLOG) {
      this.fail(new AppError('RATE_LIMITED', `More than ${MAX_BACKLOG} case events waited for this subscriber; subscribe again and read case.events for the gap`));
      return false;
    }
    this.queue.push(value);
    return true;
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.close();
    for (const resolve of this.waiting.splice(0)) resolve({ value: undefined, done: true });
  }

  private fail(error: Error): void {
    this.error = error;
    this.queue.length = 0;
    this.end();
  }

  private close(): void {
    for (const fn of this.closers.splice(0)) fn();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.error) { const e = this.error; this.error = null; return Promise.reject(e); }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
