/** Every BullMQ queue of Chōtei. Job payloads carry ids only (BullMQ stores job data in clear text). */
export enum QueueName {
  INTAKE = 'intake',
  SCREEN = 'screen',
  DEADLINE = 'deadline',
  NOTIFY = 'notify',
  WEBHOOK = 'webhook',
  MAINTENANCE = 'maintenance',
  MEDIATION = 'mediation',
  /** Mail (src/infra/mail): one job per message, idempotent on its notice/notification id. */
  MAIL = 'mail',
}

/** Tries of a mail job (exponential backoff from 0.5 s: about a minute) before the failure is final (src/jobs/queue-registry.ts). */
export const MAIL_JOB_ATTEMPTS = 8;

/** Job ids are deterministic and contain no ':' (BullMQ uses it as a separator). */
export const jobId = (...parts: Array<string | number>) => parts.join('-').replace(/:/g, '_');
