import type { Queryable } from '../database';
import { CrossBorderReferralEntity } from '../entities';
import { findIn } from '../sqlite/fast-read';

/** Cross-border referrals: at most one per case, to the partner body of the respondent firm's country. */

/** Whether the case has been referred across the border already. */
export async function hasReferral(q: Queryable, caseId: string): Promise<boolean> {
  return (await findIn(q.em, CrossBorderReferralEntity, 'caseId', [caseId])).length > 0;
}

/** Inserts a case's referral. */
export async function insertReferral(q: Queryable, row: Pick<CrossBorderReferralEntity, 'id' | 'caseId' | 'partnerCountry' | 'agreementId' | 'partnerBody' | 'createdAt'>): Promise<void> {
  await q.em.insert(CrossBorderReferralEntity, row);
}
