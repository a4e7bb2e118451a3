import type http from 'node:http';
import net, { type Socket } from 'node:net';

/**
 * Graceful stop of the HTTP server: every request already received is answered, keep-alive connections
 * included, and nothing new is accepted.
 *
 * `drain()`:
 *  1. From now on every response says `Connection: close` (those being prepared too): a client does not
 *     send another request on a connection that is going away, and Node closes it after the answer.
 *  2. The listener stays open until no new connection has come for LINGER_QUIET_MS (at most LINGER_MAX_MS):
 *     connections a client opened just before the signal may still be in the listen backlog, and closing the
 *     listener resets them — the client sees ECONNRESET for a request it did send. A loaded server can be
 *     a hundred milliseconds behind its backlog (measured: tests/reliability/shutdown.reliability.test.ts, new
 *     connections at the signal). Connections accepted meanwhile are answered with `Connection: close`.
 *  3. The listener closes (net.Server's close: http.Server's own would close idle connections at once, in the
 *     same turn); two turns later idle connections are closed, and busy ones once their last answer has gone
 *     out. A connection that has not yet carried a request is left FRESH_GRACE_MS from its accept before it
 *     counts as idle: its request may still be unread in its socket's buffer, and closing a socket with unread
 *     data resets it.
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
  /** When each connection was accepted, until it carries its first request. */
  private readonly fresh = new Map<Socket, number>();
  private lastConnectionAt = 0;
  private accepted = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private handlers = 0;
  private handlersDone: (() => void) | null = null;

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      this.lastConnectionAt = Date.now();
      this.accepted += 1;
      this.fresh.set(socket, this.lastConnectionAt);
      socket.once('close', () => { this.sockets.delete(socket); this.fresh.delete(socket); });
    });
    // A WebSocket upgrade is a request too (graphql-ws closes those connections itself). Alone (the WebSocket
    // server gone), this listener does what Node does for an upgrade nobody handles: it ends the connection.
    server.prependListener('upgrade', (req: http.IncomingMessage, socket: Socket) => {
      this.fresh.delete(req.socket);
      if (server.listenerCount('upgrade') === 1) socket.destroy();
    });
    // First of the 'request' listeners, so the header is set before express answers (some routes answer synchronously).
    server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.inFlight.set(res, `${req.method} ${req.url}`);
      this.fresh.delete(req.socket);
      if (this.draining) res.setHeader('Connection', 'close');
      const done = () => {
        if (!this.inFlight.delete(res)) return;
        // A connection whose answer went out without "Connection: close" (headers sent before the drain) is idle now: close it.
        if (this.closingIdle) setImmediate(() => this.closeIdle());
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
    const started = Date.now();
    this.lastConnectionAt = Math.max(this.lastConnectionAt, started);
    // Quiet is judged after a poll phase: a timer can fire after a long callback before the connections that
    // queued meanwhile are accepted, so each check lets two turns pass and counts what they accepted.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, LINGER_QUIET_MS / 2));
      const before = this.accepted;
      await turn();
      await turn();
      if (Date.now() - started >= LINGER_MAX_MS) break;
      if (this.accepted === before && Date.now() - this.lastConnectionAt >= LINGER_QUIET_MS) break;
    }
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) { resolve(); return; }
      netClose.call(this.server, () => resolve());
    });
    await turn();
    await turn();
    this.closingIdle = true;
    this.closeIdle();
    await closed;
    if (this.handlers > 0) await new Promise<void>((resolve) => { this.handlersDone = resolve; });
  }

  /**
   * Closes idle connections (http.Server.closeIdleConnections) once no connection accepted less than
   * FRESH_GRACE_MS ago is still waiting for its first request (Node counts those as idle); until then it
   * looks again when the youngest is due.
   */
  private closeIdle(): void {
    const now = Date.now();
    let due = 0;
    for (const at of this.fresh.values()) due = Math.max(due, at + FRESH_GRACE_MS);
    if (due > now) {
      if (!this.idleTimer) this.idleTimer = setTimeout(() => { this.idleTimer = null; this.closeIdle(); }, due - now);
      return;
    }
    this.server.closeIdleConnections();
  }

  /** What is still open, for the shutdown's log line. */
  pending(): { requests: string[]; connections: number; handlers: number } {
    return { requests: [...this.inFlight.values()], connections: this.sockets.size, handlers: this.handlers };
  }

  /** Ends every connection at once (the shutdown deadline has passed). */
  forceClose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
  }
}

/** How long the listener stays open without a new connection before it closes, and at most, once the drain began. */
const LINGER_QUIET_MS = 100;
const LINGER_MAX_MS = 5_000;
/** How long a connection that has not carried a request yet is left before it counts as idle. */
const FRESH_GRACE_MS = 5_000;

/** Stops listening only: http.Server.close would also close idle connections at once. */
const netClose = net.Server.prototype.close as (this: net.Server, callback?: (error?: Error) => void) => net.Server;

/** One full turn of the event loop (its poll phase included: sockets with data are read). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
