/**
 * Similarity triage (issue 17): a score in 0..1 between an output sample uploaded as evidence and a work's
 * reference file of the same kind. It orders the work and routes a case; it is never a finding: the SIMILARITY
 * criterion stays a human judgement (facts.essentialFeaturesPerceivable) and never reads these scores.
 *
 * Methods (the score's `method` names one):
 * - `image-phash-dct64`: 1 − hamming(pHash_a, pHash_b) / 64 over the 64-bit DCT perceptual hashes of
 *   src/infra/similarity/phash.ts (the hash checkOptOutsPerceptual compares);
 * - `text-minhash-w3` / `text-minhash-c3`: the share of the output sample's shingles (word 3-grams, or character
 *   3-grams for text that is mostly Japanese/Chinese, which has no spaces) found in the reference text, estimated
 *   from 128-value MinHash signatures (src/infra/similarity/text-fingerprint.ts).
 *
 * Thresholds were chosen on the generated corpus of bench/similarity (precision and recall printed by
 * `npm run bench`): a score at or above `high` is STRONG, below `low` WEAK, between them MODERATE.
 */

export type TriageKind = 'image' | 'text';
export type TriageBand = 'STRONG' | 'MODERATE' | 'WEAK';

export const TRIAGE_METHODS = {
  image: 'image-phash-dct64',
  textWords: 'text-minhash-w3',
  textChars: 'text-minhash-c3',
} as const;

/** Per kind of file: STRONG at or above `high`, WEAK below `low`. */
export const TRIAGE_THRESHOLDS: Readonly<Record<TriageKind, { high: number; low: number }>> = Object.freeze({
  // Generated corpus (npm run bench): copies of an image score 0.69–1 (rotations and 5 % crops lowest), other images at most 0.72.
  image: { high: 0.8, low: 0.7 },
  // Copies of a text (reflowed, lightly edited, excerpts) score 0.74–1; other paragraphs at most 0.3 (Japanese, small vocabulary).
  text: { high: 0.6, low: 0.3 },
});

/** Which kind of comparison a media type allows (null: none, e.g. PDF or DOCX are stored but not compared). */
export function triageKindOf(mediaType: string): TriageKind | null {
  if (['image/png', 'image/jpeg', 'image/webp', 'image/gif'].includes(mediaType)) return 'image';
  if (mediaType === 'text/plain') return 'text';
  return null;
}

export function kindOfMethod(method: string): TriageKind {
  return method.startsWith('image-') ? 'image' : 'text';
}

export function triageBand(method: string, score: number): TriageBand {
  const t = TRIAGE_THRESHOLDS[kindOfMethod(method)];
  if (score >= t.high) return 'STRONG';
  if (score < t.low) return 'WEAK';
  return 'MODERATE';
}

/** 1 − hamming / 64 for two 64-bit hashes: the image score. */
export function imageScore(hammingDistance: number): number {
  return Math.max(0, Math.min(1, 1 - hammingDistance / 64));
}

/** What an assessment cites of one evidence file's triage: a separate entry, TRIAGE, never a finding. */
export interface TriageCitationData {
  code: 'TRIAGE';
  evidenceId: string;
  workId: string;
  method: string;
  score: number;
  band: TriageBand;
  citation: string;
}

export const TRIAGE_CITATION = 'Similarity triage only, not a finding: SIMILARITY is a human judgement (DESIGN.md "Assessment")';

export function triageCitation(evidenceId: string, workId: string, method: string, score: number): TriageCitationData {
  return { code: 'TRIAGE', evidenceId, workId, method, score, band: triageBand(method, score), citation: TRIAGE_CITATION };
}

/**
 * How triage routes screening, the least it can: an assessment that would send the case to the firm goes to a
 * mediator instead when the case's best triage score is WEAK (the files uploaded as the output and the original
 * share little), with a reason saying so. STRONG and MODERATE scores leave screening as it was; no score
 * changes nothing. Returns null when routing stays as the assessment decided.
 */
export function triageReviewReason(triage: readonly TriageCitationData[]): string | null {
  if (!triage.length) return null;
  const best = triage.reduce((a, b) => (b.score > a.score ? b : a));
  if (best.band !== 'WEAK') return null;
  const t = TRIAGE_THRESHOLDS[kindOfMethod(best.method)];
  return `TRIAGE: the best similarity triage score ${best.score.toFixed(2)} (${best.method}) is below ${t.low}: a mediator reviews before any notice (triage only, not a finding)`;
}
