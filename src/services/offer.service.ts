import { randomUUID } from 'node:crypto';
import type { Tx } from '../persistence/database';
import { Actor, ActorKind } from '../domain/case/case-machine';
import { Remedy, OfferStatus, OfferSide } from '../domain/enums';
import type { CaseEntity, OfferEntity } from '../persistence/entities';
import type { AmountSplit } from '../persistence/entities/offer.entity';
import * as mandates from '../persistence/repositories/mandate.repository';
import * as offers from '../persistence/repositories/offer.repository';
import { licenseTemplateByCode } from '../persistence/repositories/reference.repository';
import type { CaseWorkflow } from './case-workflow';
import { InputCheck } from '../domain/errors';

export interface OfferData {
  amountJpy?: number | null; licenseTemplateCode?: string | null; remedies?: Remedy[] | null; message?: string | null;
  /** How amountJpy divides among the case's principals (issue 14). */
  splits?: AmountSplit[] | null;
}



export const MAX_OFFER_MESSAGE = 5000;

/** Offers between the parties: one open offer per side; a new one supersedes it. */
export class OfferService {
  constructor(private readonly workflow: CaseWorkflow) {}

  /** Checks an offer; with the case `row`, also its splits (they name only the case's principals and sum to amountJpy). */
  async checkOffer(tx: Tx, input: OfferData, argument = 'input', prefix = '', row?: CaseEntity): Promise<void> {
    const check = new InputCheck(argument);
    if (input.splits?.length) {
      if (!row) check.add(`${prefix}splits`, 'an offer here cannot be split');
      else await checkSplits(tx, check, row, input, prefix);
    }
    check.check(input.amountJpy != null || !!input.licenseTemplateCode || !!input.remedies?.length, prefix || 'offer',
      'an offer needs an amount, a license template or remedies');
    if (input.licenseTemplateCode && !(await licenseTemplateByCode(tx, input.licenseTemplateCode))) {
      check.add(`${prefix}licenseTemplateCode`, `no license template has the code "${input.licenseTemplateCode}" (see licenseTemplates)`,
        { key: 'validation.noLicenseTemplate', params: { code: input.licenseTemplateCode } });
    }
    check.throwIfAny();
  }

  /** Records an offer by a party, superseding that party's open offer; appends OFFER_MADE (the amount stays out of the history). */
  async create(tx: Tx, row: CaseEntity, actor: Actor, input: OfferData, now: Date): Promise<OfferEntity> {
    const side = actor.kind === ActorKind.COMPLAINANT ? OfferSide.COMPLAINANT : OfferSide.RESPONDENT;
    const superseded = await offers.openOfferIdsOfSide(tx, row.id, side);
    await offers.supersedeOpenOffers(tx, row.id, side, now);
    const offer = await offers.insertOffer(tx, {
      id: randomUUID(), caseId: row.id, byAccountId: actor.accountId ?? '', side, amountJpy: input.amountJpy ?? null,
      licenseTemplateCode: input.licenseTemplateCode ?? null, remedies: [...new Set(input.remedies ?? [])], message: input.message ?? null,
      splits: input.splits?.length ? input.splits.map((x) => ({ principalId: x.principalId, amountJpy: x.amountJpy })) : null,
      status: OfferStatus.OPEN, respondedAt: null, createdAt: now,
    });
    await this.workflow.record(tx, row, [{
      type: 'OFFER_MADE', fromStatus: row.status, toStatus: row.status,
      detail: { offerId: offer.id, by: side, ...(superseded.length ? { supersedes: superseded } : {}) },
    }], actor, now);
    return offer;
  }

  /** Every OPEN offer of the case (but `except`) lapses: the case settled or left negotiation. Returns how many lapsed. */
  async lapseOpen(tx: Tx, caseId: string, now: Date, except?: string): Promise<number> {
    const ids = (await offers.openOfferIdsOf(tx, caseId)).filter((id) => id !== except);
    if (!ids.length) return 0;
    await offers.lapseOffers(tx, ids, now);
    return ids.length;
  }
}

/**
 * Splits (issue 14 point 7): how an offered amount divides among the
 * principals the case was filed for (the complainant alone when it filed for
 * itself). Each share names a principal of the case, once; the shares sum to
 * amountJpy, which must be given.
 */
async function checkSplits(tx: Tx, check: InputCheck, row: CaseEntity, input: OfferData, prefix: string): Promise<void> {
  const splits = input.splits ?? [];
  const stored = (await mandates.principalLinksOfCases(tx, [row.id])).map((l) => l.principalId);
  const principals = new Set(stored.length ? stored : [row.complainantId]);
  const seen = new Set<string>();
  splits.forEach((split, i) => {
    if (!principals.has(split.principalId)) check.add(`${prefix}splits[${i}].principalId`, `${split.principalId} is not a principal of this case (see Case.principals)`,
      { key: 'validation.notAPrincipal', params: { id: split.principalId } });
    else if (seen.has(split.principalId)) check.add(`${prefix}splits[${i}].principalId`, 'this principal already has a share in splits');
    seen.add(split.principalId);
  });
  if (input.amountJpy == null) {
    check.add(`${prefix}splits`, 'splits divide amountJpy: give amountJpy too');
    return;
  }
  const total = splits.reduce((sum, x) => sum + x.amountJpy, 0);
  if (total !== input.amountJpy) check.add(`${prefix}splits`, `the shares sum to ${total} yen, not amountJpy (${input.amountJpy} yen)`,
    { key: 'validation.splitsSum', params: { total, amount: input.amountJpy } });
}
