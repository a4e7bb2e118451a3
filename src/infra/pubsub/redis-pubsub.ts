import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { whenReady } from '../redis';

/** One key's channel in this process: its local listeners, and Redis's confirmation of the SUBSCRIBE. */
interface Channel<L> { listeners: Set<L>; ready: Promise<void> }

/**
 * Redis pub/sub for JSON messages on channels `<channelPrefix><key>`. Messages
 * published in one turn of the event loop go out in one pipeline. A process
 * subscribes to a key's channel while it has a local listener for that key
 * (the first listener subscribes, the last one leaving unsubscribes), so no
 * process receives the messages of keys nobody there is listening to.
 *
 * Delivery is best-effort: a message published while a process is
 * disconnected is not replayed. What a message means, and who may receive
 * it, is the caller's (`dispatch` is handed each decoded message with the
 * key's listeners at that moment).
 */
export class RedisPubSub<M, L> {
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private readonly channels = new Map<string, Channel<L>>();
  private acknowledged = 0;
  private outgoing: Array<{ key: string; message: M }> = [];

  /**
   * `label` names the messages in log lines; `dispatch` receives every decoded
   * message of a key that has local listeners (never for one without).
   */
  constructor(
    readonly channelPrefix: string,
    private readonly dispatch: (key: string, message: M, listeners: readonly L[]) => void,
    private readonly label: string,
    private readonly log?: Logger,
  ) {}

  /**
   * Connects: `publisher` is any Redis connection of the process; with
   * `listen` a dedicated subscriber connection is opened (ioredis subscribes
   * it again to its channels after a reconnect), as a copy of `subscribeVia`
   * when given (the request path's fail-fast connection: a subscription asked
   * for while Redis is away is refused at once instead of waiting), else of `publisher`.
   */
  async start(publisher: Redis, options: { listen: boolean; subscribeVia?: Redis }): Promise<void> {
    this.publisher = publisher;
    if (!options.listen || this.subscriber) return;
    const subscriber = (options.subscribeVia ?? publisher).duplicate();
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel.startsWith(this.channelPrefix)) this.receive(channel.slice(this.channelPrefix.length), raw);
    });
    subscriber.on('error', (err) => this.log?.warn({ err: err.message }, `${this.label} subscriber connection error; ioredis reconnects`));
    this.subscriber = subscriber;
    // A fail-fast copy refuses subscriptions until it is connected: give it a moment to be, when Redis is there.
    if (options.subscribeVia?.status === 'ready') await whenReady(subscriber, 2_000);
  }

  /** Sends what is waiting, drops every local subscription and closes the subscriber connection. */
  async stop(): Promise<void> {
    this.flush();
    const subscriber = this.subscriber;
    this.subscriber = null;
    this.publisher = null;
    this.channels.clear();
    if (subscriber) subscriber.disconnect();
  }

  /** Whether this process can listen (it was started with `listen`). */
  get listening(): boolean {
    return this.subscriber !== null;
  }

  /** Queues a message on the key's channel; everything queued in this turn of the event loop goes in one write. No-op before start. */
  publish(key: string, message: M): void {
    if (!this.publisher) return;
    if (this.outgoing.push({ key, message }) === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const messages = this.outgoing;
    this.outgoing = [];
    if (!this.publisher || messages.length === 0) return;
    const pipeline = this.publisher.pipeline();
    for (const { key, message } of messages) pipeline.publish(this.channelPrefix + key, JSON.stringify(message));
    pipeline.exec().then((results) => {
      results?.forEach(([err], i) => {
        if (err) this.log?.warn({ err: err.message, key: messages[i].key }, `could not publish ${this.label} (live subscribers miss them)`);
      });
    }, (err: Error) => {
      this.log?.warn({ err: err.message, messages: messages.length }, `could not publish ${this.label} (live subscribers miss them)`);
    });
  }

  private receive(key: string, raw: string): void {
    let message: M;
    try {
      message = JSON.parse(raw) as M;
    } catch {
      return;
    }
    const local = this.channels.get(key)?.listeners;
    if (!local?.size) return;
    this.dispatch(key, message, [...local]);
  }

  /**
   * Adds a listener for one key, subscribing this process to the key's
   * channel if it is the first; resolves once Redis has confirmed the
   * subscription (from then on nothing published is missed), with the
   * function that removes the listener (and unsubscribes after the last).
   * Rejects when the process does not listen, or with Redis's error.
   */
  async listen(key: string, listener: L): Promise<() => void> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new Error(`this process does not listen for ${this.label}`);
    const channel = this.channelPrefix + key;
    let entry = this.channels.get(key);
    if (!entry) {
      const created: Channel<L> = { listeners: new Set(), ready: subscriber.subscribe(channel).then(() => undefined) };
      created.ready.catch(() => { if (this.channels.get(key) === created) this.channels.delete(key); });
      this.channels.set(key, (entry = created));
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
      if (joined.listeners.size === 0 && this.channels.get(key) === joined) {
        this.channels.delete(key);
        this.subscriber?.unsubscribe(channel).catch(() => undefined);
      }
    };
    try {
      await joined.ready;
    } catch (error) {
      stop();
      throw error;
    }
    if (!stopped) {
      counted = true;
      this.acknowledged += 1;
    }
    return stop;
  }

  /** How many local listeners are open and confirmed by Redis (for tests and metrics). */
  get subscriptionCount(): number {
    return this.acknowledged;
  }

  /** How many keys this process is subscribed to in Redis (for tests and metrics). */
  get channelCount(): number {
    return this.channels.size;
  }
}
