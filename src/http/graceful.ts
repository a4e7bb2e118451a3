import type http from 'node:http';
import net, { type Socket } from 'node:net';

/**
 * Graceful stop of the HTTP server: every request already received is answered, keep-alive connections
 * included, and nothing new is accepted.
 *
 * `drain()`:
 *  1. From now on every response says `Connection: close` (those being prepared too): a client does not
 *     send another request on a connection that is going away, and Node closes it after the answer.
 *  2. Two turns of the event loop pass before the listener closes, and two more before idle connections are
 *     closed: a request a client sent just before the signal may still be unread in its socket's buffer, or
 *     its connection still in the listen backlog, and a connection closed with unread data (or a backlog
 *     dropped) is reset — the client sees ECONNRESET for a request it did send. After those turns the
 *     connection has been accepted and its bytes read: it is busy, so it is answered.
 *  3. The listener closes (net.Server's close: http.Server's own would close idle connections at once, in the
 *     same turn); then idle connections are closed, and busy ones once their last answer has gone out.
 *  4. Handlers wrapped with `tracked()` (POST /graphql) are awaited too: a request whose client went away
 *     still runs to its end (its answer kept for an Idempotency-Key retry) before the database is closed.
 * It resolves when every connection has closed and every tracked handler has returned. WebSocket connections are closed by their own server
 * (graphql-ws, before this); `forceClose()` ends whatever is left when the shutdown deadline has passed.
 */
export class HttpDrain {
  private draining = false;
  /** Set once the listener is closed: from then on a connection that goes idle is closed. */
  private closingIdle = false;
  private readonly inFlight = new Map<http.ServerResponse, string>();
  private readonly sockets = new Set<Socket>();
  private handlers = 0;
  private handlersDone: (() => void) | null = null;

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // First of the 'request' listeners, so the header is set before express answers (some routes answer synchronously).
    server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.inFlight.set(res, `${req.method} ${req.url}`);
      if (this.draining) res.setHeader('Connection', 'close');
      const done = () => {
        if (!this.inFlight.delete(res)) return;
        // A connection whose answer went out without "Connection: close" (headers sent before the drain) is idle now: close it.
        if (this.closingIdle) setImmediate(() => this.server.closeIdleConnections());
      };
      res.once('finish', done);
      res.once('close', done);
    });
  }

  /** Wraps an async request handler so that drain() waits for it to return, whether or not its client is still there. */
  tracked<A extends unknown[]>(handler: (...args: A) => unknown): (...args: A) => Promise<void> {
    return async (...args: A) => {
      this.handlers += 1;
      try {
        await handler(...args);
      } finally {
        this.handlers -= 1;
        if (this.handlers === 0) this.handlersDone?.();
      }
    };
  }

  /** Whether drain() has been called. */
  get stopping(): boolean {
    return this.draining;
  }

  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    for (const res of this.inFlight.keys()) if (!res.headersSent) res.setHeader('Connection', 'close');
    await turn();
    await turn();
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) { resolve(); return; }
      netClose.call(this.server, () => resolve());
    });
    await turn();
    await turn();
    this.closingIdle = true;
    this.server.closeIdleConnections();
    await closed;
    if (this.handlers > 0) await new Promise<void>((resolve) => { this.handlersDone = resolve; });
  }

  /** What is still open, for the shutdown's log line. */
  pending(): { requests: string[]; connections: number; handlers: number } {
    return { requests: [...this.inFlight.values()], connections: this.sockets.size, handlers: this.handlers };
  }

  /** Ends every connection at once (the shutdown deadline has passed). */
  forceClose(): void {
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
  }
}

/** Stops listening only: http.Server.close would also close idle connections at once. */
const netClose = net.Server.prototype.close as (this: net.Server, callback?: (error?: Error) => void) => net.Server;

/** One full turn of the event loop (its poll phase included: sockets with data are read). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
