import { createHash, createHmac } from 'node:crypto';
import type { Tx } from '../persistence/database';
import type { Config } from '../config/env';
import { SYSTEM_ACTOR } from '../domain/case/case-machine';
import { CaseStatus, DeadlineKind, Role, ServiceChannel } from '../domain/enums';
import { AccountEntity, AiFirmEntity, CaseEntity, NoticeEntity } from '../persistence/entities';
import { ServiceAttemptData } from '../persistence/entities/notice.entity';
import { MailError, mailerFor } from '../infra/mail/mailer';
import { MailLocale, noticeServedMail } from '../infra/mail/templates';
import type { JobContext, Processor } from './job-context';

export interface ServeNoticeJobData { noticeId: string }

/** Tries of a mail job (exponential backoff from 0.5 s: about a minute) before the failure is final (src/jobs/queue-registry.ts). */
export const MAIL_JOB_ATTEMPTS = 8;

/**
 * The claim code of a notice served by email on a respondent not on Chōtei:
 * derived from the server's secret and the notice id (unguessable, the same
 * on every retry of the job, good for this notice only). Only its SHA-256 is
 * stored (notice.claimCodeHash).
 */
export function claimCodeFor(config: Pick<Config, 'jwtSecret'>, noticeId: string): string {
  return createHmac('sha256', config.jwtSecret).update(`notice-claim-code\u0000${noticeId}`).digest('base64url');
}

export const claimCodeHash = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

type Attempt = ServiceAttemptData & { permanent?: boolean };

/** What the complainant, the mediator and the admins are told when no channel could serve a notice. */
const UNSERVED_NEXT = 'The notice could not be served: the response windows have not started, so nothing runs against the respondent. '
  + 'The complainant, the assigned mediator and the admins are told, so that the notice is served another way (a corrected contact address, post) '
  + 'or the case is reviewed; it does not wait silently.';

/**
 * Serves a notice by email (one job per notice, job id serve-notice-<noticeId>):
 * on a respondent not on Chōtei at its contact address, with the link
 * {PUBLIC_URL}/notices/{claimCode}; on an enrolled firm at its account's
 * address (it was already served through the API). At least once: a retry
 * after a crash may send the same message again (same Message-ID), but an
 * attempt already recorded as delivered, or refused for good, is never
 * repeated. The first successful service sets servedAt and, for a respondent
 * not on Chōtei, starts its response windows from that moment.
 */
export const processServeNoticeEmail: Processor<ServeNoticeJobData> = async (ctx, { noticeId }, job) => {
  const notice = await ctx.db.reader.findOne(NoticeEntity, { where: { id: noticeId } });
  if (!notice) return 'skipped';
  if (((notice.serviceAttempts ?? []) as Attempt[]).some((a) => a.channel === ServiceChannel.EMAIL && (a.ok || a.permanent))) return 'skipped';
  const row = await ctx.db.reader.findOne(CaseEntity, { where: { id: notice.caseId } });
  const firm = await ctx.db.reader.findOne(AiFirmEntity, { where: { id: notice.firmId } });
  if (!row || !firm) return 'skipped';
  const account = firm.enrolled && firm.accountId ? await ctx.db.reader.findOne(AccountEntity, { where: { id: firm.accountId } }) : null;
  const to = account ? account.email : firm.contactEmail;
  // The recipient's language: the account's locale; for a firm not on Chōtei, Japanese for a Japanese firm and English otherwise.
  const locale: MailLocale = account ? (account.locale === 'en' ? 'en' : 'ja') : (firm.country === 'JP' ? 'ja' : 'en');
  const servedAt = ctx.now();
  const claimCode = firm.enrolled ? null : claimCodeFor(ctx.config, notice.id);
  if (claimCode && notice.claimCodeHash !== claimCodeHash(claimCode)) {
    // Stored before the mail leaves, so the code works as soon as it arrives.
    await ctx.db.transaction(async (tx) => { await tx.em.update(NoticeEntity, { id: notice.id }, { claimCodeHash: claimCodeHash(claimCode) }); });
  }
  const summary = notice.summary as Record<string, any>;
  const windows: DeadlineKind[] = summary.windowsFromService ?? [];
  const deadlines = windows.length
    ? windows.map((kind) => ({ kind, dueAt: new Date(servedAt.getTime() + ctx.services.deadlines.windowMs(kind)).toISOString() }))
    : (summary.deadlines ?? []);
  const mail = noticeServedMail(locale, {
    reference: row.reference, claimType: row.claimType, stage: row.stage, works: (summary.works ?? []).map((w: any) => ({ title: w.title, kind: w.kind })),
    requestedRemedies: row.requestedRemedies, claimedAmountJpy: row.claimedAmountJpy, respondentName: firm.legalName, deadlines,
    noticeUrl: claimCode ? `${ctx.config.publicUrl}/notices/${claimCode}` : null, claimCode, publicUrl: ctx.config.publicUrl,
  });
  try {
    if (!to) throw new MailError('The respondent has no email address to serve the notice on.', true, null);
    await mailerFor(ctx.config).send({ to, ...mail, messageId: `<notice-${notice.id}@chotei.localhost>`, kind: 'notice-served' });
  } catch (error) {
    const failure = error instanceof MailError ? error : new MailError('The message could not be sent; it will be tried again.', false, null);
    const attempts = job.attemptsMade + 1;
    const last = failure.permanent || attempts >= MAIL_JOB_ATTEMPTS;
    await recordFailure(ctx, notice.id, { channel: ServiceChannel.EMAIL, at: servedAt.toISOString(), ok: false, error: failure.message, permanent: last });
    if (!last) throw failure;
    return 'refused';
  }
  await ctx.db.transaction(async (tx) => {
    const current = await lockedNotice(tx, { id: notice.id });
    if (!current || ((current.serviceAttempts ?? []) as Attempt[]).some((a) => a.channel === ServiceChannel.EMAIL && a.ok)) return;
    const attempts = [...(current.serviceAttempts ?? []), { channel: ServiceChannel.EMAIL, at: servedAt.toISOString(), ok: true, error: null }];
    if (current.servedAt) {
      await tx.em.update(NoticeEntity, { id: current.id }, { serviceAttempts: attempts });
      return;
    }
    const caseRow = await ctx.workflow.load(tx, current.caseId);
    const patch: Partial<NoticeEntity> = { serviceAttempts: attempts, servedAt };
    if (caseRow.status === CaseStatus.NOTICE_SENT && windows.length) {
      const started = [];
      for (const kind of windows) started.push(await ctx.services.deadlines.start(tx, caseRow.id, kind, servedAt));
      const { windowsFromService: _done, ...rest } = current.summary as Record<string, any>;
      patch.summary = { ...rest, deadlines: started.map((d) => ({ kind: d.kind, dueAt: d.dueAt.toISOString() })) };
    }
    await tx.em.update(NoticeEntity, { id: current.id }, patch as any);
    await ctx.workflow.record(tx, caseRow, [{ type: 'NOTICE_SERVED', fromStatus: caseRow.status, toStatus: caseRow.status,
      detail: { via: ServiceChannel.EMAIL, servedAt: servedAt.toISOString() } }], SYSTEM_ACTOR, servedAt);
  });
  return 'served';
};

/** Records a failed attempt; a final one on a notice no channel has served is made visible (event, notifications). */
async function recordFailure(ctx: JobContext, noticeId: string, attempt: Attempt): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockedNotice(tx, { id: noticeId });
    if (!current) return;
    await tx.em.update(NoticeEntity, { id: current.id }, { serviceAttempts: [...(current.serviceAttempts ?? []), attempt] });
    if (!attempt.permanent || current.servedAt) return;
    const row = await ctx.workflow.load(tx, current.caseId);
    await ctx.workflow.record(tx, row, [{ type: 'NOTICE_SERVICE_FAILED', fromStatus: row.status, toStatus: row.status,
      detail: { via: attempt.channel, reason: attempt.error, next: UNSERVED_NEXT } }], SYSTEM_ACTOR, new Date(attempt.at));
    // The admins act on it (they see every case); the complainant and the mediator hear of it through the event (notification rules).
    const admins = await tx.em.find(AccountEntity, { where: { role: Role.ADMIN }, select: { id: true } });
    for (const admin of admins) {
      await ctx.services.notifications.notifyAccount(tx, { accountId: admin.id, caseId: row.id, type: 'NOTICE_SERVICE_FAILED',
        payload: { caseId: row.id, caseReference: row.reference, eventType: 'NOTICE_SERVICE_FAILED', via: attempt.channel } }, new Date(attempt.at));
    }
  });
}

/** The notice row, locked for this transaction on PostgreSQL (SQLite serialises writers): attempts are appended, never lost. */
export async function lockedNotice(tx: Tx, where: { id: string } | { caseId: string }): Promise<NoticeEntity | null> {
  const [key, value] = Object.entries(where)[0];
  const qb = tx.em.createQueryBuilder(NoticeEntity, 'n').where(`n.${key} = :value`, { value });
  if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
  return qb.getOne();
}
