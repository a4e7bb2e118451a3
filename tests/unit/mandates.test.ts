import { describe, expect, it } from 'vitest';
import { ClaimType } from '../../src/domain/enums';
import { inForce, mandateFor, MandateFacts } from '../../src/domain/mandates';

const NOW = new Date('2026-06-01T00:00:00Z');
const m = (over: Partial<MandateFacts> = {}): MandateFacts => ({
  id: 'm1', allWorks: false, claimTypes: [], validFrom: new Date('2026-01-01T00:00:00Z'), validUntil: null, revokedAt: null, workIds: new Set(['w1', 'w2']), ...over,
});

describe('mandates: when an agent may file for a principal', () => {
  it('is in force from validFrom until validUntil or revocation', () => {
    expect(inForce(m(), NOW)).toBe(true);
    expect(inForce(m({ validUntil: NOW }), NOW)).toBe(false);
    expect(inForce(m({ revokedAt: new Date('2026-05-01T00:00:00Z') }), NOW)).toBe(false);
    expect(inForce(m({ validFrom: new Date('2026-07-01T00:00:00Z') }), NOW)).toBe(false);
  });

  it('covers the claim type and every work, or says why not', () => {
    expect(mandateFor([m()], ClaimType.OPT_OUT_IGNORED, ['w1', 'w2'], NOW)).toEqual({ ok: true, mandateId: 'm1' });
    expect(mandateFor([], ClaimType.OPT_OUT_IGNORED, ['w1'], NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/not granted you a mandate/) });
    expect(mandateFor([m({ revokedAt: new Date('2026-05-01T00:00:00Z') })], ClaimType.OPT_OUT_IGNORED, ['w1'], NOW))
      .toMatchObject({ ok: false, reason: expect.stringMatching(/revoked on 2026-05-01/) });
    expect(mandateFor([m({ validUntil: new Date('2026-05-01T00:00:00Z') })], ClaimType.OPT_OUT_IGNORED, ['w1'], NOW))
      .toMatchObject({ ok: false, reason: expect.stringMatching(/expired on 2026-05-01/) });
    expect(mandateFor([m({ claimTypes: [ClaimType.OPT_OUT_IGNORED] })], ClaimType.TRAINING_WITHOUT_PERMISSION, ['w1'], NOW))
      .toMatchObject({ ok: false, reason: expect.stringMatching(/TRAINING_WITHOUT_PERMISSION/) });
    expect(mandateFor([m()], ClaimType.OPT_OUT_IGNORED, ['w1', 'w3'], NOW)).toEqual({ ok: false, reason: expect.stringMatching(/w3/), uncoveredWorkIds: ['w3'] });
    expect(mandateFor([m({ allWorks: true, workIds: new Set() })], ClaimType.OPT_OUT_IGNORED, ['w9'], NOW)).toEqual({ ok: true, mandateId: 'm1' });
  });

  it('uses a mandate in force when an older one was revoked', () => {
    const old = m({ id: 'old', revokedAt: new Date('2026-02-01T00:00:00Z') });
    expect(mandateFor([old, m({ id: 'new' })], ClaimType.OPT_OUT_IGNORED, ['w1'], NOW)).toEqual({ ok: true, mandateId: 'new' });
  });
});
