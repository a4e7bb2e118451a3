/**
 * Shingled text fingerprints for similarity triage (issue 17): MinHash over shingles, and from two
 * signatures an estimate of how much of one text is found in the other. Pure and dependency-free.
 *
 * 1. Normalise: Unicode NFKC, lower case; line breaks and runs of white space are one space (so reflowing
 *    a text changes nothing).
 * 2. Shingles: when at least 30 % of the letters are CJK (kana, kanji, hangul: Japanese has no spaces
 *    between words) the character 3-grams of the text with spaces and punctuation removed (`c3`);
 *    otherwise the word 3-grams over the words (runs of letters and digits) (`w3`). A text with fewer
 *    words than the shingle length has one shingle, its whole token sequence.
 * 3. Each shingle is hashed to 32 bits (FNV-1a over its UTF-16 code units), then MinHash: for i in 0..127,
 *    min over shingles of mix32(h XOR SEED[i]) (mix32: the MurmurHash3 finaliser; SEED from a fixed
 *    xorshift32 sequence), so the signature is deterministic across processes and versions of Node.
 * 4. Estimates: Jaccard J = the share of equal signature positions; the containment of A in B (the share of
 *    A's shingles found in B) from J and the set sizes: |A∩B| = J(|A|+|B|)/(1+J), C = |A∩B|/|A|, at most 1.
 *
 * The serialised fingerprint is `mh1:<mode>:<shingle count>:<base64 of 128 little-endian uint32>`.
 */

export const SIGNATURE_SIZE = 128;
export const SHINGLE_LENGTH = 3;
/** Share of CJK letters above which character shingles are used. */
export const CJK_SHARE = 0.3;

export type ShingleMode = 'w3' | 'c3';

export interface TextFingerprint {
  mode: ShingleMode;
  /** Distinct shingles in the text. */
  shingles: number;
  signature: Uint32Array;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER = /[\p{L}\p{N}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Step 1. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Step 2: the mode and the distinct shingles of a normalised text. */
export function shinglesOf(text: string): { mode: ShingleMode; shingles: Set<string> } {
  const norm = normaliseText(text);
  let letters = 0;
  let cjk = 0;
  for (const ch of norm) {
    if (LETTER.test(ch)) {
      letters += 1;
      if (CJK.test(ch)) cjk += 1;
    }
  }
  const shingles = new Set<string>();
  if (letters > 0 && cjk / letters >= CJK_SHARE) {
    const chars = [...norm].filter((ch) => LETTER.test(ch));
    if (chars.length < SHINGLE_LENGTH) shingles.add(chars.join(''));
    for (let i = 0; i + SHINGLE_LENGTH <= chars.length; i += 1) shingles.add(chars.slice(i, i + SHINGLE_LENGTH).join(''));
    return { mode: 'c3', shingles };
  }
  const words = norm.match(WORD) ?? [];
  if (words.length > 0 && words.length < SHINGLE_LENGTH) shingles.add(words.join(' '));
  for (let i = 0; i + SHINGLE_LENGTH <= words.length; i += 1) shingles.add(words.slice(i, i + SHINGLE_LENGTH).join(' '));
  return { mode: 'w3', shingles };
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    seeds[i] = x;
  }
  return seeds;
})();

/** Steps 1–3. */
export function textFingerprint(text: string): TextFingerprint {
  const { mode, shingles } = shinglesOf(text);
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    const h = fnv1a(shingle);
    for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
      const v = mix32(h ^ SEEDS[i]!);
      if (v < signature[i]!) signature[i] = v;
    }
  }
  return { mode, shingles: shingles.size, signature };
}

/** Step 4: the estimated Jaccard similarity of two fingerprints' shingle sets (0 when either is empty or modes differ). */
export function estimatedJaccard(a: TextFingerprint, b: TextFingerprint): number {
  if (a.mode !== b.mode || a.shingles === 0 || b.shingles === 0) return 0;
  let equal = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) if (a.signature[i] === b.signature[i]) equal += 1;
  return equal / SIGNATURE_SIZE;
}

/** Step 4: the estimated share of `sample`'s shingles found in `reference`, 0..1. */
export function estimatedContainment(sample: TextFingerprint, reference: TextFingerprint): number {
  const j = estimatedJaccard(sample, reference);
  if (j === 0) return 0;
  const intersection = (j * (sample.shingles + reference.shingles)) / (1 + j);
  return Math.min(1, intersection / sample.shingles);
}

export function serialiseFingerprint(f: TextFingerprint): string {
  const bytes = Buffer.alloc(SIGNATURE_SIZE * 4);
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) bytes.writeUInt32LE(f.signature[i]!, i * 4);
  return `mh1:${f.mode}:${f.shingles}:${bytes.toString('base64')}`;
}

export function parseFingerprint(s: string): TextFingerprint | null {
  const m = /^mh1:(w3|c3):(\d+):([A-Za-z0-9+/=]+)$/.exec(s);
  if (!m) return null;
  const bytes = Buffer.from(m[3]!, 'base64');
  if (bytes.length !== SIGNATURE_SIZE * 4) return null;
  const signature = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) signature[i] = bytes.readUInt32LE(i * 4);
  return { mode: m[1] as ShingleMode, shingles: Number(m[2]), signature };
}

/** Exact Jaccard and containment of two texts' shingle sets (tests and the bench check the estimates against it). */
export function exactSimilarity(sample: string, reference: string): { jaccard: number; containment: number } {
  const a = shinglesOf(sample);
  const b = shinglesOf(reference);
  if (a.mode !== b.mode || !a.shingles.size || !b.shingles.size) return { jaccard: 0, containment: 0 };
  let both = 0;
  for (const s of a.shingles) if (b.shingles.has(s)) both += 1;
  return { jaccard: both / (a.shingles.size + b.shingles.size - both), containment: both / a.shingles.size };
}
