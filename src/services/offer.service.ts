import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { Tx } from '../persistence/database';
import { Actor, ActorKind } from '../domain/case/case-machine';
import { Remedy, OfferStatus, OfferSide } from '../domain/enums';
import { CaseEntity, LicenseTemplateEntity, OfferEntity } from '../persistence/entities';
import type { CaseWorkflow } from './case-workflow';
import { InputCheck } from '../domain/errors';

export interface OfferData { amountJpy?: number | null; licenseTemplateCode?: string | null; remedies?: Remedy[] | null; message?: string | null }



export const MAX_OFFER_MESSAGE = 5000;

/** Offers between the parties: one open offer per side; a new one supersedes it. */
export class OfferService {
  constructor(private readonly workflow: CaseWorkflow) {}

  async checkOffer(tx: Tx, input: OfferData, argument = 'input', prefix = ''): Promise<void> {
    const check = new InputCheck(argument);
    check.check(input.amountJpy != null || !!input.licenseTemplateCode || !!input.remedies?.length, prefix || 'offer',
      'an offer needs an amount, a license template or remedies');
    if (input.licenseTemplateCode && !(await tx.em.exists(LicenseTemplateEntity, { where: { code: input.licenseTemplateCode } }))) {
      check.add(`${prefix}licenseTemplateCode`, `no license template has the code "${input.licenseTemplateCode}" (see licenseTemplates)`);
    }
    check.throwIfAny();
  }

  /** Records an offer by a party, superseding that party's open offer; appends OFFER_MADE (the amount stays out of the history). */
  async create(tx: Tx, row: CaseEntity, actor: Actor, input: OfferData, now: Date): Promise<OfferEntity> {
    const side = actor.kind === ActorKind.COMPLAINANT ? OfferSide.COMPLAINANT : OfferSide.RESPONDENT;
    const superseded = await tx.em.find(OfferEntity, { where: { caseId: row.id, side, status: OfferStatus.OPEN }, select: { id: true } });
    await tx.em.update(OfferEntity, { caseId: row.id, side, status: OfferStatus.OPEN }, { status: OfferStatus.SUPERSEDED, respondedAt: now });
    const offer = tx.em.create(OfferEntity, {
      id: randomUUID(), caseId: row.id, byAccountId: actor.accountId ?? '', side, amountJpy: input.amountJpy ?? null,
      licenseTemplateCode: input.licenseTemplateCode ?? null, remedies: [...new Set(input.remedies ?? [])], message: input.message ?? null,
      status: OfferStatus.OPEN, respondedAt: null, createdAt: now,
    });
    await tx.em.insert(OfferEntity, offer);
    await this.workflow.record(tx, row, [{
      type: 'OFFER_MADE', fromStatus: row.status, toStatus: row.status,
      detail: { offerId: offer.id, by: side, ...(superseded.length ? { supersedes: superseded.map((o) => o.id) } : {}) },
    }], actor, now);
    return offer;
  }

  /** Every OPEN offer of the case (but `except`) lapses: the case settled or left negotiation. Returns how many lapsed. */
  async lapseOpen(tx: Tx, caseId: string, now: Date, except?: string): Promise<number> {
    const open = await tx.em.find(OfferEntity, { where: { caseId, status: OfferStatus.OPEN }, select: { id: true } });
    const ids = open.map((o) => o.id).filter((id) => id !== except);
    if (!ids.length) return 0;
    await tx.em.update(OfferEntity, { id: In(ids) }, { status: OfferStatus.LAPSED, respondedAt: now });
    return ids.length;
  }
}
