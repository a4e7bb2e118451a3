import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../domain/time/windows';
import { DeadlineKind } from '../domain/enums';

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
  WORKER_QUEUES: z.string().regex(/^[a-z-]+(,[a-z-]+)*$/, 'expected queue names separated by commas, e.g. intake,screen').optional(),
  QUERY_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  QUERY_MAX_COST: z.coerce.number().int().min(10).default(20000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
  GRAPHQL_JIT: boolean(true),
  BLIND_BID_TOLERANCE: z.coerce.number().min(0).max(1).default(0.1),
  SWEEP_INTERVAL: duration('PT30S'),
  JOB_LOCK_DURATION: duration('PT30S'),
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
  rateLimitPerMinute: number;
  /** Execute queries compiled by graphql-jit (default) or with graphql-js's interpreter. */
  graphqlJit: boolean;
  blindBidTolerance: number;
  sweepIntervalMs: number;
  /** How long a worker holds a job before another may take it over (stalled-job recovery). */
  jobLockMs: number;
  allowPrivateWebhooks: boolean;
  /** First webhook retry delay; later ones double (capped), for 24 hours in all. */
  webhookRetryBaseMs: number;
  windows: Record<DeadlineKind | 'RESPOND_EXTENSION' | 'MEDIATION_EXTENSION', number>;
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
    workerQueues: e.WORKER_QUEUES ? e.WORKER_QUEUES.split(',') : null,
    queryMaxDepth: e.QUERY_MAX_DEPTH,
    queryMaxCost: e.QUERY_MAX_COST,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    graphqlJit: e.GRAPHQL_JIT,
    blindBidTolerance: e.BLIND_BID_TOLERANCE,
    sweepIntervalMs: e.SWEEP_INTERVAL,
    jobLockMs: e.JOB_LOCK_DURATION,
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
  };
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
