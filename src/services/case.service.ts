import { createHash, randomUUID } from 'node:crypto';
import type { Database, Tx } from '../config/database';
import { findIn } from '../config/fast-read';
import { insertRows } from '../config/fast-write';
import { ActorKind, CommandType } from '../domain/case/case-machine';
import { CaseStatus, ClaimType, EvidenceKind, Remedy, Role, UseStage } from '../domain/enums';
import type { ComplaintFacts } from '../domain/types';
import { AiFirmEntity, AiSystemEntity, CaseEntity, CaseEventEntity, CaseWorkEntity, EvidenceEntity, WorkEntity } from '../entities';
import { jobId, QueueName } from '../jobs/queues';
import { canSeeCase, caseScope, narrow, scopedQuery } from '../policies';
import { CaseWorkflow } from './case-workflow';
import type { RequestContext, Viewer } from './context';
import { AppError, InputCheck, notFound } from './errors';
import { requireRole, requireViewer } from './guards';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, toPage } from './pagination';
import { isHttpUrl, SHA256_HEX } from './work.service';

export interface ComplaintData {
  respondentFirmId: string; aiSystemId?: string | null; workIds: string[]; claimType: ClaimType; stage: UseStage;
  facts: ComplaintFacts; requestedRemedies: Remedy[]; claimedAmountJpy?: number | null; statement: string; goodFaithDeclaration: boolean;
}

export interface EvidenceData {
  kind: EvidenceKind; description: string; url?: string | null; sha256?: string | null; textExcerpt?: string | null; similarityScore?: number | null;
}

export interface CaseFilterData {
  status?: CaseStatus[] | null; claimType?: ClaimType[] | null; respondentFirmId?: string | null; mediatorId?: string | null; filedAfter?: Date | null;
}

export const MAX_STATEMENT = 20_000;
export const MAX_WORKS_PER_CASE = 50;

/** Reads one case row by id (null when there is none). */
export type CaseReader = (id: string) => Promise<CaseEntity | null>;

/** Filing, evidence, withdrawal and reading cases. */
export class CaseService {
  private readonly readCase: CaseReader = async (id) => (await findIn(this.db.reader, CaseEntity, 'id', [id]))[0] ?? null;
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow) {}

  /** Checks a complaint against the database; shared by fileComplaint and previewAssessment. */
  async checkComplaint(em: Tx['em'] | Database['reader'], viewer: Viewer, input: ComplaintData, argument = 'input') {
    const check = new InputCheck(argument);
    check.check(input.goodFaithDeclaration === true, 'goodFaithDeclaration', 'must be true: you declare in good faith that the complaint is accurate');
    const statement = input.statement.trim();
    check.check(statement.length > 0, 'statement', 'must not be empty: say what happened');
    check.check(input.workIds.length > 0, 'workIds', 'name at least one of your registered works');
    check.check(new Set(input.workIds).size === input.workIds.length, 'workIds', 'a work is listed twice');
    const [firm] = await findIn(em, AiFirmEntity, 'id', [input.respondentFirmId]);
    check.check(!!firm, 'respondentFirmId', `no AI firm has the id ${input.respondentFirmId}`);
    let aiSystem: AiSystemEntity | null = null;
    if (input.aiSystemId) {
      [aiSystem = null] = await findIn(em, AiSystemEntity, 'id', [input.aiSystemId]);
      if (!aiSystem) check.add('aiSystemId', `no AI system has the id ${input.aiSystemId}`);
      else if (firm && aiSystem.firmId !== firm.id) check.add('aiSystemId', 'this AI system belongs to another firm than respondentFirmId');
    }
    const works = input.workIds.length && input.workIds.length <= MAX_WORKS_PER_CASE
      ? await findIn(em, WorkEntity, 'id', input.workIds) : [];
    input.workIds.forEach((id, i) => {
      const work = works.find((w) => w.id === id);
      // Another creator's work is reported exactly like a missing one.
      if (!work || work.ownerId !== viewer.accountId) check.add(`workIds[${i}]`, `no work of yours has the id ${id}`);
    });
    check.throwIfAny();
    return { firm: firm!, aiSystem, works, statement };
  }

  async fileComplaint(ctx: RequestContext, input: ComplaintData, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    // Checked before the write transaction: firms, systems and works are never deleted
    // and never change owner, and a refused complaint then never waits for the write lock.
    const { statement } = await this.checkComplaint(this.db.reader, viewer, input);
    return this.db.transaction(async (tx) => {
      const reference = await nextReference(tx, now);
      const row = tx.em.create(CaseEntity, {
        id: randomUUID(), reference, status: CaseStatus.FILED, outcome: null, resolution: null, claimType: input.claimType, stage: input.stage,
        complainantId: viewer.accountId, respondentFirmId: input.respondentFirmId, aiSystemId: input.aiSystemId ?? null, mediatorId: null,
        facts: input.facts ?? {}, requestedRemedies: [...new Set(input.requestedRemedies)], claimedAmountJpy: input.claimedAmountJpy ?? null,
        statement, dedupKey: dedupKey(viewer.accountId, input), machine: {}, ruleSetVersion: null, noticeSentAt: null, closedAt: null,
        createdAt: now, updatedAt: now, version: 1,
      });
      await insertRows(tx.em, CaseEntity, [row]);
      await insertRows(tx.em, CaseWorkEntity, input.workIds.map((workId) => ({ caseId: row.id, workId })));
      await this.workflow.record(tx, row, [{ type: 'FILED', fromStatus: null, toStatus: CaseStatus.FILED, detail: { reference, claimType: row.claimType } }],
        { kind: ActorKind.COMPLAINANT, accountId: viewer.accountId }, now);
      await tx.enqueue({ queue: QueueName.INTAKE, name: 'intake', jobId: jobId('intake', row.id), payload: { caseId: row.id } });
      return row;
    });
  }

  async addEvidence(ctx: RequestContext, caseId: string, input: EvidenceData, now = new Date()): Promise<EvidenceEntity> {
    const viewer = requireViewer(ctx);
    const check = new InputCheck('input');
    check.check(input.description.trim().length > 0, 'description', 'must not be empty: say what it shows');
    check.check(input.url == null || isHttpUrl(input.url), 'url', 'must be an http(s) URL');
    check.check(input.sha256 == null || SHA256_HEX.test(input.sha256), 'sha256', 'must be a lowercase hex SHA-256 (64 characters 0-9a-f)');
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      if (actor.kind !== ActorKind.COMPLAINANT && actor.kind !== ActorKind.RESPONDENT) {
        throw new AppError('FORBIDDEN', 'Only the parties add evidence; mediators add notes');
      }
      if (row.status === CaseStatus.CLOSED) {
        throw new AppError('INVALID_TRANSITION', `Case ${row.reference} is CLOSED: no more evidence is taken`, { status: row.status, allowed: [] });
      }
      const evidence = tx.em.create(EvidenceEntity, {
        id: randomUUID(), caseId: row.id, submittedById: viewer.accountId, kind: input.kind, description: input.description.trim(),
        url: input.url ?? null, sha256: input.sha256 ?? null, textExcerpt: input.textExcerpt ?? null, similarityScore: input.similarityScore ?? null, createdAt: now,
      });
      await tx.em.insert(EvidenceEntity, evidence);
      await this.workflow.record(tx, row, [{ type: 'EVIDENCE_ADDED', fromStatus: row.status, toStatus: row.status, detail: { evidenceId: evidence.id, kind: input.kind, by: actor.kind } }], actor, now);
      // Open cases past intake are re-assessed with the new evidence.
      if (row.status !== CaseStatus.FILED) {
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
    if (!row || !canSeeCase(viewer, row)) return null;
    return row;
  }

  async requireCase(ctx: RequestContext, id: string, read?: CaseReader): Promise<CaseEntity> {
    const row = await this.getCase(ctx, id, read);
    if (!row) throw notFound('Case', id);
    return row;
  }

  /** The cases the viewer may see, newest first, filtered. */
  async listCases(ctx: RequestContext, filter: CaseFilterData | null | undefined, args: PageArgs): Promise<Page<CaseEntity>> {
    const viewer = requireViewer(ctx);
    const first = pageSize(args);
    const after = decodeCursor(args.after, 'cases');
    // The viewer's scope first (src/policies); every filter only narrows it.
    const qb = scopedQuery(this.db.reader, CaseEntity, 'c', caseScope(viewer, 'c'));
    if (filter?.status?.length) narrow(qb, 'c.status IN (:...filterStatus)', { filterStatus: filter.status });
    if (filter?.claimType?.length) narrow(qb, 'c.claimType IN (:...filterClaimType)', { filterClaimType: filter.claimType });
    if (filter?.respondentFirmId) narrow(qb, 'c.respondentFirmId = :filterFirm', { filterFirm: filter.respondentFirmId });
    if (filter?.mediatorId) narrow(qb, 'c.mediatorId = :filterMediator', { filterMediator: filter.mediatorId });
    if (filter?.filedAfter) narrow(qb, 'c.createdAt > :filterFiledAfter', { filterFiledAfter: filter.filedAfter });
    if (after) narrow(qb, 'c.reference < :afterReference', { afterReference: after[0] });
    const rows = await qb.orderBy('c.reference', 'DESC').take(first + 1).getMany();
    return toPage(rows, first, (c) => encodeCursor('cases', c.reference));
  }

  async events(caseId: string): Promise<CaseEventEntity[]> {
    return this.db.reader.find(CaseEventEntity, { where: { caseId }, order: { seq: 'ASC' } });
  }
}

export function dedupKey(complainantId: string, input: Pick<ComplaintData, 'respondentFirmId' | 'workIds' | 'claimType'>): string {
  const key = [complainantId, input.respondentFirmId, [...input.workIds].sort().join(','), input.claimType].join('|');
  return createHash('sha256').update(key).digest('hex');
}

/** CH-YYYY-NNNNNN from a yearly counter, incremented in the filing transaction. */
async function nextReference(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const name = `case-${year}`;
  const sql = tx.kind === 'postgres'
    ? 'INSERT INTO reference_counter (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = reference_counter.value + 1 RETURNING value'
    : 'INSERT INTO reference_counter (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = reference_counter.value + 1 RETURNING value';
  const rows = await tx.query<{ value: number }>(sql, [name]);
  return `CH-${year}-${String(rows[0].value).padStart(6, '0')}`;
}

