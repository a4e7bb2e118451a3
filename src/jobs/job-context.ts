import type { Logger } from 'pino';
import type { Config } from '../config/env';
import type { Database } from '../persistence/database';
import type { CaseWorkflow } from '../services/case-workflow';
import type { Services } from '../services';

/** What a job processor may use. */
export interface JobContext {
  config: Config;
  db: Database;
  workflow: CaseWorkflow;
  services: Services;
  log: Logger;
  now(): Date;
}

/** A processor: the job's data (ids only) and the context. */
export type Processor<T> = (ctx: JobContext, data: T, job: { id?: string; name: string; attemptsMade: number }) => Promise<unknown>;
