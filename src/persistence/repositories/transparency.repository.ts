import { In } from 'typeorm';
import type { Queryable } from '../database';
import { CaseOutcome, CaseStatus, ClaimType, ResolutionKind } from '../../domain/enums';
import { AiFirmEntity, CaseEntity, NoticeEntity } from '../entities';
import { chunks, SQL_CHUNK } from './opt-out.repository';
import { toDate } from '../sql';

/** The figures of the public transparency report: cases, their notices and the firms noticed (no personal data). */

/** A case as the report counts it. */
export interface ReportCase {
  id: string; status: CaseStatus; outcome: CaseOutcome | null; resolution: ResolutionKind | null; claimType: ClaimType; firmId: string;
  createdAt: Date; closedAt: Date | null; noticeSentAt: Date | null;
}

/** A notice as the report counts it (when it was sent, served and answered). */
export type ReportNotice = Pick<NoticeEntity, 'sentAt' | 'servedAt' | 'serviceAttempts' | 'respondedAt'>;

/** The cases filed in [from, to) (from the first one when `from` is null). */
export async function casesFiledIn(q: Queryable, from: Date | null, to: Date): Promise<ReportCase[]> {
  const qb = q.em.createQueryBuilder(CaseEntity, 'c')
    .select(['c.id AS "id"', 'c.status AS "status"', 'c.outcome AS "outcome"', 'c.resolution AS "resolution"', 'c.claimType AS "claimType"',
      'c.respondentFirmId AS "firmId"', 'c.createdAt AS "createdAt"', 'c.closedAt AS "closedAt"', 'c.noticeSentAt AS "noticeSentAt"'])
    .where('c.createdAt < :to', { to });
  if (from) qb.andWhere('c.createdAt >= :from', { from });
  return (await qb.getRawMany<Record<string, unknown>>()).map((r) => ({
    id: String(r.id), status: r.status as CaseStatus, outcome: (r.outcome as CaseOutcome | null) ?? null,
    resolution: (r.resolution as ResolutionKind | null) ?? null, claimType: r.claimType as ClaimType, firmId: String(r.firmId),
    createdAt: toDate(r.createdAt)!, closedAt: toDate(r.closedAt), noticeSentAt: toDate(r.noticeSentAt),
  }));
}

/** The notices of these cases, by case id (a chunk of ids a statement). */
export async function noticesOfCases(q: Queryable, caseIds: string[]): Promise<Map<string, ReportNotice>> {
  const notices = new Map<string, ReportNotice>();
  for (const chunk of chunks(caseIds, SQL_CHUNK)) {
    const rows = await q.em.find(NoticeEntity, { select: { caseId: true, sentAt: true, servedAt: true, serviceAttempts: true, respondedAt: true }, where: { caseId: In(chunk) } });
    for (const n of rows) notices.set(n.caseId, { sentAt: n.sentAt, servedAt: n.servedAt, serviceAttempts: n.serviceAttempts, respondedAt: n.respondedAt });
  }
  return notices;
}

/** The legal name and enrolment of these firms, by id (a chunk of ids a statement). */
export async function firmNamesOf(q: Queryable, firmIds: string[]): Promise<Map<string, { legalName: string; enrolled: boolean }>> {
  const out = new Map<string, { legalName: string; enrolled: boolean }>();
  for (const chunk of chunks(firmIds, SQL_CHUNK)) {
    for (const f of await q.em.find(AiFirmEntity, { select: { id: true, legalName: true, enrolled: true }, where: { id: In(chunk) } })) {
      out.set(f.id, { legalName: f.legalName, enrolled: f.enrolled });
    }
  }
  return out;
}
