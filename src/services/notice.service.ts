import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { Database, Tx } from '../persistence/database';
import { ActorKind, Command, CommandType } from '../domain/case/case-machine';
import { CaseStatus, DeadlineKind, NoticeResponseKind, Role, ServiceChannel, DeadlineState } from '../domain/enums';
import {
  AccountEntity, AiFirmEntity, AiSystemEntity, AssessmentEntity, CaseEntity, CaseEventEntity, CaseWorkEntity, DeadlineEntity, NoticeEntity, SettlementEntity, WorkEntity,
} from '../persistence/entities';
import type { CaseWorkflow } from './case-workflow';
import type { RequestContext } from './context';
import { AppError, forbidden, InputCheck, notFound } from '../domain/errors';
import { requireRole } from './guards';
import type { OfferData, OfferService } from './offer.service';
import { findIn } from '../persistence/sqlite/fast-read';
import { jobId, QueueName } from '../jobs/queues';
import { insertRows } from '../persistence/sqlite/fast-write';

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
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow, private readonly offers: OfferService) {
    workflow.onTransition(async (tx, row, move, now) => {
      if (move.to === CaseStatus.NOTICE_SENT && move.from !== CaseStatus.NOTICE_SENT) await this.createNotice(tx, row, now);
    });
  }

  /** The notice: complaint summary, the latest assessment and the deadlines (ids and facts, not the statement's author data). */
  private async createNotice(tx: Tx, row: CaseEntity, now: Date): Promise<void> {
    if ((await findIn(tx.em, NoticeEntity, 'caseId', [row.id])).length > 0) return;
    const works = await findIn(tx.em, WorkEntity, 'id', [row.id], { through: { entity: CaseWorkEntity, join: 'workId', key: 'caseId' }, orderBy: [['createdAt', 'ASC'], ['id', 'ASC']] });
    const assessments = await findIn(tx.em, AssessmentEntity, 'caseId', [row.id], { orderBy: [['number', 'DESC']] });
    const assessment = assessments[0] ?? null;
    // The windows were started by the same move (the deadline listener runs first).
    let deadlines = await findIn(tx.em, DeadlineEntity, 'caseId', [row.id], { where: { state: DeadlineState.PENDING }, orderBy: [['dueAt', 'ASC']] });
    const [firm] = await findIn(tx.em, AiFirmEntity, 'id', [row.respondentFirmId]);
    const enrolled = firm?.enrolled !== false;
    // A respondent not on Chōtei has not been told yet: its response windows start when the email serves the notice
    // (src/jobs/serve-notice-email.job.ts), not now. An enrolled firm is served through the API at once.
    const windowsFromService = enrolled ? [] : deadlines.filter((d) => RESPONDENT_WINDOWS.includes(d.kind)).map((d) => d.kind);
    if (windowsFromService.length) {
      await tx.em.update(DeadlineEntity, { caseId: row.id, state: DeadlineState.PENDING, kind: In(windowsFromService) }, { state: DeadlineState.CANCELLED });
      deadlines = deadlines.filter((d) => !windowsFromService.includes(d.kind));
    }
    const id = randomUUID();
    await insertRows(tx.em, NoticeEntity, [{
      id, caseId: row.id, firmId: row.respondentFirmId, sentAt: now, acknowledgedAt: null, respondedAt: null, responseKind: null, responseStatement: null,
      servedAt: enrolled ? now : null, serviceAttempts: enrolled ? [{ channel: ServiceChannel.API, at: now.toISOString(), ok: true, error: null }] : [],
      claimCodeHash: null, claimedAt: null,
      summary: {
        reference: row.reference, claimType: row.claimType, stage: row.stage, aiSystemId: row.aiSystemId, requestedRemedies: row.requestedRemedies,
        claimedAmountJpy: row.claimedAmountJpy, works: works.map((w) => ({ id: w.id, title: w.title, kind: w.kind })),
        assessment: assessment ? { decision: assessment.decision, strength: assessment.strength, tier: assessment.tier, ruleSetVersion: assessment.ruleSetVersion } : null,
        deadlines: deadlines.map((d) => ({ kind: d.kind, dueAt: d.dueAt.toISOString() })),
        ...(windowsFromService.length ? { windowsFromService } : {}),
      } as Record<string, any>,
      createdAt: now,
    } as Partial<NoticeEntity>]);
    // Email service on every respondent: the contact address of a record not on Chōtei, the account's address of a firm.
    await tx.enqueue({ queue: QueueName.MAIL, name: 'serve-notice', jobId: jobId('serve-notice', id), payload: { noticeId: id } });
  }

  async notice(caseId: string): Promise<NoticeEntity | null> {
    return this.db.reader.findOne(NoticeEntity, { where: { caseId } });
  }

  /** The firm confirms it has the notice (the acknowledge window stops). */
  async acknowledge(ctx: RequestContext, caseId: string, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.AI_FIRM);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const notice = await tx.em.findOne(NoticeEntity, { where: { caseId } });
      if (!notice) throw notFound('Notice', caseId);
      if (!notice.acknowledgedAt) {
        await tx.em.update(NoticeEntity, { id: notice.id }, { acknowledgedAt: now });
        await tx.em.update(DeadlineEntity, { caseId, kind: DeadlineKind.ACKNOWLEDGE, state: DeadlineState.PENDING }, { state: DeadlineState.CANCELLED });
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
      if (input.offer) await this.offers.checkOffer(tx, input.offer, 'input', 'offer.');
      if (input.kind === NoticeResponseKind.REQUEST_EXTENSION) {
        await this.workflow.apply(tx, row, { type: CommandType.REQUEST_EXTENSION, reason: input.statement }, actor, now);
        return row;
      }
      const command = { type: RESPONSE_COMMAND[input.kind], reason: input.statement } as Command;
      await this.workflow.apply(tx, row, command, actor, now);
      await tx.em.update(NoticeEntity, { caseId }, { respondedAt: now, responseKind: input.kind, responseStatement: input.statement });
      if (input.kind === NoticeResponseKind.ACCEPT) {
        await tx.em.insert(SettlementEntity, {
          id: randomUUID(), caseId, via: 'NOTICE_ACCEPTED', amountJpy: row.claimedAmountJpy, offerId: null, licenseTemplateCode: null,
          remedies: row.requestedRemedies, createdAt: now,
        });
      }
      if (input.offer) await this.offers.create(tx, row, actor, input.offer, now);
      return row;
    });
  }

  /** What a court or another ADR body needs when a case is referred: parties, works, claim, assessment and history. */
  async referralSummary(row: CaseEntity) {
    const em = this.db.reader;
    const [complainant, firm, links, assessment, events, system] = await Promise.all([
      em.findOne(AccountEntity, { where: { id: row.complainantId } }),
      em.findOne(AiFirmEntity, { where: { id: row.respondentFirmId } }),
      em.find(CaseWorkEntity, { where: { caseId: row.id } }),
      em.findOne(AssessmentEntity, { where: { caseId: row.id }, order: { number: 'DESC' } }),
      em.find(CaseEventEntity, { where: { caseId: row.id }, order: { seq: 'ASC' } }),
      row.aiSystemId ? em.findOne(AiSystemEntity, { where: { id: row.aiSystemId } }) : Promise.resolve(null),
    ]);
    const works = links.length ? await em.find(WorkEntity, { where: { id: In(links.map((l) => l.workId)) } }) : [];
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
    };
  }
}
