import type { Queryable } from '../database';
import { CrossBorderReferralEntity } from '../entities';
import { sqlText } from '../sql';
import { runSql } from '../sqlite/statements';

/** Cross-border referrals: at most one per case, to the partner body of the respondent firm's country. */

/** Whether the case has been referred across the border already. */
export async function hasReferral(q: Queryable, caseId: string): Promise<boolean> {
  return (await runSql(q.em, REFERRAL_OF_CASE_EXISTS(q), [caseId])).length > 0;
}

const REFERRAL_OF_CASE_EXISTS = sqlText(({ p }) => `SELECT 1 AS "found" FROM "cross_border_referral" WHERE "caseId" = ${p(1)}`);

/** Inserts a case's referral. */
export async function insertReferral(q: Queryable, row: Pick<CrossBorderReferralEntity, 'id' | 'caseId' | 'partnerCountry' | 'agreementId' | 'partnerBody' | 'createdAt'>): Promise<void> {
  await q.em.insert(CrossBorderReferralEntity, row);
}
