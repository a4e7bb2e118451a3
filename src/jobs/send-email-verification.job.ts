import type { Processor } from './job-context';

export interface SendEmailVerificationJobData { verificationId: string }

/** Mails an email-verification link (AccountService.mailEmailVerification): 'sent', 'refused' or 'skipped'; a failure worth another try throws. */
export const processSendEmailVerification: Processor<SendEmailVerificationJobData> = (ctx, { verificationId }, job) =>
  ctx.services.accounts.mailEmailVerification(verificationId, job.attemptsMade + 1, ctx.log);
