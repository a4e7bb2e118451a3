import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import proxyaddr from 'proxy-addr';
import { parseDuration } from '../domain/time/windows';
import { DeadlineKind } from '../domain/enums';
import { QueueName } from '../domain/queues';

/** A duration variable: ISO 8601 (P7D, PT2S), kept in milliseconds. */
const duration = (fallback: string) =>
  z.string().default(fallback).transform((value, ctx) => {
    try {
      return parseDuration(value).ms;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 duration such as P7D or PT2S, got "${value}" (${(error as Error).message})` });
      return z.NEVER;
    }
  });

const boolean = (fallback: boolean) =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional().transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'expected a TCP port number' }).int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('file:./data/chotei.sqlite').refine(
    (v) => v.startsWith('file:') || v.startsWith('postgres://') || v.startsWith('postgresql://'),
    'expected "file:<path>" for SQLite or "postgres://user@host:port/db" for PostgreSQL',
  ),
  REDIS_URL: z.string().optional().refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'expected redis://host:port or rediss://…'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, "_", "." or "-" (no ":")').default('chotei'),
  ROLE: z.enum(['all', 'api', 'worker'], { message: 'expected one of all, api, worker' }).default('all'),
  JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  JWT_TTL: duration('P1D'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  WORKER_QUEUES: z.string().optional().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const names = [...new Set(value.split(',').map((n) => n.trim()).filter(Boolean))];
    const valid = Object.values(QueueName) as string[];
    const unknown = names.filter((n) => !valid.includes(n));
    if (names.length === 0 || unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown queue name${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `"${n}"`).join(', ') || '(none given)'}: expected one or more of ${valid.join(', ')} separated by commas (got "${value}")` });
      return z.NEVER;
    }
    return names;
  }),
  QUERY_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  QUERY_MAX_COST: z.coerce.number().int().min(10).default(20000),
  QUERY_MAX_BYTES: z.coerce.number().int().min(1024).default(128 * 1024),
  QUERY_MAX_TOKENS: z.coerce.number().int().min(100).default(1000),
  QUERY_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  QUERY_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  QUERY_TIMEOUT: duration('PT10S'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  CORS_ORIGINS: z.string().optional().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      if (origin !== '*' && !isOrigin(origin)) ctx.addIssue({ code: 'custom', message: `expected "*" or origins such as https://app.example.jp separated by commas, got "${origin}"` });
    }
    return origins.includes('*') ? '*' as const : origins;
  }),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
  TRUST_PROXY: z.string().default('false').transform((value, ctx) => {
    const parsed = trustProxy(value);
    if (parsed === undefined) ctx.addIssue({ code: 'custom', message: `expected false, true, a hop count or proxy addresses/subnets separated by commas (e.g. loopback,10.0.0.0/8), got "${value}"` });
    return parsed ?? false;
  }),
  JWT_MAX_AGE: duration('P30D'),
  LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: z.coerce.number().int().min(1).default(10),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(50),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  LOGIN_BLOCK: duration('PT15M'),
  LOGIN_BLOCK_MAX: duration('P1D'),
  PASSWORD_RESET_TTL: duration('PT30M'),
  EMAIL_VERIFICATION_TTL: duration('P7D'),
  EMAIL_VERIFICATION_REQUIRED: boolean(true),
  WS_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(20),
  WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).default(100),
  GRAPHQL_JIT: boolean(true),
  BLIND_BID_TOLERANCE: z.coerce.number().min(0).max(1).default(0.1),
  SWEEP_INTERVAL: duration('PT30S'),
  JOB_LOCK_DURATION: duration('PT30S'),
  JOB_RETRY_BASE: duration('PT0.5S'),
  RECONCILE_GRACE: duration('PT20S'),
  RECONCILE_BACKOFF: duration('PT1M'),
  RECONCILE_MAX_REPAIRS: z.coerce.number({ message: 'expected a whole number of repairs' }).int('expected a whole number of repairs').min(1, 'expected at least 1 repair').max(100, 'expected at most 100 repairs').default(5),
  ALLOW_PRIVATE_WEBHOOKS: boolean(false),
  WEBHOOK_RETRY_BASE: duration('PT30S'),
  WINDOW_ACKNOWLEDGE: duration('P7D'),
  WINDOW_RESPOND: duration('P20D'),
  WINDOW_RESPOND_EXTENSION: duration('P14D'),
  WINDOW_NEGOTIATION: duration('P14D'),
  WINDOW_MEDIATOR_ASSIGNMENT: duration('P5D'),
  WINDOW_MEDIATION: duration('P60D'),
  WINDOW_MEDIATION_EXTENSION: duration('P30D'),
  WINDOW_RECOMMENDATION: duration('P14D'),
  WINDOW_REMEDY: duration('P30D'),
  WINDOW_VERIFICATION: duration('P7D'),
  SMTP_URL: z.string().optional().refine((v) => v === undefined || /^smtps?:\/\/[^\s]+$/.test(v), 'expected smtp://user:pass@host:port or smtps://…'),
  /** Default: the mail folder of DATA_DIR (./data/mail). */
  MAIL_DIR: z.string().optional(),
  MAIL_FROM: z.string().max(320).default('Chōtei <no-reply@chotei.localhost>')
    .refine((v) => /^[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(v), 'expected an address, e.g. no-reply@chotei.example or "Chōtei <no-reply@chotei.example>"'),
  SHUTDOWN_TIMEOUT: duration('PT30S'),
  IDEMPOTENCY_TTL: duration('P1D'),
  STORAGE_MIN_FREE_MB: z.coerce.number({ message: 'expected a number of megabytes, e.g. 64 (0 turns the check off)' }).min(0, 'expected 0 or more megabytes').default(64),
  PUBLIC_URL: z.string().optional().refine((v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v), 'expected an http(s) URL without query, e.g. https://chotei.example'),
  /** Default: the files folder of DATA_DIR (./data/files). */
  FILE_STORE_DIR: z.string().optional(),
  FILE_MAX_BYTES: z.coerce.number({ message: 'expected a number of bytes, e.g. 20971520' }).int('expected a whole number of bytes').min(1, 'expected at least 1 byte').default(20 * 1024 * 1024),
  METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters (a random token Prometheus sends as Authorization: Bearer <token>)').regex(/^\S+$/, 'expected no spaces').optional(),
  METRICS_PORT: z.coerce.number({ message: 'expected a TCP port number' }).int().min(0).max(65535).optional(),
  /** OpenTelemetry's own variable: tracing is on when it is set (src/infra/tracing). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional().refine((v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v), 'expected the http(s) base URL of an OTLP/HTTP receiver, e.g. http://127.0.0.1:4318 (spans go to <url>/v1/traces)'),
});

export type RawEnv = z.input<typeof schema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  /** Undefined when REDIS_URL was not set: start-up then looks for (or starts) a local Redis. */
  redisUrl: string | undefined;
  redisPrefix: string;
  role: 'all' | 'api' | 'worker';
  jwtSecret: string;
  jwtTtlMs: number;
  logLevel: string;
  dataDir: string;
  workerConcurrency: number;
  /** Queues this process works (all when unset): lets an operator give a queue its own worker pool. */
  workerQueues: string[] | null;
  queryMaxDepth: number;
  queryMaxCost: number;
  /** Query limits beyond depth and cost: see src/graphql/limits.ts. */
  queryMaxBytes: number;
  queryMaxTokens: number;
  queryMaxAliases: number;
  queryMaxDirectives: number;
  /** Execution time budget of one query operation (0: none). */
  queryTimeoutMs: number;
  /** Largest HTTP request body accepted (JSON). */
  maxBodyBytes: number;
  /** Origins allowed by CORS on /graphql: '*' (any; refused in production) or a list (empty: no cross-origin access). */
  corsOrigins: '*' | string[];
  rateLimitPerMinute: number;
  /**
   * Express `trust proxy`: which hops in X-Forwarded-For to believe when finding the client address. Off by default:
   * req.ip is then the socket's peer and X-Forwarded-For is ignored (it cannot be used to choose an address).
   */
  trustProxy: boolean | number | string;
  /** Oldest a JWT may be (from its `iat`), whatever its `exp` says. */
  jwtMaxAgeMs: number;
  /** Log-in (and sign-up) throttling: see src/services/login-throttle.ts. */
  login: {
    failuresPerAccountAndAddress: number; failuresPerAccount: number; failuresPerAddress: number;
    /** First block; each later block of the same key doubles, up to blockMaxMs. */
    blockMs: number; blockMaxMs: number;
  };
  /** How long the link of a password-reset mail works (PASSWORD_RESET_TTL). */
  passwordResetTtlMs: number;
  /** How long the link of an email-verification mail works (EMAIL_VERIFICATION_TTL). */
  emailVerificationTtlMs: number;
  /**
   * Whether a creator must confirm its address before filing and a party before acting on a case
   * (EMAIL_VERIFICATION_REQUIRED, default true; false suits a deployment whose accounts are vetted otherwise).
   */
  emailVerificationRequired: boolean;
  /** WebSocket: open connections per principal (account, else address) and active subscriptions per principal. */
  wsMaxConnections: number;
  wsMaxSubscriptions: number;
  /** Execute queries compiled by graphql-jit (default) or with graphql-js's interpreter. */
  graphqlJit: boolean;
  blindBidTolerance: number;
  sweepIntervalMs: number;
  /** How long a worker holds a job before another may take it over (stalled-job recovery). */
  jobLockMs: number;
  /** First retry delay of a job (JOB_RETRY_BASE); later ones double, for the queue's number of tries (src/jobs/queue-registry.ts). */
  jobRetryBaseMs: number;
  /**
   * The reconciler (src/services/reconciler.service.ts): how long a case or notice must sit unchanged before a job
   * missing from BullMQ counts as lost (RECONCILE_GRACE); the wait before re-creating a failed job, doubling with each
   * repair of the same job (RECONCILE_BACKOFF); repairs of one job before it is left for an admin (RECONCILE_MAX_REPAIRS).
   */
  reconcile: { graceMs: number; backoffMs: number; maxRepairs: number };
  allowPrivateWebhooks: boolean;
  /** First webhook retry delay; later ones double (capped), for 24 hours in all. */
  webhookRetryBaseMs: number;
  windows: Record<DeadlineKind | 'RESPOND_EXTENSION' | 'MEDIATION_EXTENSION', number>;
  /** Mail (src/infra/mail): SMTP when smtpUrl is set, else .eml files under mailDir. */
  mail: { smtpUrl: string | null; dir: string; from: string };
  /** Where links in mail point: PUBLIC_URL, default http://localhost:$PORT (no trailing slash). */
  publicUrl: string;
  /** /readyz answers 503 when the SQLite database's disk has less free space than this (STORAGE_MIN_FREE_MB; 0: no check). */
  storageMinFreeBytes: number;
  /** SIGTERM/SIGINT: how long the process may take to finish what it accepted before it exits non-zero anyway (SHUTDOWN_TIMEOUT). */
  shutdownTimeoutMs: number;
  /** How long an Idempotency-Key is kept: a retry within it gets the first answer (IDEMPOTENCY_TTL). */
  idempotencyTtlMs: number;
  /** Evidence files (POST /files): stored by SHA-256 under `dir` (FILE_STORE_DIR), at most `maxBytes` each (FILE_MAX_BYTES). */
  files: { dir: string; maxBytes: number };
  /** GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` when set; open when null (README "Operating"). */
  metricsToken: string | null;
  /** ROLE=worker: the port of the worker's own /metrics listener (METRICS_PORT; null: none). */
  metricsPort: number | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: where spans go (OTLP/HTTP); null: tracing off (src/infra/tracing). */
  tracingEndpoint: string | null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates the environment; throws ConfigError naming every bad variable and what it expects. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}${
      cleaned[String(i.path[0])] !== undefined && !i.message.includes('got') ? ` (got "${cleaned[String(i.path[0])]}")` : ''}`));
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required in production (at least 32 random characters)']);
  }
  if (e.JWT_TTL > e.JWT_MAX_AGE) {
    throw new ConfigError([`JWT_TTL: must not be longer than JWT_MAX_AGE (${cleaned.JWT_MAX_AGE ?? 'P30D'}): tokens would be refused before they expire`]);
  }
  if (e.NODE_ENV === 'production' && e.CORS_ORIGINS === '*') {
    throw new ConfigError(['CORS_ORIGINS: "*" is refused in production: list the origins of your web clients, e.g. https://app.example.jp,https://admin.example.jp']);
  }
  const database = e.DATABASE_URL.startsWith('file:')
    ? { kind: 'sqlite' as const, path: resolve(e.DATABASE_URL.slice('file:'.length)) }
    : { kind: 'postgres' as const, url: e.DATABASE_URL };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    role: e.ROLE,
    jwtSecret: e.JWT_SECRET ?? devJwtSecret(e.DATA_DIR),
    jwtTtlMs: e.JWT_TTL,
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.DATA_DIR),
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerQueues: e.WORKER_QUEUES ?? null,
    queryMaxDepth: e.QUERY_MAX_DEPTH,
    queryMaxCost: e.QUERY_MAX_COST,
    queryMaxBytes: e.QUERY_MAX_BYTES,
    queryMaxTokens: e.QUERY_MAX_TOKENS,
    queryMaxAliases: e.QUERY_MAX_ALIASES,
    queryMaxDirectives: e.QUERY_MAX_DIRECTIVES,
    queryTimeoutMs: e.QUERY_TIMEOUT,
    maxBodyBytes: e.MAX_BODY_BYTES,
    corsOrigins: e.CORS_ORIGINS ?? (e.NODE_ENV === 'production' ? [] : '*'),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    jwtMaxAgeMs: e.JWT_MAX_AGE,
    login: {
      failuresPerAccountAndAddress: e.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, failuresPerAccount: e.LOGIN_FAILURES_PER_ACCOUNT,
      failuresPerAddress: e.LOGIN_FAILURES_PER_ADDRESS, blockMs: e.LOGIN_BLOCK, blockMaxMs: Math.max(e.LOGIN_BLOCK, e.LOGIN_BLOCK_MAX),
    },
    passwordResetTtlMs: e.PASSWORD_RESET_TTL,
    emailVerificationTtlMs: e.EMAIL_VERIFICATION_TTL,
    emailVerificationRequired: e.EMAIL_VERIFICATION_REQUIRED,
    wsMaxConnections: e.WS_MAX_CONNECTIONS,
    wsMaxSubscriptions: e.WS_MAX_SUBSCRIPTIONS,
    graphqlJit: e.GRAPHQL_JIT,
    blindBidTolerance: e.BLIND_BID_TOLERANCE,
    sweepIntervalMs: e.SWEEP_INTERVAL,
    jobLockMs: e.JOB_LOCK_DURATION,
    jobRetryBaseMs: e.JOB_RETRY_BASE,
    reconcile: { graceMs: e.RECONCILE_GRACE, backoffMs: e.RECONCILE_BACKOFF, maxRepairs: e.RECONCILE_MAX_REPAIRS },
    allowPrivateWebhooks: e.ALLOW_PRIVATE_WEBHOOKS || e.NODE_ENV !== 'production',
    webhookRetryBaseMs: e.WEBHOOK_RETRY_BASE,
    windows: {
      ACKNOWLEDGE: e.WINDOW_ACKNOWLEDGE,
      RESPOND: e.WINDOW_RESPOND,
      RESPOND_EXTENSION: e.WINDOW_RESPOND_EXTENSION,
      NEGOTIATION: e.WINDOW_NEGOTIATION,
      MEDIATOR_ASSIGNMENT: e.WINDOW_MEDIATOR_ASSIGNMENT,
      MEDIATION: e.WINDOW_MEDIATION,
      MEDIATION_EXTENSION: e.WINDOW_MEDIATION_EXTENSION,
      RECOMMENDATION: e.WINDOW_RECOMMENDATION,
      REMEDY: e.WINDOW_REMEDY,
      VERIFICATION: e.WINDOW_VERIFICATION,
    },
    mail: { smtpUrl: e.SMTP_URL ?? null, dir: resolve(e.MAIL_DIR ?? join(e.DATA_DIR, 'mail')), from: e.MAIL_FROM },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    storageMinFreeBytes: Math.round(e.STORAGE_MIN_FREE_MB * 1024 * 1024),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT,
    idempotencyTtlMs: e.IDEMPOTENCY_TTL,
    files: { dir: resolve(e.FILE_STORE_DIR ?? join(e.DATA_DIR, 'files')), maxBytes: e.FILE_MAX_BYTES },
    metricsToken: e.METRICS_TOKEN ?? null,
    metricsPort: e.METRICS_PORT ?? null,
    tracingEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
  };
}

/**
 * TRUST_PROXY as express's `trust proxy` takes it: false/true, a number of hops, or addresses/subnets
 * (and the names loopback, linklocal, uniquelocal) separated by commas. Undefined when unreadable.
 * `true` believes every X-Forwarded-For entry, so a client can choose its own address: prefer a hop count or the proxy's address.
 */
function trustProxy(value: string): boolean | number | string | undefined {
  const v = value.trim().toLowerCase();
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  if (['true', 'yes', 'on'].includes(v)) return true;
  if (/^[1-9]\d{0,1}$/.test(v)) return Number(v);
  const parts = v.split(',').map((p) => p.trim());
  try {
    proxyaddr.compile(parts); // the same parser express uses: throws on anything that is not an address, subnet or name
    return parts.join(',');
  } catch {
    return undefined;
  }
}

/** A web origin as browsers send it: scheme, host and optional port, nothing else. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Outside production the signing secret is generated once and kept in the data directory. */
function devJwtSecret(dataDir: string): string {
  const file = resolve(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
