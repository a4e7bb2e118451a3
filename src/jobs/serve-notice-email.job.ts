import type { Processor } from './job-context';

export interface ServeNoticeJobData { noticeId: string }

/**
 * Serves a notice by email (one job per notice, job id serve-notice-<noticeId>):
 * NoticeService.serveByEmail decides whom, records the attempt and, on the first
 * service, starts the windows of a respondent not on Chōtei. Returns 'served',
 * 'refused' or 'skipped'; a failure worth another try throws, so BullMQ retries.
 */
export const processServeNoticeEmail: Processor<ServeNoticeJobData> = async (ctx, { noticeId }, job) =>
  ctx.services.notices.serveByEmail(noticeId, job.attemptsMade + 1, ctx.now());
