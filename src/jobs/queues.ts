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

/** Job ids are deterministic and contain no ':' (BullMQ uses it as a separator). */
export const jobId = (...parts: Array<string | number>) => parts.join('-').replace(/:/g, '_');
