import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { CaseStatus } from '../../src/domain/enums';
import { detailParties, NOTIFICATION_RULES, otherParty, recipientsFor, RuleEvent } from '../../src/services/notification-rules';
import { safePayload } from '../../src/services/notification.service';
import { signWebhook } from '../../src/infra/webhooks/client';
import { WEBHOOK_MAX_DELAY_MS, webhookBackoff } from '../../src/services/webhook.service';

const event = (type: string, over: Partial<RuleEvent> = {}): RuleEvent => ({
  type, fromStatus: CaseStatus.NEGOTIATION, toStatus: CaseStatus.NEGOTIATION, actorRole: 'SYSTEM', detail: {}, ...over,
});

describe('notification rules', () => {
  it('maps events to the parties who must act', () => {
    expect(recipientsFor(event('NOTICE_SENT'))).toEqual(['RESPONDENT']);
    expect(recipientsFor(event('NOTICE_CONTESTED'))).toEqual(['COMPLAINANT']);
    expect(recipientsFor(event('RESPONSE_DEFAULTED')).sort()).toEqual(['COMPLAINANT', 'RESPONDENT']);
    expect(recipientsFor(event('MEDIATION_REQUESTED')).sort()).toEqual(['COMPLAINANT', 'MEDIATOR', 'RESPONDENT']);
    expect(recipientsFor(event('MEDIATOR_ASSIGNED'))).toEqual(['ASSIGNED_MEDIATOR', 'COMPLAINANT', 'RESPONDENT']);
    expect(recipientsFor(event('REMEDY_CERTIFIED'))).toEqual(['COMPLAINANT']);
    expect(recipientsFor(event('REMEDY_OVERDUE')).sort()).toEqual(['MEDIATOR', 'RESPONDENT']);
    expect(recipientsFor(event('RECOMMENDATION_DUE'))).toEqual(['MEDIATOR']);
    expect(recipientsFor(event('OFFER_MADE'))).toEqual(['OTHER_PARTY']);
    expect(recipientsFor(event('DEADLINE_REMINDER'))).toEqual(['DETAIL_PARTIES']);
  });

  it('tells both parties of any move into CLOSED, and nobody of unknown types', () => {
    expect(recipientsFor(event('WITHDRAWN', { toStatus: CaseStatus.CLOSED })).sort()).toEqual(['COMPLAINANT', 'RESPONDENT']);
    expect(recipientsFor(event('SOMETHING_NEW_CLOSING', { toStatus: CaseStatus.CLOSED })).sort()).toEqual(['COMPLAINANT', 'RESPONDENT']);
    expect(recipientsFor(event('ASSESSED'))).toEqual([]);
    expect(recipientsFor(event('SOMETHING_NEW'))).toEqual([]);
    expect(Object.keys(NOTIFICATION_RULES)).toContain('EVIDENCE_ADDED');
  });

  it('resolves the other party and the parties a reminder names', () => {
    expect(otherParty(event('OFFER_MADE', { actorRole: 'COMPLAINANT' }))).toBe('RESPONDENT');
    expect(otherParty(event('OFFER_MADE', { actorRole: 'RESPONDENT' }))).toBe('COMPLAINANT');
    expect(otherParty(event('BLIND_BID_SUBMITTED', { actorRole: 'SYSTEM', detail: { by: 'RESPONDENT' } }))).toBe('COMPLAINANT');
    expect(otherParty(event('EVIDENCE_ADDED', { actorRole: 'MEDIATOR' }))).toBeNull();
    expect(detailParties(event('DEADLINE_REMINDER', { detail: { parties: ['COMPLAINANT', 'RESPONDENT', 'ADMIN'] } }))).toEqual(['COMPLAINANT', 'RESPONDENT']);
    expect(detailParties(event('DEADLINE_REMINDER', { detail: { party: 'MEDIATOR' } }))).toEqual(['MEDIATOR']);
  });
});

describe('notification payloads', () => {
  it('keep ids, types and short values only', () => {
    expect(safePayload({
      caseId: 'c-1', eventSeq: 3, ok: true, none: null, kinds: ['A', 'B'], at: new Date('2026-01-01T00:00:00Z'),
      amountJpy: 5, statement: 'x', reason: 'y', email: 'a@b.c', displayName: 'n', nested: { a: 1 }, long: 'x'.repeat(500),
    })).toEqual({ caseId: 'c-1', eventSeq: 3, ok: true, none: null, kinds: ['A', 'B'], at: '2026-01-01T00:00:00.000Z' });
  });
});

describe('webhook signing and backoff', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 under the secret', () => {
    const at = new Date('2026-03-01T00:00:10.900Z');
    const header = signWebhook('whsec_test', '{"a":1}', at);
    const t = 1772323210;
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 'whsec_test').update(`${t}.{"a":1}`).digest('hex')}`);
  });

  it('doubles from the base up to an hour', () => {
    const config = { webhookRetryBaseMs: 30_000 };
    expect([1, 2, 3, 4].map((n) => webhookBackoff(config, n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(webhookBackoff(config, 12)).toBe(WEBHOOK_MAX_DELAY_MS);
    expect(webhookBackoff(config, 400)).toBe(WEBHOOK_MAX_DELAY_MS);
    // About 30 attempts fit in 24 hours at the default base.
    let total = 0;
    let n = 0;
    while (total <= 24 * 3600_000) total += webhookBackoff(config, ++n);
    expect(n).toBeGreaterThan(25);
    expect(n).toBeLessThan(40);
  });
});
