import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { In } from 'typeorm';
import type { Database } from '../persistence/database';
import { CaseEntity, CaseEventEntity } from '../persistence/entities';
import { canSeeCase, CaseParties } from '../policies';
import type { CaseWorkflow } from './case-workflow';
import type { RequestContext, Viewer } from './context';
import { AppError, notFound } from '../domain/errors';
import { requireViewer } from './guards';

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

/** One case's channel in this process: its local listeners, and Redis's confirmation of the SUBSCRIBE. */
interface CaseChannel { listeners: Set<Listener>; ready: Promise<void> }

/**
 * Live case events across processes. Every process publishes its committed
 * events to Redis from a workflow listener, after commit, on the case's own
 * channel `<REDIS_PREFIX>:case-events:<caseId>`; the messages of one commit
 * (a group commit may hold many) go out in one pipeline. An API process
 * subscribes to a case's channel while it has a live subscriber for that case
 * and fans each message out to them, so an event made by a worker process
 * reaches a client connected to any API process — and no process receives
 * the events of cases nobody is watching there.
 *
 * Delivery is live and best-effort (a process that dies between commit and
 * publish loses that message); the history (`case.events`) is the record, and
 * every event carries its `seq` so a client can fill a gap from it.
 */
export class CaseEventBus {
  /** Channel names are this prefix followed by the case id. */
  readonly channelPrefix: string;
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private readonly channels = new Map<string, CaseChannel>();
  private acknowledged = 0;
  private outgoing: CaseEventsMessage[] = [];

  constructor(private readonly db: Database, prefix: string, private readonly log?: Logger) {
    this.channelPrefix = `${prefix}:case-events:`;
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
   * with `listen` (API processes) a dedicated subscriber connection is opened
   * (ioredis subscribes it again to its channels after a reconnect).
   */
  async start(publisher: Redis, options: { listen: boolean }): Promise<void> {
    this.publisher = publisher;
    if (!options.listen || this.subscriber) return;
    const subscriber = publisher.duplicate();
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel.startsWith(this.channelPrefix)) void this.dispatch(channel.slice(this.channelPrefix.length), raw);
    });
    subscriber.on('error', (err) => this.log?.warn({ err: err.message }, 'case-event subscriber connection error; ioredis reconnects'));
    this.subscriber = subscriber;
  }

  async stop(): Promise<void> {
    this.flush();
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.publisher = null;
    this.channels.clear();
    if (subscriber) subscriber.disconnect();
  }

  private publish(message: CaseEventsMessage): void {
    if (!this.publisher || message.eventIds.length === 0) return;
    // Everything published in this turn of the event loop (one commit's units) goes in one write.
    if (this.outgoing.push(message) === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const messages = this.outgoing;
    this.outgoing = [];
    if (!this.publisher || messages.length === 0) return;
    const pipeline = this.publisher.pipeline();
    for (const message of messages) pipeline.publish(this.channelPrefix + message.caseId, JSON.stringify(message));
    pipeline.exec().then((results) => {
      results?.forEach(([err], i) => {
        if (err) this.log?.warn({ err: err.message, caseId: messages[i].caseId }, 'could not publish case events (live subscribers miss them; the history has them)');
      });
    }, (err: Error) => {
      this.log?.warn({ err: err.message, messages: messages.length }, 'could not publish case events (live subscribers miss them; the history has them)');
    });
  }

  private async dispatch(caseId: string, raw: string): Promise<void> {
    let message: CaseEventsMessage;
    try {
      message = JSON.parse(raw) as CaseEventsMessage;
    } catch {
      return;
    }
    const local = this.channels.get(caseId)?.listeners;
    if (!local?.size || message.caseId !== caseId || !Array.isArray(message.eventIds) || message.eventIds.length === 0) return;
    try {
      // Published after a commit in another process: read a state that includes it.
      this.db.freshReads();
      const events = await this.db.reader.find(CaseEventEntity, { where: { id: In(message.eventIds), caseId }, order: { seq: 'ASC' } });
      for (const listener of [...local]) listener(events, message.access);
    } catch (err) {
      this.log?.error({ err, caseId }, 'could not load published case events');
    }
  }

  /**
   * Adds a listener for one case, subscribing this process to the case's
   * channel if it is the first; resolves once Redis has confirmed the
   * subscription (from then on nothing published is missed), with the
   * function that removes the listener (and unsubscribes after the last).
   */
  private async listen(caseId: string, listener: Listener): Promise<() => void> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new AppError('INTERNAL_SERVER_ERROR', 'Live case events are not available in this process');
    const channel = this.channelPrefix + caseId;
    let entry = this.channels.get(caseId);
    if (!entry) {
      const created: CaseChannel = { listeners: new Set(), ready: subscriber.subscribe(channel).then(() => undefined) };
      created.ready.catch(() => { if (this.channels.get(caseId) === created) this.channels.delete(caseId); });
      this.channels.set(caseId, (entry = created));
    }
    const joined = entry;
    // Added before the confirmation: a message right behind it in the same read is not missed.
    joined.listeners.add(listener);
    let counted = false;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      if (counted) this.acknowledged -= 1;
      joined.listeners.delete(listener);
      if (joined.listeners.size === 0 && this.channels.get(caseId) === joined) {
        this.channels.delete(caseId);
        this.subscriber?.unsubscribe(channel).catch(() => undefined);
      }
    };
    try {
      await joined.ready;
    } catch (error) {
      stop();
      throw new AppError('INTERNAL_SERVER_ERROR', `Could not subscribe to live case events: ${(error as Error).message}`);
    }
    if (!stopped) {
      counted = true;
      this.acknowledged += 1;
    }
    return stop;
  }

  /** How many local subscriptions are open and confirmed by Redis (for tests and metrics). */
  get subscriptionCount(): number {
    return this.acknowledged;
  }

  /** How many cases this process is subscribed to in Redis (for tests and metrics). */
  get channelCount(): number {
    return this.channels.size;
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
    // Listen (and have Redis confirm it) before checking access, so nothing committed in between is missed.
    const stop = await this.listen(caseId, (events, access) => {
      if (!mayStillSee(viewer, access)) return stream.end();
      for (const event of events) {
        if (!stream.push(event)) return;
      }
    });
    stream.onClose(stop);
    try {
      const row = await this.db.reader.findOne(CaseEntity, { where: { id: caseId } });
      if (!row || !canSeeCase(viewer, row)) throw notFound('Case', caseId);
    } catch (error) {
      stop();
      throw error;
    }
    return stream;
  }
}

/** The case policy's answer for the case as it was when the events committed. */
function mayStillSee(viewer: Viewer, access: CaseEventsMessage['access']): boolean {
  const parties: CaseParties = {
    complainantId: access.complainantId, respondentFirmId: access.respondentFirmId, mediatorId: access.mediatorId,
    noticeSentAt: access.noticeSent ? new Date(0) : null,
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
