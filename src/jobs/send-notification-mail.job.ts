import type { Processor } from './job-context';

export interface SendNotificationMailJobData { notificationId: string }

/** Mails one notification to its account (NotificationService.mailNotification): 'sent', 'refused' or 'skipped'; a failure worth another try throws. */
export const processSendNotificationMail: Processor<SendNotificationMailJobData> = (ctx, { notificationId }, job) =>
  ctx.services.notifications.mailNotification(notificationId, job.attemptsMade + 1, ctx.log);
