import type { Logger } from 'pino';
import type { Services } from '../services';

/**
 * What a job processor may use: the services (a job is its data type and one
 * service call), a log and the clock. No database, no workflow: those are
 * the services' to use.
 */
export interface JobContext {
  services: Services;
  log: Logger;
  now(): Date;
}

/** A processor: the job's data (ids only) and the context. */
export type Processor<T> = (ctx: JobContext, data: T, job: { id?: string; name: string; attemptsMade: number }) => Promise<unknown>;
