import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Config } from '../config/env';
import type { Database, Tx } from '../persistence/database';
import { ActorKind, Command, CommandType, SYSTEM_ACTOR } from '../domain/case/case-machine';
import { CaseStatus, DeadlineKind, NoticeResponseKind, Role, ServiceChannel } from '../domain/enums';
import type { AiFirmEntity, AssessmentEntity, CaseEntity, NoticeEntity } from '../persistence/entities';
import type { ServiceAttemptData } from '../persistence/entities/notice.entity';
import { adminAccountIds, findAccountById } from '../persistence/repositories/account.repository';
import { aiSystemById } from '../persistence/repositories/ai-system.repository';
import { assessmentsOfCases, latestAssessmentOf } from '../persistence/repositories/assessment.repository';
import { caseById } from '../persistence/repositories/case.repository';
import { eventsOf } from '../persistence/repositories/case-event.repository';
import * as deadlines from '../persistence/repositories/deadline.repository';
import { findFirm, firmById } from '../persistence/repositories/firm.repository';
import * as respondents from '../persistence/repositories/respondent.repository';
import * as notices from '../persistence/repositories/notice.repository';
import { insertSettlement } from '../persistence/repositories/offer.repository';
import { worksOfCase } from '../persistence/repositories/work.repository';
import { MailError, mailerFor } from '../infra/mail/mailer';
import { MailLocale, noticeServedMail } from '../infra/mail/templates';
import type { CaseWorkflow } from './case-workflow';
import type { RequestContext } from '../policies/context';
import { AppError, forbidden, InputCheck, notFound } from '../domain/errors';
import { isEmailAddress } from '../domain/email';
import { requireRole } from '../policies/guards';
import type { DeadlineService } from './deadline.service';
import { dossierUrl } from './dossier.service';
import type { NotificationService } from './notification.service';
import type { OfferData, OfferService } from './offer.service';
import { jobId, MAIL_JOB_ATTEMPTS, QueueName } from '../domain/queues';

/** The windows that answer a notice; for a respondent not on Chōtei they run from service. */
export const RESPONDENT_WINDOWS: readonly DeadlineKind[] = [DeadlineKind.ACKNOWLEDGE, DeadlineKind.RESPOND];

export interface NoticeResponseData { kind: NoticeResponseKind; statement: string; offer?: OfferData | null }

const RESPONSE_COMMAND: Record<Exclude<NoticeResponseKind, NoticeResponseKind.REQUEST_EXTENSION>, CommandType> = {
  [NoticeResponseKind.ACCEPT]: CommandType.RESPOND_ACCEPT,
  [NoticeResponseKind.CONTEST]: CommandType.RESPOND_CONTEST,
  [NoticeResponseKind.OFFER_LICENSE]: CommandType.RESPOND_OFFER_LICENSE,
  [NoticeResponseKind.DECLINE_PROCESS]: CommandType.RESPOND_DECLINE,
};

/** Notices to firms, their acknowledgement and the firm's response; referral summaries. */
export class NoticeService {
  constructor(
    private readonly db: Database, private readonly workflow: CaseWorkflow, private readonly offers: OfferService,
    private readonly config: Config, private readonly deadlines: DeadlineService, private readonly notifications: NotificationService,
  ) {}

  /**
   * What the notice page (`GET /notices/{token}`, src/http/notice-page.route.ts) shows for the claim code a notice's
   * email carried: the notice, its case, the respondent and the latest assessment; null for a code no notice has.
   */
  async noticePage(claimCodeHash: string): Promise<{ notice: NoticeEntity; row: CaseEntity; firm: AiFirmEntity | null; assessment: AssessmentEntity | null } | null> {
    const notice = await notices.noticeWithClaimCodeHash(this.db.reads, claimCodeHash);
    const row = notice ? await caseById(this.db.reads, notice.caseId) : null;
    if (!notice || !row) return null;
    return { notice, row, firm: await findFirm(this.db.reads, notice.firmId), assessment: await latestAssessmentOf(this.db.reads, row.id) };
  }

  /**
   * Effect NOTICE (src/domain/case/effects.ts), on entering NOTICE_SENT: the notice — complaint summary, the latest
   * assessment and the deadlines (ids and facts, not the statement's author data).
   */
  async createNotice(tx: Tx, row: CaseEntity, now: Date): Promise<void> {
    if (await notices.hasNoticeOfCase(tx, row.id)) return;
    const works = await worksOfCase(tx, row.id);
    // Every assessment in one kept statement, oldest first: the latest is the last.
    const assessment = (await assessmentsOfCases(tx, [row.id])).at(-1) ?? null;
    // The windows were started by the same move (the WINDOWS effect runs first).
    let pending = await deadlines.pendingDeadlinesOfCases(tx, [row.id]);
    const firm = await firmById(tx, row.respondentFirmId);
    const enrolled = firm?.enrolled !== false;
    // A respondent not on Chōtei has not been told yet: its response windows start when the email serves the notice
    // (src/jobs/serve-notice-email.job.ts), not now. An enrolled firm is served through the API at once.
    const windowsFromService = enrolled ? [] : pending.filter((d) => RESPONDENT_WINDOWS.includes(d.kind)).map((d) => d.kind);
    if (windowsFromService.length) {
      await deadlines.cancelPendingOfKinds(tx, row.id, windowsFromService);
      pending = pending.filter((d) => !windowsFromService.includes(d.kind));
    }
    const id = randomUUID();
    await notices.insertNotice(tx, {
      id, caseId: row.id, firmId: row.respondentFirmId, sentAt: now, acknowledgedAt: null, respondedAt: null, responseKind: null, responseStatement: null,
      servedAt: enrolled ? now : null, serviceAttempts: enrolled ? [{ channel: ServiceChannel.API, at: now.toISOString(), ok: true, error: null }] : [],
      claimCodeHash: null, claimedAt: null,
      summary: {
        reference: row.reference, claimType: row.claimType, stage: row.stage, aiSystemId: row.aiSystemId, requestedRemedies: row.requestedRemedies,
        claimedAmountJpy: row.claimedAmountJpy, works: works.map((w) => ({ id: w.id, title: w.title, kind: w.kind })),
        assessment: assessment ? { decision: assessment.decision, strength: assessment.strength, tier: assessment.tier, ruleSetVersion: assessment.ruleSetVersion } : null,
        deadlines: pending.map((d) => ({ kind: d.kind, dueAt: d.dueAt.toISOString() })),
        ...(windowsFromService.length ? { windowsFromService } : {}),
      } as Record<string, any>,
      createdAt: now,
    } as Partial<NoticeEntity>);
    // Email service on every respondent: the contact address of a record not on Chōtei, the account's address of a firm.
    await tx.enqueue({ queue: QueueName.MAIL, name: 'serve-notice', jobId: serveNoticeJobId(id), payload: { noticeId: id } });
  }

  async notice(caseId: string): Promise<NoticeEntity | null> {
    return notices.noticeOfCase(this.db.reads, caseId);
  }

  /** The firm confirms it has the notice (the acknowledge window stops). */
  async acknowledge(ctx: RequestContext, caseId: string, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.AI_FIRM);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const notice = await notices.noticeOfCase(tx, caseId);
      if (!notice) throw notFound('Notice', caseId);
      if (!notice.acknowledgedAt) {
        await notices.updateNotice(tx, notice.id, { acknowledgedAt: now });
        await deadlines.cancelPendingOfKinds(tx, caseId, [DeadlineKind.ACKNOWLEDGE]);
        await this.workflow.record(tx, row, [{ type: 'NOTICE_ACKNOWLEDGED', fromStatus: row.status, toStatus: row.status, detail: {} }], actor, now);
      }
      return row;
    });
  }

  async respond(ctx: RequestContext, caseId: string, input: NoticeResponseData, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.AI_FIRM);
    const check = new InputCheck('input');
    check.check(input.statement.trim().length > 0, 'statement', 'must not be empty: explain the response');
    check.check(!input.offer || input.kind === NoticeResponseKind.OFFER_LICENSE || input.kind === NoticeResponseKind.CONTEST, 'offer',
      'an offer goes with OFFER_LICENSE or CONTEST');
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      if (actor.kind !== ActorKind.RESPONDENT) throw forbidden('Only the respondent firm answers its notice');
      if (input.offer) await this.offers.checkOffer(tx, input.offer, 'input', 'offer.', row);
      if (input.kind === NoticeResponseKind.REQUEST_EXTENSION) {
        await this.workflow.apply(tx, row, { type: CommandType.REQUEST_EXTENSION, reason: input.statement }, actor, now);
        return row;
      }
      const command = { type: RESPONSE_COMMAND[input.kind], reason: input.statement } as Command;
      await this.workflow.apply(tx, row, command, actor, now);
      await notices.updateNoticeOfCase(tx, caseId, { respondedAt: now, responseKind: input.kind, responseStatement: input.statement });
      if (input.kind === NoticeResponseKind.ACCEPT) {
        await insertSettlement(tx, {
          id: randomUUID(), caseId, via: 'NOTICE_ACCEPTED', amountJpy: row.claimedAmountJpy, offerId: null, licenseTemplateCode: null,
          remedies: row.requestedRemedies, createdAt: now,
        });
      }
      if (input.offer) await this.offers.create(tx, row, actor, input.offer, now);
      return row;
    });
  }

  /** What a court or another ADR body needs when a case is referred: parties, works, claim, assessment and history, and the link to the case dossier (PDF). */
  async referralSummary(row: CaseEntity) {
    const q = this.db.reads;
    const [complainant, firm, works, assessment, events, system] = await Promise.all([
      findAccountById(q, row.complainantId),
      findFirm(q, row.respondentFirmId),
      worksOfCase(q, row.id),
      latestAssessmentOf(q, row.id),
      eventsOf(q, row.id),
      row.aiSystemId ? aiSystemById(q, row.aiSystemId) : Promise.resolve(null),
    ]);
    if (row.status !== CaseStatus.CLOSED) throw new AppError('INVALID_TRANSITION', 'A referral summary exists once the case is closed as REFERRED', { status: row.status, allowed: [] });
    return {
      reference: row.reference, outcome: row.outcome, claimType: row.claimType, stage: row.stage, statement: row.statement,
      requestedRemedies: row.requestedRemedies, claimedAmountJpy: row.claimedAmountJpy,
      complainant: { id: complainant?.id, displayName: complainant?.displayName },
      respondent: { id: firm?.id, legalName: firm?.legalName, country: firm?.country },
      aiSystem: system ? { id: system.id, name: system.name, purpose: system.purpose } : null,
      works: works.map((w) => ({ id: w.id, title: w.title, kind: w.kind, firstPublishedAt: w.firstPublishedAt, firstPublicationCountry: w.firstPublicationCountry })),
      assessment: assessment ? { decision: assessment.decision, strength: assessment.strength, tier: assessment.tier, ruleSetVersion: assessment.ruleSetVersion,
        findings: assessment.findings.map((f) => ({ code: f.code, finding: f.finding, citation: f.citation, explanation: f.explanation.en })) } : null,
      history: events.map((e) => ({ seq: e.seq, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actorRole, at: e.at.toISOString() })),
      // The whole case file as a PDF (ja/en), for whoever may read the case; each copy's SHA-256 is recorded as DOSSIER_ISSUED.
      dossierUrl: dossierUrl(this.config.publicUrl, row.id),
    };
  }

  // ------------------------------------------------------------------ service by email

  /**
   * Serves a notice by email (the job serve-notice-<noticeId>; `attempt` is its try, from 1):
   * on a respondent not on Chōtei at its contact address, with the link
   * {PUBLIC_URL}/notices/{claimCode}; on an enrolled firm at its account's
   * address (it was already served through the API). At least once: a retry
   * after a crash may send the same message again (same Message-ID), but an
   * attempt already recorded as delivered, or refused for good, is never
   * repeated. The first successful service sets servedAt and, for a respondent
   * not on Chōtei, starts its response windows from that moment (`now`).
   * Returns 'served', 'refused' (for good, or on the last try) or 'skipped';
   * throws a failure worth another try, so that the job runs again.
   */
  async serveByEmail(noticeId: string, attempt: number, now: Date): Promise<'served' | 'refused' | 'skipped'> {
    const reads = this.db.reads;
    const notice = await notices.noticeById(reads, noticeId);
    if (!notice) return 'skipped';
    if (((notice.serviceAttempts ?? []) as Attempt[]).some((a) => a.channel === ServiceChannel.EMAIL && (a.ok || a.permanent))) return 'skipped';
    const row = await caseById(reads, notice.caseId);
    const firm = await findFirm(reads, notice.firmId);
    if (!row || !firm) return 'skipped';
    const account = firm.enrolled && firm.accountId ? await findAccountById(reads, firm.accountId) : null;
    const to = account ? account.email : firm.contactEmail;
    // The recipient's language: the account's locale; for a firm not on Chōtei, Japanese for a Japanese firm and English otherwise.
    const locale: MailLocale = account ? (account.locale === 'en' ? 'en' : 'ja') : (firm.country === 'JP' ? 'ja' : 'en');
    const servedAt = now;
    const claimCode = firm.enrolled ? null : claimCodeFor(this.config, notice.id);
    if (claimCode && notice.claimCodeHash !== claimCodeHash(claimCode)) {
      // Stored before the mail leaves, so the code works as soon as it arrives.
      await this.db.transaction(async (tx) => { await notices.updateNotice(tx, notice.id, { claimCodeHash: claimCodeHash(claimCode) }); });
    }
    const summary = notice.summary as Record<string, any>;
    const windows: DeadlineKind[] = summary.windowsFromService ?? [];
    const dueDates = windows.length
      ? windows.map((kind) => ({ kind, dueAt: new Date(servedAt.getTime() + this.deadlines.windowMs(kind)).toISOString() }))
      : (summary.deadlines ?? []);
    const mail = noticeServedMail(locale, {
      reference: row.reference, claimType: row.claimType, stage: row.stage, works: (summary.works ?? []).map((w: any) => ({ title: w.title, kind: w.kind })),
      requestedRemedies: row.requestedRemedies, claimedAmountJpy: row.claimedAmountJpy, respondentName: firm.legalName, deadlines: dueDates,
      noticeUrl: claimCode ? `${this.config.publicUrl}/notices/${claimCode}` : null, claimCode, publicUrl: this.config.publicUrl,
    });
    try {
      if (!to) throw new MailError('The respondent has no email address to serve the notice on.', true, null);
      await mailerFor(this.config).send({ to, ...mail, messageId: `<notice-${notice.id}@chotei.localhost>`, kind: 'notice-served' });
    } catch (error) {
      const failure = error instanceof MailError ? error : new MailError('The message could not be sent; it will be tried again.', false, null);
      const last = failure.permanent || attempt >= MAIL_JOB_ATTEMPTS;
      await this.recordServiceFailure(notice.id, { channel: ServiceChannel.EMAIL, at: servedAt.toISOString(), ok: false, error: failure.message, permanent: last });
      if (!last) throw failure;
      return 'refused';
    }
    await this.db.transaction(async (tx) => {
      const current = await notices.lockedNotice(tx, { id: notice.id });
      if (!current || ((current.serviceAttempts ?? []) as Attempt[]).some((a) => a.channel === ServiceChannel.EMAIL && a.ok)) return;
      const attempts = [...(current.serviceAttempts ?? []), { channel: ServiceChannel.EMAIL, at: servedAt.toISOString(), ok: true, error: null }];
      if (current.servedAt) {
        await notices.updateNotice(tx, current.id, { serviceAttempts: attempts });
        return;
      }
      const caseRow = await this.workflow.load(tx, current.caseId);
      const patch: Partial<NoticeEntity> = { serviceAttempts: attempts, servedAt };
      if (caseRow.status === CaseStatus.NOTICE_SENT && windows.length) {
        const started = [];
        for (const kind of windows) started.push(await this.deadlines.start(tx, caseRow.id, kind, servedAt));
        const { windowsFromService: _done, ...rest } = current.summary as Record<string, any>;
        patch.summary = { ...rest, deadlines: started.map((d) => ({ kind: d.kind, dueAt: d.dueAt.toISOString() })) };
      }
      await notices.updateNotice(tx, current.id, patch);
      await this.workflow.record(tx, caseRow, [{ type: 'NOTICE_SERVED', fromStatus: caseRow.status, toStatus: caseRow.status,
        detail: { via: ServiceChannel.EMAIL, servedAt: servedAt.toISOString() } }], SYSTEM_ACTOR, servedAt);
    });
    return 'served';
  }

  /** Records a failed attempt; a final one on a notice no channel has served is made visible (event, notifications). */
  private async recordServiceFailure(noticeId: string, attempt: Attempt): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await notices.lockedNotice(tx, { id: noticeId });
      if (!current) return;
      await notices.updateNotice(tx, current.id, { serviceAttempts: [...(current.serviceAttempts ?? []), attempt] });
      if (!attempt.permanent || current.servedAt) return;
      const row = await this.workflow.load(tx, current.caseId);
      await this.workflow.record(tx, row, [{ type: 'NOTICE_SERVICE_FAILED', fromStatus: row.status, toStatus: row.status,
        detail: { via: attempt.channel, reason: attempt.error, next: UNSERVED_NEXT } }], SYSTEM_ACTOR, new Date(attempt.at));
      // The admins act on it (they see every case); the complainant and the mediator hear of it through the event (notification rules).
      for (const adminId of await adminAccountIds(tx)) {
        await this.notifications.notifyAccount(tx, { accountId: adminId, caseId: row.id, type: 'NOTICE_SERVICE_FAILED',
          payload: { caseId: row.id, caseReference: row.reference, eventType: 'NOTICE_SERVICE_FAILED', via: attempt.channel } }, new Date(attempt.at));
      }
    });
  }

  /**
   * Serves again by email a notice no channel could serve (the mail server refused it for good, or it ran out of
   * tries): the complainant, the assigned mediator or an admin asks, optionally with a corrected contact address for
   * a respondent not on Chōtei (its record keeps the new address for later notices too). The refused attempts stay in
   * the notice's history, no longer final; a new round of the serve-notice job (its own job id, so the reconciler
   * repairs it like the first) tries the address again, and the response windows start when a service succeeds.
   * NOTICE_SERVICE_RETRIED records who asked and whether the address changed.
   */
  async serveAgain(ctx: RequestContext, caseId: string, contactEmail: string | null | undefined, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.CREATOR, Role.MEDIATOR, Role.ADMIN);
    const check = new InputCheck('contactEmail');
    const email = contactEmail?.trim() || null;
    if (contactEmail != null) check.check(!!email && isEmailAddress(email), 'contactEmail', 'must be an email address such as copyright@example.com (the notice is served there)');
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      if (![ActorKind.COMPLAINANT, ActorKind.MEDIATOR, ActorKind.ADMIN].includes(actor.kind)) {
        throw forbidden('Only the complainant, the assigned mediator or an admin has a notice served again');
      }
      const notice = await notices.lockedNotice(tx, { caseId });
      const refuse = (argument: 'caseId' | 'contactEmail', why: string): never => { new InputCheck(argument).add(argument, why).throwIfAny(); throw new Error('unreachable'); };
      if (!notice) return refuse('caseId', 'the case has no notice yet: it is served when screening sends it');
      if (notice.servedAt) return refuse('caseId', `the notice was served on ${notice.servedAt.toISOString()}; there is nothing to serve again`);
      const attempts = (notice.serviceAttempts ?? []) as Attempt[];
      if (!attempts.some((a) => a.channel === ServiceChannel.EMAIL && a.permanent)) {
        throw new AppError('CONFLICT', 'The notice is still being served (its email has not been refused for good yet); ask again if it fails', { reason: 'SERVICE_IN_PROGRESS' });
      }
      const firm = await findFirm(tx, notice.firmId);
      if (email && firm?.enrolled) return refuse('contactEmail', 'the respondent is on Chōtei: its notice goes to its account\'s address; leave contactEmail out');
      if (email && firm) await respondents.updateFirm(tx, firm.id, { contactEmail: email });
      const round = Number((notice.summary as Record<string, unknown>).emailServiceRound ?? 0) + 1;
      await notices.updateNotice(tx, notice.id, {
        serviceAttempts: attempts.map((a) => (a.channel === ServiceChannel.EMAIL && a.permanent ? { ...a, permanent: false, superseded: true } : a)),
        summary: { ...(notice.summary as Record<string, unknown>), emailServiceRound: round },
      });
      await tx.enqueue({ queue: QueueName.MAIL, name: 'serve-notice', jobId: serveNoticeJobId(notice.id, round), payload: { noticeId: notice.id } });
      await this.workflow.record(tx, row, [{ type: 'NOTICE_SERVICE_RETRIED', fromStatus: row.status, toStatus: row.status,
        detail: { round, contactChanged: !!email } }], actor, now);
      return row;
    });
  }
}

/** A service attempt as stored, with whether it was the last one on its channel (refused for good, or out of tries). */
type Attempt = ServiceAttemptData & { permanent?: boolean; superseded?: boolean };

/** The serve-notice job of a notice's email round (0: the first service; n: the n-th serveNoticeAgain). */
export const serveNoticeJobId = (noticeId: string, round = 0) => (round ? jobId('serve-notice', noticeId, `r${round}`) : jobId('serve-notice', noticeId));

/** What the complainant, the mediator and the admins are told when no channel could serve a notice. */
const UNSERVED_NEXT = 'The notice could not be served: the response windows have not started, so nothing runs against the respondent. '
  + 'The complainant, the assigned mediator and the admins are told, so that the notice is served another way (a corrected contact address, post) '
  + 'or the case is reviewed; it does not wait silently.';

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
