import { createHash, randomUUID } from 'node:crypto';
import { isEmailAddress } from '../domain/email';
import type { Database, Queryable, Tx } from '../persistence/database';
import { ActorKind, CommandType, SYSTEM_ACTOR } from '../domain/case/case-machine';
import { CaseOutcome, CaseStatus, ClaimType, EvidenceKind, Remedy, Role, UseStage } from '../domain/enums';
import type { ComplaintFacts } from '../domain/types';
import { AiFirmEntity, type AiSystemEntity, CasePrincipalEntity, type CaseEntity, type CaseEventEntity, type EvidenceEntity, type StoredFileEntity } from '../persistence/entities';
import { jobId, QueueName } from '../domain/queues';
import * as aiSystems from '../persistence/repositories/ai-system.repository';
import * as caseEvents from '../persistence/repositories/case-event.repository';
import * as cases from '../persistence/repositories/case.repository';
import * as referenceData from '../persistence/repositories/reference.repository';
import * as evidenceRows from '../persistence/repositories/evidence.repository';
import * as respondents from '../persistence/repositories/respondent.repository';
import * as works from '../persistence/repositories/work.repository';
import * as mandateRows from '../persistence/repositories/mandate.repository';
import { mandateFor, type MandateFacts } from '../domain/mandates';
import { canSeeCase, caseScope } from '../policies';
import { CaseWorkflow, withPrincipals } from './case-workflow';
import type { RequestContext, Viewer } from '../policies/context';
import { AppError, InputCheck, notFound } from '../domain/errors';
import { requireConfirmedEmail, requireRole, requireViewer } from '../policies/guards';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, toPage } from '../persistence/paging/cursor';
import { isHttpUrl, SHA256_HEX } from './work.service';
import { ownFile } from './file.service';
import { triaged } from './triage.service';

/** A respondent that is not on Chōtei, named by the filer (issue 14). */
export interface RespondentData {
  legalName: string; country: string; contactEmail: string; website?: string | null; aiSystemName?: string | null;
  servesJapaneseUsers?: boolean | null; trainingServerInJapan?: boolean | null;
}

export interface ComplaintData {
  /** Exactly one of respondentFirmId and respondent. */
  respondentFirmId?: string | null; respondent?: RespondentData | null; aiSystemId?: string | null; workIds: string[]; claimType: ClaimType; stage: UseStage;
  facts: ComplaintFacts; requestedRemedies: Remedy[]; claimedAmountJpy?: number | null; statement: string; goodFaithDeclaration: boolean;
  /** The rights holders the filer acts for (issue 14: each must have mandated the filer); default: the filer alone. */
  principalIds?: string[] | null;
  /** Evidence filed with the complaint (issue 17): screening sees it, and triages its output-sample files, before it routes the case. */
  evidence?: EvidenceData[] | null;
}

/** A principal of a complaint and the mandate the filer acts under for it (null: the filer itself). */
export interface CheckedPrincipal { principalId: string; mandateId: string | null }

export interface EvidenceData {
  kind: EvidenceKind; description: string; url?: string | null; sha256?: string | null; textExcerpt?: string | null; similarityScore?: number | null;
  /** A file the viewer uploaded (POST /files), issue 17. */
  fileId?: string | null;
}

/** What the `cases` list and `reassessCases` may be narrowed by. */
export type CaseFilterData = cases.CaseListFilter;

export const MAX_STATEMENT = 20_000;
/**
 * Works one complaint may name: a collective files once for the works of many principals (issue 14 point 8: 500
 * principals in one pass). Filing, screening and the notice read and write them in batches, so the statements a
 * filing runs do not grow with the works (tests/integration/collective-scale.int.test.ts; `npm run bench`).
 */
export const MAX_WORKS_PER_CASE = 1000;
/** Principals one complaint may be filed for (each holds at least one of its works). */
export const MAX_PRINCIPALS_PER_CASE = 500;
/** What a case is expected to name, for the query-cost estimate of `Case.works` and `Case.principals` (src/graphql/limits.ts). */
export const EXPECTED_WORKS_PER_CASE = 50;

/** Reads one case row by id (null when there is none). */
export type CaseReader = (id: string) => Promise<CaseEntity | null>;

/** Filing, evidence, withdrawal and reading cases. */
export class CaseService {
  private readonly readCase: CaseReader = (id) => cases.caseById(this.db.reads, id);
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow) {}

  /** Checks a complaint against the database; shared by fileComplaint and previewAssessment. */
  async checkComplaint(q: Queryable, viewer: Viewer, input: ComplaintData, argument = 'input', now = new Date()) {
    const check = new InputCheck(argument);
    check.check(input.goodFaithDeclaration === true, 'goodFaithDeclaration', 'must be true: you declare in good faith that the complaint is accurate');
    const statement = input.statement.trim();
    check.check(statement.length > 0, 'statement', 'must not be empty: say what happened');
    check.check(input.workIds.length > 0, 'workIds', 'name at least one of your registered works');
    check.check(new Set(input.workIds).size === input.workIds.length, 'workIds', 'a work is listed twice');
    let firm: AiFirmEntity | undefined;
    let respondent: RespondentData | null = null;
    const workIds = input.workIds.length && input.workIds.length <= MAX_WORKS_PER_CASE ? input.workIds : [];
    // A complaint against a firm on Chōtei: the firm, its AI system and the works in one read.
    const named = input.respondentFirmId != null && input.respondent == null
      ? await cases.complaintSubjects(q, input.respondentFirmId, input.aiSystemId ?? null, workIds) : null;
    if ((input.respondentFirmId == null) === (input.respondent == null)) {
      check.add(input.respondent ? 'respondent' : 'respondentFirmId', 'give exactly one of respondentFirmId (a firm on Chōtei) and respondent (a firm that is not)');
    } else if (input.respondentFirmId != null) {
      firm = named?.firm ?? undefined;
      check.check(!!firm, 'respondentFirmId', `no AI firm has the id ${input.respondentFirmId}`, { key: 'validation.noFirmWithId', params: { id: input.respondentFirmId } });
    } else {
      respondent = await checkRespondent(q, check, input.respondent!);
      check.check(!input.aiSystemId, 'aiSystemId', 'a firm that is not on Chōtei has no registered AI systems: name it with respondent.aiSystemName');
      // The record filings against the same firm share, or the one this filing will create.
      if (respondent) {
        const record = await respondents.findFirmByRespondentKey(q, respondentKey(respondent));
        const known = record?.claimedByFirmId ? (await respondents.findFirmById(q, record.claimedByFirmId)) ?? record : record;
        // As filing would leave it (facts the record lacks are filled from this filing); not written here.
        firm = known ? { ...known, trainingServerInJapan: known.trainingServerInJapan ?? respondent.trainingServerInJapan ?? null,
          servesJapaneseUsers: known.servesJapaneseUsers || respondent.servesJapaneseUsers === true } : newRespondentRecord(respondent);
      }
    }
    let aiSystem: AiSystemEntity | null = null;
    if (input.aiSystemId && !input.respondent) {
      if (named) aiSystem = named.aiSystem;
      else [aiSystem = null] = await aiSystems.aiSystemsWithIds(q, [input.aiSystemId]);
      if (!aiSystem) check.add('aiSystemId', `no AI system has the id ${input.aiSystemId}`, { key: 'validation.noAiSystemWithId', params: { id: input.aiSystemId } });
      else if (firm && aiSystem.firmId !== firm.id) check.add('aiSystemId', 'this AI system belongs to another firm than respondentFirmId');
    }
    const found = named ? named.works : workIds.length ? await works.worksWithIds(q, workIds) : [];
    const principals = await this.checkPrincipals(q, check, viewer, input, found, now);
    check.throwIfAny();
    return { firm: firm!, aiSystem, works: found, statement, respondent, principals };
  }

  /**
   * Whose works the complaint may name (issue 14 point 7). Without
   * principalIds, the filer's own. With them, the works of the listed
   * principals: the filer itself when listed, and every other one only
   * under a mandate it granted the filer that is in force now and covers the
   * claim type and each of its works in the complaint. Every principal must
   * hold at least one of the works. A refusal names `principalIds[i]` and why
   * (and `workIds[j]` for a work outside them); another creator's work is
   * reported exactly like a missing one.
   */
  private async checkPrincipals(q: Queryable, check: InputCheck, viewer: Viewer, input: ComplaintData, found: Array<{ id: string; ownerId: string }>,
    now: Date): Promise<CheckedPrincipal[]> {
    const listed = input.principalIds ?? null;
    if (listed && !listed.length) check.add('principalIds', 'name at least one principal, or leave principalIds out to file for yourself');
    if (listed && new Set(listed).size !== listed.length) check.add('principalIds', 'a principal is listed twice');
    const principalIds = listed?.length ? [...new Set(listed)] : [viewer.accountId];
    const principalSet = new Set(principalIds);
    input.workIds.forEach((id, i) => {
      const work = found.find((w) => w.id === id);
      if (!work || !principalSet.has(work.ownerId)) {
        check.add(`workIds[${i}]`, listed?.length ? `no work of yours or of the principals you named has the id ${id}` : `no work of yours has the id ${id}`,
          { key: listed?.length ? 'validation.noPrincipalWorkWithId' : 'validation.noWorkWithId', params: { id } });
      }
    });
    if (!listed?.length) return [{ principalId: viewer.accountId, mandateId: null }];
    const others = principalIds.filter((p) => p !== viewer.accountId);
    const granted = await mandateRows.mandatesFromPrincipalsTo(q, viewer.accountId, others);
    const listedWorks = await mandateRows.mandatedWorks(q, granted.filter((m) => !m.allWorks).map((m) => m.id), input.workIds);
    const out: CheckedPrincipal[] = [];
    listed.forEach((principalId, i) => {
      if (listed.indexOf(principalId) !== i) return;
      const theirs = input.workIds.filter((id) => found.some((w) => w.id === id && w.ownerId === principalId));
      if (principalId === viewer.accountId) {
        check.check(theirs.length > 0, `principalIds[${i}]`, 'you listed yourself, but none of the complaint\'s works is yours');
        out.push({ principalId, mandateId: null });
        return;
      }
      const facts: MandateFacts[] = granted.filter((m) => m.principalId === principalId).map((m) => ({
        id: m.id, allWorks: m.allWorks, claimTypes: m.claimTypes ?? [], validFrom: m.validFrom, validUntil: m.validUntil, revokedAt: m.revokedAt,
        workIds: new Set(listedWorks.filter((l) => l.mandateId === m.id).map((l) => l.workId)),
      }));
      const verdict = mandateFor(facts, input.claimType, theirs, now);
      if (!verdict.ok) {
        check.add(`principalIds[${i}]`, `principal ${principalId} ${verdict.reason}`);
        for (const workId of verdict.uncoveredWorkIds) {
          check.add(`workIds[${input.workIds.indexOf(workId)}]`, `work ${workId} is not covered by a mandate in force from its holder ${principalId}`);
        }
        return;
      }
      // Only reachable with a mandate: a principal who never mandated the filer is refused above, whoever they are.
      check.check(theirs.length > 0, `principalIds[${i}]`, `none of the complaint's works is held by principal ${principalId}: name only the holders whose works it covers`);
      out.push({ principalId, mandateId: verdict.mandateId });
    });
    return out;
  }

  async fileComplaint(ctx: RequestContext, input: ComplaintData, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    requireConfirmedEmail(viewer, 'file a complaint');
    // Checked before the write transaction: firms, systems and works are never deleted
    // and never change owner, and a refused complaint then never waits for the write lock.
    const { statement, firm: checkedFirm, respondent, principals } = await this.checkComplaint(this.db.reads, viewer, input, 'input', now);
    const evidenceCheck = new InputCheck('input');
    const evidenceFiles = await Promise.all((input.evidence ?? []).map((e, i) => this.checkEvidence(viewer, e, evidenceCheck, `evidence[${i}].`)));
    evidenceCheck.throwIfAny();
    const id = randomUUID();
    // The case, its works, its FILED event and its intake job (one statement on PostgreSQL: CaseWorkflow.open).
    const open = (tx: Tx, firm: AiFirmEntity) => this.workflow.open(tx, {
      id, status: CaseStatus.FILED, outcome: null, resolution: null, claimType: input.claimType, stage: input.stage,
      complainantId: viewer.accountId, respondentFirmId: firm.id, aiSystemId: input.aiSystemId ?? null, mediatorId: null,
      facts: input.facts ?? {}, requestedRemedies: [...new Set(input.requestedRemedies)], claimedAmountJpy: input.claimedAmountJpy ?? null,
      statement, dedupKey: dedupKey(viewer.accountId, { ...input, respondentFirmId: firm.id }), machine: {}, ruleSetVersion: null, noticeSentAt: null, closedAt: null,
      createdAt: now, updatedAt: now, version: 1,
    }, input.workIds, { type: 'FILED', fromStatus: null, toStatus: CaseStatus.FILED,
      detail: { claimType: input.claimType, ...(respondent ? { respondentEnrolled: firm.enrolled } : {}),
        ...(input.principalIds?.length ? { principals: principals.map((p) => ({ principalId: p.principalId, mandateId: p.mandateId })) } : {}) } },
    { kind: ActorKind.COMPLAINANT, accountId: viewer.accountId }, now,
    { queue: QueueName.INTAKE, name: 'intake', jobId: jobId('intake', id), payload: { caseId: id } }, caseReference(now));
    // A complaint against a firm on Chōtei, for no principal and with no evidence is that one statement, which
    // commits by itself (no BEGIN and COMMIT round trips on PostgreSQL).
    if (!respondent && !input.principalIds?.length && !input.evidence?.length) return this.db.statement((tx) => open(tx, checkedFirm));
    return this.db.transaction(async (tx) => {
      const row = await open(tx, respondent ? await this.respondentRecord(tx, respondent, now) : checkedFirm);
      // Filed for others under mandates: each principal reads the case (src/policies/case.policy.ts).
      if (input.principalIds?.length) {
        await mandateRows.insertCasePrincipals(tx, principals.map((p, position) => Object.assign(new CasePrincipalEntity(), { caseId: row.id, ...p, position })));
      }
      // Evidence filed with the complaint: intake and screening read it (screening triages its files).
      for (const [i, item] of (input.evidence ?? []).entries()) {
        const actor = { kind: ActorKind.COMPLAINANT, accountId: viewer.accountId } as const;
        const evidence = await evidenceRows.insertEvidence(tx, evidenceRow(row.id, viewer.accountId, item, evidenceFiles[i] ?? null, now));
        await this.workflow.record(tx, row, [{ type: 'EVIDENCE_ADDED', fromStatus: CaseStatus.FILED, toStatus: CaseStatus.FILED,
          detail: { evidenceId: evidence.id, kind: item.kind, by: actor.kind, ...(evidence.fileId ? { fileId: evidence.fileId, sha256: evidence.sha256 } : {}) } }], actor, now);
      }
      return row;
    });
  }

  /** One piece of evidence checked (problems under `prefix`, e.g. "evidence[0].") and its file, when it names one of the viewer's uploads. */
  private async checkEvidence(viewer: Viewer, input: EvidenceData, check: InputCheck, prefix = ''): Promise<StoredFileEntity | null> {
    check.check(input.description.trim().length > 0, `${prefix}description`, 'must not be empty: say what it shows');
    check.check(input.url == null || isHttpUrl(input.url), `${prefix}url`, 'must be an http(s) URL');
    check.check(input.sha256 == null || SHA256_HEX.test(input.sha256), `${prefix}sha256`, 'must be a lowercase hex SHA-256 (64 characters 0-9a-f)');
    // Files are never deleted and never change uploader: checked before the write transaction.
    const file = input.fileId != null ? await ownFile(this.db.reads, viewer, input.fileId, check, `${prefix}fileId`) : null;
    if (file && input.sha256 != null) check.check(input.sha256 === file.sha256, `${prefix}sha256`, `must be the file's SHA-256 (${file.sha256}) or be left out`);
    return file;
  }

  /**
   * The respondent record of a firm not on Chōtei: the one earlier filings made
   * for the same legal name and country, or a new one (enrolled false, no
   * account). Facts a filer states fill what the record does not know yet.
   */
  private async respondentRecord(tx: Tx, respondent: RespondentData, now: Date): Promise<AiFirmEntity> {
    const fresh = newRespondentRecord(respondent, now);
    const found = await respondents.upsertRespondentRecord(tx, fresh);
    // A record a firm has claimed sends later filings to that firm.
    if (found.claimedByFirmId) return (await respondents.findFirmById(tx, found.claimedByFirmId)) ?? found;
    const firm = found;
    if (firm.id !== fresh.id) {
      const fill: Partial<AiFirmEntity> = {};
      if (firm.trainingServerInJapan == null && respondent.trainingServerInJapan != null) fill.trainingServerInJapan = respondent.trainingServerInJapan;
      if (!firm.servesJapaneseUsers && respondent.servesJapaneseUsers === true) fill.servesJapaneseUsers = true;
      if (!firm.website && respondent.website) fill.website = respondent.website.trim();
      if (!firm.aiSystemName && respondent.aiSystemName?.trim()) fill.aiSystemName = respondent.aiSystemName.trim();
      if (Object.keys(fill).length) {
        await respondents.updateFirm(tx, firm.id, fill);
        Object.assign(firm, fill);
      }
    }
    return firm;
  }

  async addEvidence(ctx: RequestContext, caseId: string, input: EvidenceData, now = new Date()): Promise<EvidenceEntity> {
    const viewer = requireViewer(ctx);
    const check = new InputCheck('input');
    const file = await this.checkEvidence(viewer, input, check);
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      if (actor.kind !== ActorKind.COMPLAINANT && actor.kind !== ActorKind.RESPONDENT) {
        throw new AppError('FORBIDDEN', 'Only the parties add evidence; mediators add notes');
      }
      if (row.status === CaseStatus.CLOSED) {
        throw new AppError('INVALID_TRANSITION', `Case ${row.reference} is CLOSED: no more evidence is taken`, { status: row.status, allowed: [] });
      }
      const evidence = await evidenceRows.insertEvidence(tx, evidenceRow(row.id, viewer.accountId, input, file, now));
      await this.workflow.record(tx, row, [{ type: 'EVIDENCE_ADDED', fromStatus: row.status, toStatus: row.status,
        detail: { evidenceId: evidence.id, kind: input.kind, by: actor.kind, ...(file ? { fileId: file.id, sha256: file.sha256 } : {}) } }], actor, now);
      if (triaged(evidence)) {
        // An output sample with a file: similarity triage against the works' reference files, which then re-assesses
        // a case past screening (screening itself triages what the job has not yet).
        await tx.enqueue({ queue: QueueName.SCREEN, name: 'triage-similarity', jobId: jobId('triage', evidence.id), payload: { caseId: row.id, evidenceId: evidence.id } });
      } else if (row.status !== CaseStatus.FILED) {
        // Open cases past intake are re-assessed with the new evidence.
        await tx.enqueue({ queue: QueueName.SCREEN, name: 'reassess', jobId: jobId('reassess', row.id, evidence.id), payload: { caseId: row.id, evidenceId: evidence.id } });
      }
      return evidence;
    });
  }

  async withdraw(ctx: RequestContext, caseId: string, reason: string | null | undefined, now = new Date()): Promise<CaseEntity> {
    const viewer = requireViewer(ctx);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      await this.workflow.apply(tx, row, { type: CommandType.WITHDRAW, reason: reason ?? null }, actor, now);
      return row;
    });
  }

  /** One case the viewer may see; null when missing or another party's (the API answers NOT_FOUND for both). */
  /** The case if the viewer may see it; `read` lets the GraphQL layer read it through its request loader. */
  async getCase(ctx: RequestContext, id: string, read: CaseReader = this.readCase): Promise<CaseEntity | null> {
    const viewer = requireViewer(ctx);
    const row = await read(id);
    if (!row) return null;
    await withPrincipals(this.db.reads, viewer, [row]);
    return canSeeCase(viewer, row) ? row : null;
  }

  async requireCase(ctx: RequestContext, id: string, read?: CaseReader): Promise<CaseEntity> {
    const row = await this.getCase(ctx, id, read);
    if (!row) throw notFound('Case', id);
    return row;
  }

  /** The cases the viewer may see, newest first, filtered. */
  async listCases(ctx: RequestContext, filter: CaseFilterData | null | undefined, args: PageArgs): Promise<Page<CaseEntity>> {
    const viewer = requireViewer(ctx);
    // The viewer's scope (src/policies) goes first in the list's SQL; every filter only narrows it.
    const page = await cases.casePage(this.db.reads, caseScope(viewer, 'c'), filter, args);
    // A principal's rows (the scope let them in through case_principal) carry their principals for the row checks of their fields.
    await withPrincipals(this.db.reads, viewer, page.items);
    return page;
  }

  /**
   * A page of a case's history, oldest first (`Case.events`), empty when the
   * viewer may not see the case. Paged in SQL (seq > the cursor's, first + 1
   * rows) by `load` — the GraphQL layer passes its request loader, which reads
   * that page of a whole page of cases in one statement, so a list of cases
   * costs the same statements however many it holds.
   */
  async eventPage(ctx: RequestContext, row: CaseEntity, args: PageArgs,
    load: (caseId: string, afterSeq: number, limit: number) => Promise<CaseEventEntity[]> = (id, afterSeq, limit) => caseEvents.eventPageOfCase(this.db.reads, id, afterSeq, limit)): Promise<Page<CaseEventEntity>> {
    const first = pageSize(args);
    const from = decodeCursor(args.after, 'caseEvents');
    const rows = canSeeCase(ctx.viewer, row) ? await load(row.id, from ? Number(from[0]) : 0, first + 1) : [];
    return toPage(rows, first, (e) => encodeCursor('caseEvents', e.seq), from);
  }

  /**
   * Intake (the intake job): FILED → SCREENING, or CLOSED(DUPLICATE) naming the
   * earlier open case with the same complainant, respondent, works and claim
   * type, or CLOSED(INELIGIBLE) when the complaint is no longer complete.
   * Idempotent: a case that has left FILED is left alone, and the event carries
   * a unique idempotency key.
   */
  async intake(caseId: string, now: Date): Promise<'skipped' | 'incomplete' | 'duplicate' | 'accepted'> {
    return this.db.transaction(async (tx) => {
      // Locked (FOR UPDATE on PostgreSQL): a second delivery waits here, then finds the case moved on. With it, in the
      // same statement on PostgreSQL: the complaint's works still registered to the complainant, the firm still there,
      // and the first open duplicate.
      const found = await cases.caseForIntake(tx, caseId);
      if (!found || found.row.status !== CaseStatus.FILED) return 'skipped';
      const { row, checks: counts } = found;
      const key = `intake-${caseId}`;
      const reasons: string[] = [];
      if (counts.links === 0 || counts.owned !== counts.links) reasons.push('a work named in the complaint is no longer registered to the complainant');
      if (counts.firms === 0) reasons.push('the respondent firm no longer exists');
      if (!row.statement.trim()) reasons.push('the statement is empty');
      if (reasons.length) {
        await this.workflow.apply(tx, row, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.INELIGIBLE, reasons }, SYSTEM_ACTOR, now, { idempotencyKey: key });
        return 'incomplete';
      }
      const earlier = counts.earlier;
      if (earlier && earlier < row.reference) {
        await this.workflow.apply(tx, row, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.DUPLICATE, duplicateOf: earlier }, SYSTEM_ACTOR, now,
          { idempotencyKey: key });
        return 'duplicate';
      }
      await this.workflow.apply(tx, row, { type: CommandType.INTAKE_ACCEPT }, SYSTEM_ACTOR, now,
        { idempotencyKey: key, jobs: [{ queue: QueueName.SCREEN, name: 'screen', jobId: jobId('screen', caseId), payload: { caseId } }] });
      return 'accepted';
    });
  }

  /**
   * `claimRespondent`: an AI_FIRM account takes over the respondent record a
   * served notice was addressed to, with the claim code the notice carried.
   * The record's cases (and their notices) move to the claiming firm: their
   * deadlines, history and events stay as they are, and each case records who
   * claimed it and when. The record is kept, marked as claimed, so later
   * filings against the same name land on the firm. The case rule needs no
   * change: it already follows respondentFirmId (src/policies/case.policy.ts).
   */
  async claimRespondent(ctx: RequestContext, claimCode: string, now = new Date()): Promise<AiFirmEntity> {
    const viewer = requireRole(ctx, Role.AI_FIRM);
    if (!viewer.firmId) throw new AppError('FORBIDDEN', 'Only an account with a firm profile claims a respondent record');
    const code = claimCode.trim();
    const hash = createHash('sha256').update(code, 'utf8').digest('hex');
    return this.db.transaction(async (tx) => {
      // Row-locked on PostgreSQL: of two claims with the same code, the second waits and finds it used.
      const notice = code ? await respondents.findNoticeByClaimCodeHash(tx, hash) : null;
      if (!notice) {
        new InputCheck('claimCode').add('claimCode', 'this is not the claim code of a served notice: copy it exactly from the notice email').throwIfAny();
      }
      if (notice!.claimedAt) throw new AppError('CONFLICT', `This claim code was already used (${notice!.claimedAt.toISOString()}); each code works once`);
      const record = await respondents.findFirmById(tx, notice!.firmId);
      if (!record || record.id === viewer.firmId) throw new AppError('CONFLICT', 'Your firm already holds this respondent record and its cases');
      if (record.enrolled || record.claimedByFirmId) {
        throw new AppError('CONFLICT', record.claimedByFirmId === viewer.firmId
          ? 'Your firm already claimed this respondent record; its cases are yours'
          : 'This respondent record belongs to a firm on Chōtei; it cannot be claimed');
      }
      const firm = (await respondents.findFirmById(tx, viewer.firmId!))!;
      const moved = await respondents.casesAgainst(tx, record.id);
      await respondents.moveRecordToFirm(tx, { noticeId: notice!.id, recordId: record.id, firmId: firm.id, now });
      for (const row of moved) {
        row.respondentFirmId = firm.id;
        await this.workflow.record(tx, row, [{ type: 'RESPONDENT_CLAIMED', fromStatus: row.status, toStatus: row.status,
          detail: { by: 'RESPONDENT', firmId: firm.id, firmName: firm.legalName, claimedByAccountId: viewer.accountId, claimedAt: now.toISOString(), recordId: record.id } }],
          { kind: ActorKind.RESPONDENT, accountId: viewer.accountId }, now);
      }
      return firm;
    });
  }

  /** Whether this mediator is assigned to a case against this firm (AiFirm.contactEmail, src/policies/fields.ts). */
  async mediatesCaseOf(mediatorId: string, firmId: string): Promise<boolean> {
    return cases.mediatesCaseAgainst(this.db.reads, mediatorId, firmId);
  }

  /** A case's whole history, oldest first. */
  async events(caseId: string): Promise<CaseEventEntity[]> {
    return caseEvents.eventsOf(this.db.reads, caseId);
  }
}


/** Normalised legal name and country: trimmed, case-folded (NFKC), inner spaces collapsed. */
export function respondentKey(r: Pick<RespondentData, 'legalName' | 'country'>): string {
  const name = r.legalName.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return `${r.country.trim().toUpperCase()}|${name}`;
}

function newRespondentRecord(r: RespondentData, now = new Date()): AiFirmEntity {
  return Object.assign(new AiFirmEntity(), {
    id: randomUUID(), accountId: null, legalName: r.legalName.trim().replace(/\s+/g, ' '), country: r.country.trim().toUpperCase(),
    servesJapaneseUsers: r.servesJapaneseUsers === true, webhookUrl: null, webhookSecret: null, enrolled: false, respondentKey: respondentKey(r),
    contactEmail: r.contactEmail.trim(), website: r.website?.trim() || null, aiSystemName: r.aiSystemName?.trim() || null,
    trainingServerInJapan: r.trainingServerInJapan ?? null, claimedByFirmId: null, createdAt: now,
  });
}

/** The checks of a RespondentInput beyond its declared limits; null when one failed. */
async function checkRespondent(q: Queryable, check: InputCheck, r: RespondentData): Promise<RespondentData | null> {
  const before = check.problems.length;
  check.check(r.legalName.trim().length > 0, 'respondent.legalName', 'must not be empty: the firm\'s registered legal name');
  const country = r.country.trim().toUpperCase();
  const known = /^[A-Z]{2}$/.test(country) && await referenceData.isKnownCountry(q, country);
  check.check(known, 'respondent.country', `"${r.country}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`, { key: 'validation.notCountry', params: { code: r.country } });
  check.check(isEmailAddress(r.contactEmail.trim()), 'respondent.contactEmail', 'must be an email address such as copyright@example.com (the notice is served there)');
  check.check(r.website == null || r.website.trim() === '' || isHttpUrl(r.website.trim()), 'respondent.website', 'must be an http(s) URL');
  return check.problems.length === before ? r : null;
}

export function dedupKey(complainantId: string, input: { respondentFirmId: string } & Pick<ComplaintData, 'workIds' | 'claimType'>): string {
  const key = [complainantId, input.respondentFirmId, [...input.workIds].sort().join(','), input.claimType].join('|');
  return createHash('sha256').update(key).digest('hex');
}

/** CH-YYYY-NNNNNN: the filing year's counter (`case-YYYY`), numbered as the case is written (cases.insertFiledCase). */
function caseReference(now: Date): cases.Numbering {
  const year = now.getUTCFullYear();
  return { counter: `case-${year}`, prefix: `CH-${year}-`, digits: 6 };
}

/** The evidence row of a checked input (addEvidence, and evidence filed with a complaint). */
function evidenceRow(caseId: string, submittedById: string, input: EvidenceData, file: StoredFileEntity | null, now: Date): Partial<EvidenceEntity> {
  return {
    id: randomUUID(), caseId, submittedById, kind: input.kind, description: input.description.trim(),
    url: input.url ?? null, sha256: input.sha256 ?? file?.sha256 ?? null, textExcerpt: input.textExcerpt ?? null, similarityScore: input.similarityScore ?? null,
    fileId: file?.id ?? null, triageScore: null, triageMethod: null, triageWorkId: null, triageComputedAt: null, createdAt: now,
  };
}
