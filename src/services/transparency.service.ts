import type { Database } from '../persistence/database';
import { jobId, QueueName } from '../domain/queues';
import { CaseOutcome, CaseStatus, ClaimType, ResolutionKind, TrainingDataCategory } from '../domain/enums';
import type { AiSystemEntity } from '../persistence/entities';
import * as aiSystems from '../persistence/repositories/ai-system.repository';
import * as report from '../persistence/repositories/transparency.repository';
import type { RequestContext } from '../policies/context';
import { InputCheck, notFound } from '../domain/errors';
import { requireFirm } from '../policies/guards';


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
      const system = await aiSystems.aiSystemById(tx, aiSystemId);
      if (!system || system.firmId !== viewer.firmId) throw notFound('AI system', aiSystemId);
      const categories = [...new Set(input.categories)];
      const suppressionMeasures = [...new Set(measures)];
      await aiSystems.recordDisclosure(tx, system.id, { disclosedAt: now, trainingDataCategories: categories, trainingCutoff: input.cutoff ?? null, suppressionMeasures });
      // Open cases against this system are re-assessed with the disclosure (RELIANCE may no longer be UNKNOWN).
      for (const caseId of await aiSystems.openCaseIdsOfAiSystem(tx, system.id)) {
        await tx.enqueue({ queue: QueueName.SCREEN, name: 'reassess', jobId: jobId('reassess', caseId, 'disclosure', now.getTime()), payload: { caseId, disclosedAt: now.toISOString() } });
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

    const cases = await report.casesFiledIn(this.db.reads, from, to);

    const noticed = cases.filter((c) => c.noticeSentAt);
    const notices = new Map<string, { sentAt: Date; servedAt: Date | null; unserved: boolean; respondedAt: Date | null }>();
    for (const [caseId, n] of await report.noticesOfCases(this.db.reads, noticed.map((c) => c.id))) {
      notices.set(caseId, { sentAt: n.sentAt, servedAt: n.servedAt, unserved: !n.servedAt && n.serviceAttempts != null, respondedAt: n.respondedAt });
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
    const firms = await report.firmNamesOf(this.db.reads, firmIds);
    const { registered: aiSystemsRegistered, disclosed: aiSystemsDisclosed } = await aiSystems.aiSystemCounts(this.db.reads);

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
          firmId: id, legalName: firms.get(id)?.legalName ?? '(unknown firm)', enrolled: firms.get(id)?.enrolled ?? true, casesNoticed: s.noticed, casesAnswered: s.answered,
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
