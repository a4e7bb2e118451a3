import { randomUUID } from 'node:crypto';
import type { Database, Queryable, Tx } from '../persistence/database';
import { SYSTEM_ACTOR, CommandType, ActorKind } from '../domain/case/case-machine';
import { screeningCommand } from '../domain/case/screening';
import { disclosureCoverage } from '../domain/criteria/disclosure-coverage';
import { assess } from '../domain/criteria/engine';
import { CURRENT_RULE_SET, RULE_SETS, ruleSetByVersion, type RuleSet } from '../domain/criteria/rule-sets';
import { CaseStatus, EvidenceKind, Protection, Role } from '../domain/enums';
import type { AssessmentFacts, AssessmentResult, EligibilityOutcome, RuleFindingData } from '../domain/types';
import type { AiFirmEntity, AiSystemEntity, CaseEntity, EvidenceEntity, WorkEntity } from '../persistence/entities';
import * as accounts from '../persistence/repositories/account.repository';
import * as aiSystems from '../persistence/repositories/ai-system.repository';
import * as assessments from '../persistence/repositories/assessment.repository';
import * as caseEvents from '../persistence/repositories/case-event.repository';
import * as caseRows from '../persistence/repositories/case.repository';
import * as evidenceRows from '../persistence/repositories/evidence.repository';
import * as firms from '../persistence/repositories/firm.repository';
import * as referrals from '../persistence/repositories/cross-border-referral.repository';
import * as works from '../persistence/repositories/work.repository';
import { QueueName, jobId } from '../domain/queues';
import type { CaseFilterData } from './case.service';
import { optOutFactsFor } from '../persistence/repositories/opt-out.repository';
import type { ComplaintData, CaseService } from './case.service';
import type { CaseWorkflow } from './case-workflow';
import type { RequestContext } from '../policies/context';
import { forbidden, InputCheck } from '../domain/errors';
import { requireRole } from '../policies/guards';
import type { MediatorAssignmentService } from './mediator-assignment.service';
import { triageCitationsOf, triagePending } from './triage.service';
import type { ReferenceService } from './reference.service';

interface Inputs {
  complainantId: string; claimType: ComplaintData['claimType']; stage: ComplaintData['stage']; facts: ComplaintData['facts'];
  requestedRemedies: ComplaintData['requestedRemedies']; firm: AiFirmEntity; aiSystem: AiSystemEntity | null; works: WorkEntity[];
  evidence: (Pick<EvidenceEntity, 'kind' | 'similarityScore'> & Partial<Pick<EvidenceEntity, 'url' | 'textExcerpt'>>)[]; useDate: Date;
  /** The case's notice has been served on the firm (re-assessment after notice). */
  noticeServed?: boolean;
}

/**
 * The heart of the product: eligibility (reciprocity, term, applicable law)
 * and the rule set over a case's facts, evidence, opt-outs and the firm's
 * disclosures; then the move screening implies.
 */
export class ScreeningService {
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow, private readonly reference: ReferenceService,
    private readonly cases: CaseService, private readonly mediators: MediatorAssignmentService) {}

  /** Eligibility per work; the case goes on the first eligible work (all are listed in the history). */
  private async evaluate(q: Queryable, ctx: RequestContext, input: Inputs, now: Date, ruleSet: RuleSet = CURRENT_RULE_SET): Promise<{ result: AssessmentResult; eligibility: EligibilityOutcome }> {
    // Standing looks at the holder: each work is assessed with its owner's profile (a principal the case was filed for under a
    // mandate, issue 14), the complainant's when it owns the work.
    const profiles = await accounts.creatorProfilesOf(q, [...new Set([input.complainantId, ...input.works.map((w) => w.ownerId)])]);
    const complainantProfile = profiles.find((p) => p.accountId === input.complainantId);
    // Territorial, act by act (rule set jp-2024.2): where the output was made available is a fact of the complaint, never inferred from the firm.
    const outputServedInJapan = input.facts.outputServedInJapan ?? null;
    const perWork: EligibilityOutcome[] = [];
    for (const work of input.works) {
      const profile = profiles.find((p) => p.accountId === work.ownerId) ?? complainantProfile;
      perWork.push(await this.reference.eligibility(ctx, {
        creatorNationality: profile?.nationality ?? 'JP', creatorKind: profile?.kind ?? null, creatorPrincipalOfficeCountry: profile?.principalOfficeCountry ?? null,
        workKind: work.kind, workFirstPublicationCountry: work.firstPublicationCountry, workFirstPublishedAt: work.firstPublishedAt,
        publishedInJapanWithin30Days: work.publishedInJapanWithin30Days, authorDeathYear: work.authorDeathYear, isCorporateWork: work.isCorporateWork,
        // The author's law follows the author (issue 15 point 4): recorded authors, else the holder is the author.
        authors: work.authors?.length ? work.authors : null,
        claimType: input.claimType, stage: input.stage, respondentCountry: input.firm.country, trainingServerInJapan: input.aiSystem?.trainingServerInJapan ?? input.firm.trainingServerInJapan ?? null,
        outputServedInJapan, asOf: now,
      }, 'input', q));
    }
    const eligibility = perWork.find((e) => e.eligible) ?? perWork[0];
    const facts: AssessmentFacts = {
      claimType: input.claimType, stage: input.stage, eligibility,
      works: input.works.map((w) => ({ kind: w.kind, holderRole: w.holderRole })),
      aiSystem: input.aiSystem ? {
        purpose: input.aiSystem.purpose, trainingServerInJapan: input.aiSystem.trainingServerInJapan, servesJapaneseUsers: input.aiSystem.servesJapaneseUsers,
        usesRag: input.aiSystem.usesRag,
        disclosure: input.aiSystem.disclosedAt ? {
          categories: input.aiSystem.trainingDataCategories ?? [], cutoff: input.aiSystem.trainingCutoff, suppressionMeasures: input.aiSystem.suppressionMeasures ?? [],
        } : null,
      } : null,
      facts: input.facts,
      evidence: {
        maxSimilarityScore: input.evidence.reduce<number | null>((m, e) => (e.similarityScore == null ? m : Math.max(m ?? 0, e.similarityScore)), null),
        kinds: [...new Set(input.evidence.map((e) => e.kind))],
        disclosureListsWork: disclosureCoversAWork(input),
      },
      optOut: await optOutFacts(q, input, eligibility),
      requestedRemedies: input.requestedRemedies,
      noticeServed: input.noticeServed === true,
    };
    return { result: assess(facts, ruleSet), eligibility };
  }

  /** `previewAssessment`: the same assessment before filing, with the missing facts. */
  async preview(ctx: RequestContext, input: ComplaintData, now = new Date()): Promise<AssessmentResult & { eligibility: EligibilityOutcome }> {
    const viewer = requireRole(ctx, Role.CREATOR);
    const { firm, aiSystem, works } = await this.cases.checkComplaint(this.db.reads, viewer, { ...input, goodFaithDeclaration: true, statement: input.statement || '-' });
    const { result, eligibility } = await this.evaluate(this.db.reads, ctx, {
      complainantId: viewer.accountId, claimType: input.claimType, stage: input.stage, facts: input.facts ?? {}, requestedRemedies: input.requestedRemedies,
      firm, aiSystem, works, evidence: [], useDate: now,
    }, now);
    return { ...result, eligibility };
  }

  private async inputsOf(q: Queryable, row: CaseEntity): Promise<Inputs> {
    const caseWorks = await works.worksOfCase(q, row.id);
    const firm = await firms.firmById(q, row.respondentFirmId);
    if (!firm) throw new Error(`case ${row.id}: its respondent firm ${row.respondentFirmId} does not exist`);
    const [aiSystem = null] = row.aiSystemId ? await aiSystems.aiSystemsWithIds(q, [row.aiSystemId]) : [];
    return {
      complainantId: row.complainantId, claimType: row.claimType, stage: row.stage, facts: row.facts, requestedRemedies: row.requestedRemedies,
      firm, aiSystem, works: caseWorks, evidence: await evidenceRows.evidenceOf(q, row.id), useDate: row.createdAt,
      noticeServed: NOTICE_SERVED.has(row.status),
    };
  }

  /**
   * Runs the rule set over a case and stores the assessment. From SCREENING
   * it also moves the case (notice, mediator review or ineligible).
   */
  async screen(caseId: string, trigger: 'SCREENING' | 'EVIDENCE_ADDED' | 'DISCLOSURE' | 'RULES_CHANGED', now: Date, idempotencyKey: string, ruleSetVersion?: string): Promise<string> {
    const ruleSet = ruleSetVersion ? ruleSetByVersion(ruleSetVersion) : CURRENT_RULE_SET;
    if (!ruleSet) throw new Error(`case ${caseId}: no rule set ${ruleSetVersion}`);
    return this.db.transaction(async (tx) => {
      const row = await this.workflow.load(tx, caseId);
      if (trigger === 'SCREENING' && row.status !== CaseStatus.SCREENING) return 'skipped';
      if (row.status === CaseStatus.CLOSED || row.status === CaseStatus.FILED) return 'skipped';
      // A re-assessment asked by an admin runs once per request, however often its job runs.
      if (trigger === 'RULES_CHANGED' && await caseEvents.hasEventWithKey(tx, caseId, `${idempotencyKey}-assessed`)) return 'skipped';
      const ctx: RequestContext = { viewer: null, requestId: idempotencyKey, locale: 'en' };
      // Similarity triage (issue 17): evidence files whose job has not run yet are triaged here, from stored fingerprints,
      // so routing never depends on which job ran first. Cited as TRIAGE beside the findings, never as one.
      await triagePending(tx, this.workflow, row, now);
      const triage = await triageCitationsOf(tx, caseId);
      const previous = await assessments.latestAssessmentOf(tx, caseId);
      const { result, eligibility } = await this.evaluate(tx, ctx, await this.inputsOf(tx, row), now, ruleSet);
      const number = (await assessments.assessmentCountOf(tx, caseId)) + 1;
      const assessment = await assessments.insertAssessment(tx, {
        id: randomUUID(), caseId, number, ruleSetVersion: result.ruleSetVersion, decision: result.decision, strength: result.strength, tier: result.tier,
        findings: result.findings, missingFacts: result.missingFacts, recommendedRemedies: result.recommendedRemedies, eligibility,
        ordersDisclosure: result.ordersDisclosure, trigger, triage, createdAt: now,
      });
      // The update bumps the version column: keep the in-memory row in step for the guarded move below.
      await caseRows.setRuleSetVersion(tx, caseId, result.ruleSetVersion);
      row.version += 1;
      row.ruleSetVersion = result.ruleSetVersion;
      await this.workflow.record(tx, row, [{
        type: 'ASSESSED', fromStatus: row.status, toStatus: row.status,
        detail: { assessmentId: assessment.id, number, trigger, decision: result.decision, strength: result.strength, tier: result.tier, ruleSetVersion: result.ruleSetVersion,
          ordersDisclosure: result.ordersDisclosure,
          ...(triage.length ? { triage: triage.map((t) => ({ evidenceId: t.evidenceId, workId: t.workId, method: t.method, score: t.score, band: t.band })) } : {}),
          ...(previous ? {
            previousRuleSetVersion: previous.ruleSetVersion, previousDecision: previous.decision,
            changes: findingChanges(previous.findings, result.findings),
          } : {}) },
      }], SYSTEM_ACTOR, now, `${idempotencyKey}-assessed`);
      if (trigger !== 'SCREENING') return result.decision;
      const command = screeningCommand(result, eligibility, triage);
      // The notice, a cross-border referral, or a reviewer's assignment follow from the effects table (src/domain/case/effects.ts).
      await this.workflow.apply(tx, row, command, SYSTEM_ACTOR, now, { idempotencyKey, eligibility });
      return result.decision;
    });
  }

  /**
   * `reassessCases`: queues a re-assessment of every open case the filter selects (after screening,
   * not closed) under the current rule set or the one named, through the screening job (outbox + job,
   * idempotent per case and request). Returns how many cases were queued.
   */
  async queueReassessment(ctx: RequestContext, filter: CaseFilterData | null | undefined, ruleSetVersion: string | null | undefined, now = new Date()): Promise<number> {
    requireRole(ctx, Role.ADMIN);
    const version = ruleSetVersion ?? CURRENT_RULE_SET.version;
    new InputCheck('ruleSetVersion').check(ruleSetByVersion(version) !== undefined, 'ruleSetVersion',
      `"${version}" is not a rule set (known: ${RULE_SETS.map((r) => r.version).join(', ')})`).throwIfAny();
    return this.db.transaction(async (tx) => {
      const ids = await caseRows.reassessableCaseIds(tx, filter);
      const requestedAt = String(now.getTime());
      for (const caseId of ids) {
        await tx.enqueue({ queue: QueueName.SCREEN, name: 'reassess', jobId: jobId('reassess', caseId, 'rules', version, requestedAt),
          payload: { caseId, ruleSetVersion: version, requestedAt } });
      }
      return ids.length;
    });
  }

  /**
   * Effect CROSS_BORDER_REFERRAL (src/domain/case/effects.ts), when the case is sent on to the firm: a cross-border
   * referral when the firm's country has an agreement with DISPUTE_ACCESS or screening's eligibility asks for one.
   */
  async afterNotice(tx: Tx, row: CaseEntity, eligibility: EligibilityOutcome | null, now: Date): Promise<void> {
    const firm = await firms.firmById(tx, row.respondentFirmId);
    if (!firm) throw new Error(`case ${row.id}: its respondent firm ${row.respondentFirmId} does not exist`);
    if (firm.country !== 'JP' && !(await referrals.hasReferral(tx, row.id))) {
      const agreement = await this.reference.disputeAccessAgreement(firm.country, now, tx);
      if (agreement || eligibility?.crossBorderReferral) {
        await referrals.insertReferral(tx, {
          id: randomUUID(), caseId: row.id, partnerCountry: firm.country, agreementId: agreement?.id ?? null, partnerBody: agreement?.partnerBody ?? null, createdAt: now,
        });
        await this.workflow.record(tx, row, [{ type: 'CROSS_BORDER_REFERRAL', fromStatus: row.status, toStatus: row.status,
          detail: { partnerCountry: firm.country, agreementId: agreement?.id ?? null } }], SYSTEM_ACTOR, now);
      }
    }
  }

  /** `decideReview`: the assigned mediator (or an admin) sends the case on to the firm, or dismisses it. */
  async decideReview(ctx: RequestContext, caseId: string, proceed: boolean, reason: string, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.MEDIATOR, Role.ADMIN);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      if (actor.kind !== ActorKind.MEDIATOR && actor.kind !== ActorKind.ADMIN) throw forbidden('Only the assigned mediator or an admin decides a review');
      await this.workflow.apply(tx, row, { type: proceed ? CommandType.REVIEW_PROCEED : CommandType.REVIEW_DISMISS, reason }, actor, now);
      return row;
    });
  }
}

/** Statuses in which the case's notice has been served on the firm. */
const NOTICE_SERVED: ReadonlySet<CaseStatus> = new Set([
  CaseStatus.NOTICE_SENT, CaseStatus.NEGOTIATION, CaseStatus.MEDIATION, CaseStatus.RECOMMENDATION_ISSUED, CaseStatus.REMEDY_IN_PROGRESS, CaseStatus.VERIFICATION,
]);

/** A training-data disclosure covers one of the works (lists it, its source or a category containing it): issue 15 point 8. */
function disclosureCoversAWork(input: Inputs): boolean {
  const disclosures = input.evidence.filter((e) => e.kind === EvidenceKind.TRAINING_DATA_DISCLOSURE).map((e) => ({ url: e.url ?? null, text: e.textExcerpt ?? null }));
  const categories = input.aiSystem?.disclosedAt ? (input.aiSystem.trainingDataCategories ?? []) : null;
  return input.works.some((w) => disclosureCoverage({ work: { kind: w.kind, title: w.title, canonicalUrl: w.canonicalUrl }, categories, disclosures }) !== null);
}

/** The opt-out side of the facts; recognition also needs OPT_OUT_RECOGNITION from today's eligibility. */
async function optOutFacts(q: Queryable, input: Inputs, eligibility: EligibilityOutcome): Promise<AssessmentFacts['optOut']> {
  const facts = await optOutFactsFor(q, {
    workIds: input.works.map((w) => w.id), complainantId: input.complainantId, firmId: input.firm.id, useDate: input.aiSystem?.trainingCutoff ?? input.useDate,
    withEntries: true,
  });
  return { ...facts, recognised: facts.recognised && eligibility.protections.includes(Protection.OPT_OUT_RECOGNITION) };
}

/** What changed between two assessments, finding by finding (a criterion absent from one rule set is null there). */
export function findingChanges(before: RuleFindingData[], after: RuleFindingData[]): Array<{ code: string; from: string | null; to: string | null }> {
  const was = new Map(before.map((f) => [f.code, f.finding as string]));
  const now = new Map(after.map((f) => [f.code, f.finding as string]));
  const codes = [...new Set([...before.map((f) => f.code), ...after.map((f) => f.code)])];
  return codes
    .map((code) => ({ code, from: was.get(code) ?? null, to: now.get(code) ?? null }))
    .filter((c) => c.from !== c.to);
}
