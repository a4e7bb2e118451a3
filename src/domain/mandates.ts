import type { ClaimType } from './enums';

/**
 * Mandates (issue 14 point 7): when a mandate lets an agent file for its
 * principal. Pure decisions; the mandate service and the complaint check
 * gather the rows.
 */
export interface MandateFacts {
  id: string;
  allWorks: boolean;
  /** Empty: every claim type. */
  claimTypes: readonly ClaimType[];
  validFrom: Date;
  validUntil: Date | null;
  revokedAt: Date | null;
  /** The works it lists (ignored with allWorks). */
  workIds: ReadonlySet<string>;
}

/** Why a mandate is not in force at `now`, or null when it is. */
export function notInForce(m: MandateFacts, now: Date): string | null {
  if (m.revokedAt && m.revokedAt <= now) return `was revoked on ${m.revokedAt.toISOString()}`;
  if (m.validFrom > now) return `is valid only from ${m.validFrom.toISOString()}`;
  if (m.validUntil && m.validUntil <= now) return `expired on ${m.validUntil.toISOString()}`;
  return null;
}

/** Whether a mandate is in force now: granted, not revoked, not expired. */
export function inForce(m: MandateFacts, now: Date): boolean {
  return notInForce(m, now) === null;
}

export type MandateVerdict = { ok: true; mandateId: string } | { ok: false; reason: string; uncoveredWorkIds: string[] };

/**
 * Whether one of the mandates a principal granted the filer lets it file
 * this complaint for the principal: in force at `now`, covering the claim
 * type and every one of the principal's works in the complaint. The first
 * that does is used; otherwise the reason the closest one fails, in this
 * order: none granted, none in force (revoked, expired), claim type, works.
 */
export function mandateFor(mandates: readonly MandateFacts[], claimType: ClaimType, workIds: readonly string[], now: Date): MandateVerdict {
  if (!mandates.length) return { ok: false, reason: 'has not granted you a mandate (grantMandate)', uncoveredWorkIds: [] };
  const live = mandates.filter((m) => inForce(m, now));
  if (!live.length) {
    const latest = mandates[mandates.length - 1];
    return { ok: false, reason: `has no mandate in force for you: the latest ${notInForce(latest, now)}`, uncoveredWorkIds: [] };
  }
  const forClaim = live.filter((m) => m.claimTypes.length === 0 || m.claimTypes.includes(claimType));
  if (!forClaim.length) {
    return { ok: false, reason: `has not mandated you for ${claimType} claims (only ${[...new Set(live.flatMap((m) => m.claimTypes))].join(', ')})`, uncoveredWorkIds: [] };
  }
  let best: { m: MandateFacts; missing: string[] } | null = null;
  for (const m of forClaim) {
    const missing = m.allWorks ? [] : workIds.filter((w) => !m.workIds.has(w));
    if (!missing.length) return { ok: true, mandateId: m.id };
    if (!best || missing.length < best.missing.length) best = { m, missing };
  }
  return { ok: false, reason: `has not mandated you for the work${best!.missing.length > 1 ? 's' : ''} ${best!.missing.join(', ')}`, uncoveredWorkIds: best!.missing };
}
