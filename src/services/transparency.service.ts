import { In, Not } from 'typeorm';
import type { Database } from '../persistence/database';
import { jobId, QueueName } from '../jobs/queues';
import { CaseOutcome, CaseStatus, ClaimType, ResolutionKind, TrainingDataCategory } from '../domain/enums';
import { AiFirmEntity, AiSystemEntity, CaseEntity, NoticeEntity } from '../persistence/entities';
import type { RequestContext } from './context';
import { InputCheck, notFound } from '../domain/errors';
import { requireFirm } from './guards';
import { chunks, SQL_CHUNK, toDate } from './opt-out.service';


export interface TrainingDisclosureInputData {
  categories: TrainingDataCategory[];
  cutoff?: Date | null;
  suppressionMeasures?: string[] | null;
}

export const MAX_SUPPRESSION_MEASURES = 50;
export const MAX_SUPPRESSION_MEASURE_LENGTH = 1000;

export interface TransparencyReportData {
  from: Date | null;
  to: Date;
  generatedAt: Date;
  totalCases: number;
  byStatus: Array<{ status: CaseStatus; count: number }>;
  byOutcome: Array<{ outcome: CaseOutcome; count: number; medianDaysToOutcome: number | null }>;
  byResolution: Array<{ resolution: ResolutionKind; count: number; medianDaysToOutcome: number | null }>;
  byClaimType: Array<{ claimType: ClaimType; count: number }>;
  firms: Array<{ firmId: string; legalName: string; enrolled: boolean; casesNoticed: number; casesAnswered: number; responseRate: number; medianResponseHours: number | null }>;
  aiSystemsRegistered: number;
  aiSystemsDisclosed: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Training-data disclosure per AI system, and the public transparency report. */
export class TransparencyService {
  constructor(private readonly db: Database) {}

  /**
   * AI_FIRM owning the system (others get NOT_FOUND): records the disclosure.
   * A later disclosure replaces the earlier one (disclosedAt moves on).
   */
  async discloseTrainingData(ctx: RequestContext, aiSystemId: string, input: TrainingDisclosureInputData, now = new Date()): Promise<AiSystemEntity> {
    const viewer = requireFirm(ctx);
    const check = new InputCheck('input');
    const known = new Set<string>(Object.values(TrainingDataCategory));
    check.check(input.categories.length > 0, 'categories', 'list at least one category (OTHER when none fits)');
    input.categories.forEach((c, i) => check.check(known.has(c), `categories[${i}]`, `"${c}" is not a TrainingDataCategory`));
    check.check(!input.cutoff || input.cutoff.getTime() <= now.getTime(), 'cutoff', 'must not be in the future');
    const measures = (input.suppressionMeasures ?? []).map((m) => m.trim());
    measures.forEach((m, i) => check.check(m.length > 0, `suppressionMeasures[${i}]`, 'must not be empty'));
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const system = await tx.em.findOne(AiSystemEntity, { where: { id: aiSystemId } });
      if (!system || system.firmId !== viewer.firmId) throw notFound('AI system', aiSystemId);
      const categories = [...new Set(input.categories)];
      const suppressionMeasures = [...new Set(measures)];
      await tx.em.update(AiSystemEntity, { id: system.id }, { disclosedAt: now, trainingDataCategories: categories, trainingCutoff: input.cutoff ?? null, suppressionMeasures });
      // Open cases against this system are re-assessed with the disclosure (RELIANCE may no longer be UNKNOWN).
      const open = await tx.em.find(CaseEntity, { where: { aiSystemId: system.id, status: Not(In([CaseStatus.FILED, CaseStatus.CLOSED])) }, select: { id: true } });
      for (const c of open) {
        await tx.enqueue({ queue: QueueName.SCREEN, name: 'reassess', jobId: jobId('reassess', c.id, 'disclosure', now.getTime()), payload: { caseId: c.id, disclosedAt: now.toISOString() } });
      }
      return Object.assign(system, { disclosedAt: now, trainingDataCategories: categories, trainingCutoff: input.cutoff ?? null, suppressionMeasures });
    });
  }

  /**
   * Public: aggregates over the cases filed in [from, to) — counts by status,
   * outcome, resolution and claim type; median days from filing to each
   * outcome; per firm, the cases it was noticed of, how many it answered and
   * the median hours to answer. No personal data, no statements.
   */
  async transparencyReport(_ctx: RequestContext, args: { from?: Date | null; to?: Date | null }, now = new Date()): Promise<TransparencyReportData> {
    const from = args.from ?? null;
    const to = args.to ?? now;
    const check = new InputCheck('to');
    check.check(!from || from.getTime() < to.getTime(), 'to', 'must be after from');
    check.throwIfAny();

    const qb = this.db.reader.createQueryBuilder(CaseEntity, 'c')
      .select(['c.id AS "id"', 'c.status AS "status"', 'c.outcome AS "outcome"', 'c.resolution AS "resolution"', 'c.claimType AS "claimType"',
        'c.respondentFirmId AS "firmId"', 'c.createdAt AS "createdAt"', 'c.closedAt AS "closedAt"', 'c.noticeSentAt AS "noticeSentAt"'])
      .where('c.createdAt < :to', { to });
    if (from) qb.andWhere('c.createdAt >= :from', { from });
    const cases = (await qb.getRawMany<Record<string, unknown>>()).map((r) => ({
      id: String(r.id), status: r.status as CaseStatus, outcome: (r.outcome as CaseOutcome | null) ?? null,
      resolution: (r.resolution as ResolutionKind | null) ?? null, claimType: r.claimType as ClaimType, firmId: String(r.firmId),
      createdAt: toDate(r.createdAt)!, closedAt: toDate(r.closedAt), noticeSentAt: toDate(r.noticeSentAt),
    }));

    const noticed = cases.filter((c) => c.noticeSentAt);
    const notices = new Map<string, { sentAt: Date; servedAt: Date | null; unserved: boolean; respondedAt: Date | null }>();
    for (const chunk of chunks(noticed.map((c) => c.id), SQL_CHUNK)) {
      const rows = await this.db.reader.find(NoticeEntity, { select: { caseId: true, sentAt: true, servedAt: true, serviceAttempts: true, respondedAt: true }, where: { caseId: In(chunk) } });
      for (const n of rows) notices.set(n.caseId, { sentAt: n.sentAt, servedAt: n.servedAt, unserved: !n.servedAt && n.serviceAttempts != null, respondedAt: n.respondedAt });
    }

    const count = <K extends string>(values: readonly K[], key: (c: (typeof cases)[number]) => K | null) =>
      values.map((v) => ({ value: v, rows: cases.filter((c) => key(c) === v) }));
    const daysToClose = (rows: typeof cases) => median(rows.filter((c) => c.closedAt).map((c) => (c.closedAt!.getTime() - c.createdAt.getTime()) / DAY_MS));

    const firmStats = new Map<string, { noticed: number; answered: number; hours: number[] }>();
    for (const c of noticed) {
      const n = notices.get(c.id);
      // A notice that has not reached the firm (its email is pending or was refused) does not count against it.
      if (n?.unserved) continue;
      const s = firmStats.get(c.firmId) ?? { noticed: 0, answered: 0, hours: [] };
      s.noticed += 1;
      if (n?.respondedAt) {
        s.answered += 1;
        // From service: a firm not on Chōtei learns of the notice when its email arrives, not when the case moved.
        s.hours.push((n.respondedAt.getTime() - (n.servedAt ?? n.sentAt ?? c.noticeSentAt!).getTime()) / HOUR_MS);
      }
      firmStats.set(c.firmId, s);
    }
    const firmIds = [...firmStats.keys()];
    const names = new Map<string, string>();
    const enrolled = new Map<string, boolean>();
    for (const chunk of chunks(firmIds, SQL_CHUNK)) {
      for (const f of await this.db.reader.find(AiFirmEntity, { select: { id: true, legalName: true, enrolled: true }, where: { id: In(chunk) } })) {
        names.set(f.id, f.legalName);
        enrolled.set(f.id, f.enrolled);
      }
    }
    const [aiSystemsRegistered, aiSystemsDisclosed] = await Promise.all([
      this.db.reader.count(AiSystemEntity),
      this.db.reader.createQueryBuilder(AiSystemEntity, 's').where('s.disclosedAt IS NOT NULL').getCount(),
    ]);

    return {
      from, to, generatedAt: now, totalCases: cases.length,
      byStatus: count(Object.values(CaseStatus), (c) => c.status).map(({ value, rows }) => ({ status: value, count: rows.length })),
      byOutcome: count(Object.values(CaseOutcome), (c) => c.outcome)
        .map(({ value, rows }) => ({ outcome: value, count: rows.length, medianDaysToOutcome: round(daysToClose(rows)) })),
      byResolution: count(Object.values(ResolutionKind), (c) => (c.outcome === CaseOutcome.RESOLVED ? c.resolution : null))
        .map(({ value, rows }) => ({ resolution: value, count: rows.length, medianDaysToOutcome: round(daysToClose(rows)) })),
      byClaimType: count(Object.values(ClaimType), (c) => c.claimType).map(({ value, rows }) => ({ claimType: value, count: rows.length })),
      firms: firmIds.map((id) => {
        const s = firmStats.get(id)!;
        return {
          firmId: id, legalName: names.get(id) ?? '(unknown firm)', enrolled: enrolled.get(id) ?? true, casesNoticed: s.noticed, casesAnswered: s.answered,
          responseRate: round(s.answered / s.noticed, 4)!, medianResponseHours: round(median(s.hours)),
        };
      }).sort((a, b) => b.casesNoticed - a.casesNoticed || a.legalName.localeCompare(b.legalName)),
      aiSystemsRegistered, aiSystemsDisclosed,
    };
  }
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function round(v: number | null, digits = 2): number | null {
  if (v == null) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
