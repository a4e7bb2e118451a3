import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Database, Tx } from '../persistence/database';
import type { CaseEntity, CaseEventEntity } from '../persistence/entities';
import { RedisPubSub } from '../infra/pubsub/redis-pubsub';
import * as caseEvents from '../persistence/repositories/case-event.repository';
import * as cases from '../persistence/repositories/case.repository';
import * as mandates from '../persistence/repositories/mandate.repository';
import { Role } from '../domain/enums';
import { canSeeCase, CaseParties } from '../policies';
import type { RequestContext, Viewer } from '../policies/context';
import { AppError, notFound } from '../domain/errors';
import { requireViewer } from '../policies/guards';

/**
 * What goes over Redis for each committed batch of case events: ids, and the
 * case's party ids that decide who may see it — no statements, amounts or
 * other content. Each API process loads the events themselves from the database.
 */
export interface CaseEventsMessage {
  caseId: string;
  eventIds: number[];
  /** Who could see the case when these events committed (the parties that src/policies decides on). */
  access: { complainantId: string; respondentFirmId: string; noticeSent: boolean; mediatorId: string | null };
}

/** The most events a slow subscriber may have waiting before it is cut off. */
const MAX_BACKLOG = 1000;

type Listener = (events: CaseEventEntity[], access: CaseEventsMessage['access']) => void;

/**
 * Live case events across processes. Every process publishes its committed
 * events to Redis, after commit, on the case's own
 * channel `<REDIS_PREFIX>:case-events:<caseId>`; the messages of one commit
 * (a group commit may hold many) go out in one pipeline. An API process
 * subscribes to a case's channel while it has a live subscriber for that case
 * and fans each message out to them, so an event made by a worker process
 * reaches a client connected to any API process — and no process receives
 * the events of cases nobody is watching there. The Redis side (connections,
 * channels, encoding, subscribing) is src/infra/pubsub/redis-pubsub.ts; who
 * may see what is decided here, with the case policy.
 *
 * Delivery is live and best-effort (a process that dies between commit and
 * publish loses that message); the history (`case.events`) is the record, and
 * every event carries its `seq` so a client can fill a gap from it.
 */
export class CaseEventBus {
  private readonly pubsub: RedisPubSub<CaseEventsMessage, Listener>;

  constructor(private readonly db: Database, prefix: string, private readonly log?: Logger) {
    this.pubsub = new RedisPubSub(`${prefix}:case-events:`, (caseId, message, listeners) => void this.dispatch(caseId, message, listeners), 'case events', log);
  }

  /** Channel names are this prefix followed by the case id. */
  get channelPrefix(): string {
    return this.pubsub.channelPrefix;
  }

  /** Effect PUBLISH (src/domain/case/effects.ts): a batch of case events is published once its transaction commits. */
  publishAfterCommit(tx: Tx, row: CaseEntity, events: CaseEventEntity[]): void {
    const message: CaseEventsMessage = {
      caseId: row.id,
      eventIds: events.map((e) => e.id),
      access: { complainantId: row.complainantId, respondentFirmId: row.respondentFirmId, noticeSent: !!row.noticeSentAt, mediatorId: row.mediatorId },
    };
    tx.onCommit(() => this.publish(message));
  }

  /**
   * Connects the bus: `publisher` is any Redis connection of the process;
   * with `listen` (API processes) a dedicated subscriber connection is opened
   * (ioredis subscribes it again to its channels after a reconnect).
   */
  start(publisher: Redis, options: { listen: boolean; subscribeVia?: Redis }): Promise<void> {
    return this.pubsub.start(publisher, options);
  }

  stop(): Promise<void> {
    return this.pubsub.stop();
  }

  private publish(message: CaseEventsMessage): void {
    if (message.eventIds.length === 0) return;
    this.pubsub.publish(message.caseId, message);
  }

  /** A message on a case's channel while this process has live subscribers for it: the events, loaded once, to each. */
  private async dispatch(caseId: string, message: CaseEventsMessage, listeners: readonly Listener[]): Promise<void> {
    if (message.caseId !== caseId || !Array.isArray(message.eventIds) || message.eventIds.length === 0) return;
    try {
      // Published after a commit in another process: read a state that includes it.
      this.db.freshReads();
      const events = await caseEvents.eventsOfCaseWithIds(this.db.reads, caseId, message.eventIds);
      for (const listener of listeners) listener(events, message.access);
    } catch (err) {
      this.log?.error({ err, caseId }, 'could not load published case events');
    }
  }

  /**
   * Adds a listener for one case (RedisPubSub.listen): resolves once Redis has
   * confirmed the subscription (from then on nothing published is missed), with
   * the function that removes the listener (and unsubscribes after the last).
   */
  private async listen(caseId: string, listener: Listener): Promise<() => void> {
    if (!this.pubsub.listening) throw new AppError('INTERNAL_SERVER_ERROR', 'Live case events are not available in this process');
    try {
      return await this.pubsub.listen(caseId, listener);
    } catch (error) {
      // Redis is away (the subscriber connection refuses at once rather than waiting): say so, with when to retry.
      throw new AppError('SERVICE_UNAVAILABLE', `Live case events are unavailable for a moment (Redis cannot be reached: ${(error as Error).message}); retry in 5 s`,
        { retryAfterSeconds: 5, reason: 'redis' });
    }
  }

  /** How many local subscriptions are open and confirmed by Redis (for tests and metrics). */
  get subscriptionCount(): number {
    return this.pubsub.subscriptionCount;
  }

  /** How many cases this process is subscribed to in Redis (for tests and metrics). */
  get channelCount(): number {
    return this.pubsub.channelCount;
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
    const stream = new EventStream<CaseEventEntity>();
    // A creator may be one of the case's principals (issue 14); they never change once filed, so they are read once, first.
    const principalIds = viewer.role === Role.CREATOR
      ? (await mandates.principalLinksOfCases(this.db.reads, [caseId])).map((l) => l.principalId) : undefined;
    // Listen (and have Redis confirm it) before checking access, so nothing committed in between is missed.
    const stop = await this.listen(caseId, (events, access) => {
      if (!mayStillSee(viewer, access, principalIds)) return stream.end();
      for (const event of events) {
        if (!stream.push(event)) return;
      }
    });
    stream.onClose(stop);
    try {
      const row = await cases.caseById(this.db.reads, caseId);
      if (!row || !canSeeCase(viewer, { ...row, principalIds })) throw notFound('Case', caseId);
    } catch (error) {
      stop();
      throw error;
    }
    return stream;
  }
}

/** The case policy's answer for the case as it was when the events committed. */
function mayStillSee(viewer: Viewer, access: CaseEventsMessage['access'], principalIds: readonly string[] | undefined): boolean {
  const parties: CaseParties = {
    complainantId: access.complainantId, respondentFirmId: access.respondentFirmId, mediatorId: access.mediatorId,
    noticeSentAt: access.noticeSent ? new Date(0) : null, principalIds,
  };
  return canSeeCase(viewer, parties);
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
