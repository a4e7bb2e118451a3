import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Watch<T = any> {
  /** Data of every Next message, in order. */
  events: T[];
  /** Errors of an Error message (or of a Next carrying errors). */
  errors: Array<{ message: string; extensions?: Record<string, any> }>;
  done: boolean;
  stop(): void;
}

/** A graphql-ws client as API users have one: the `ws` package, the token in connectionParams (or, with `header`, on the upgrade request). */
export function wsClient(httpUrl: string, token?: string | null, options: { header?: boolean } = {}): Client {
  const url = httpUrl.replace(/^http/, 'ws');
  const auth = token ? `Bearer ${token}` : undefined;
  class AuthWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, options.header && auth ? { headers: { authorization: auth } } : {});
    }
  }
  return createClient({
    url, webSocketImpl: options.header ? AuthWebSocket : WebSocket, retryAttempts: 0, lazy: true,
    connectionParams: !options.header && auth ? { authorization: auth } : {},
  });
}

/** Subscribes and collects what arrives. */
export function watch<T = any>(client: Client, query: string, variables: Record<string, unknown>): Watch<T> {
  const w: Watch<T> = { events: [], errors: [], done: false, stop: () => undefined };
  w.stop = client.subscribe<T>({ query, variables }, {
    next: (result) => {
      if (result.errors?.length) w.errors.push(...(result.errors as any));
      if (result.data) w.events.push(result.data as T);
    },
    error: (error) => {
      w.errors.push(...(Array.isArray(error) ? error : [{ message: String((error as Error)?.message ?? error) }]));
      w.done = true;
    },
    complete: () => { w.done = true; },
  });
  return w;
}
