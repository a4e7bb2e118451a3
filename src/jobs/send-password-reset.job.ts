import type { Processor } from './job-context';

export interface SendPasswordResetJobData { resetId: string }

/** Mails a password-reset link (AccountService.mailPasswordReset): 'sent', 'refused' or 'skipped'; a failure worth another try throws. */
export const processSendPasswordReset: Processor<SendPasswordResetJobData> = (ctx, { resetId }, job) =>
  ctx.services.accounts.mailPasswordReset(resetId, job.attemptsMade + 1, ctx.log);
