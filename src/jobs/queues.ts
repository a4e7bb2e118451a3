/** Every BullMQ queue of Chōtei. Job payloads carry ids only (BullMQ stores job data in clear text). */
export enum QueueName {
  INTAKE = 'intake',
  SCREEN = 'screen',
  DEADLINE = 'deadline',
  NOTIFY = 'notify',
  WEBHOOK = 'webhook',
  MAINTENANCE = 'maintenance',
  MEDIATION = 'mediation',
}

/** Job ids are deterministic and contain no ':' (BullMQ uses it as a separator). */
export const jobId = (...parts: Array<string | number>) => parts.join('-').replace(/:/g, '_');
