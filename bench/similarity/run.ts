import { hammingDistance, imagePerceptualHash } from '../../src/infra/similarity/phash';
import { estimatedContainment, exactSimilarity, textFingerprint } from '../../src/infra/similarity/text-fingerprint';
import { imageScore, TRIAGE_THRESHOLDS, type TriageKind } from '../../src/domain/triage';
import {
  baseImage, IMAGE_VARIANTS, imageVariant, japaneseParagraph, paragraph, rng, TEXT_VARIANTS, textVariant, vocabulary,
} from './corpus';

/**
 * Similarity triage on a generated, labelled corpus (bench/similarity/corpus.ts): every pair is scored with the
 * production functions (the pHash of src/infra/similarity/phash.ts, the MinHash of text-fingerprint.ts), then
 * precision and recall are printed at the thresholds of src/domain/triage.ts:
 *  - at `high` (STRONG: "this looks like a copy"): precision = copies among the pairs scored STRONG, recall = copies scored STRONG;
 *  - at `low` (not WEAK: the case is not sent to review by triage): recall = copies kept out of WEAK (the cost of a
 *    wrong WEAK is a review a case did not need), precision among the pairs kept out of WEAK.
 * Also per variant: the lowest score of a copy, and the highest score of a non-copy. Prints figures; asserts nothing.
 * Alone: `npm run build && node dist/bench/similarity/run.js [bases] [paragraphs]`.
 */

interface Pair { kind: TriageKind; variant: string; positive: boolean; score: number }

export async function benchSimilarity(options: { images?: number; paragraphs?: number; log?: (line: string) => void } = {}): Promise<Record<string, number>> {
  const log = options.log ?? ((line: string) => console.log(line));
  const bases = options.images ?? 40;
  const paragraphs = options.paragraphs ?? 120;
  const pairs: Pair[] = [];
  const started = Date.now();

  // Images.
  const originals = await Promise.all(Array.from({ length: bases }, (_, i) => baseImage(1000 + i)));
  const baseHashes = await Promise.all(originals.map((png) => imagePerceptualHash(png)));
  const r = rng(42);
  for (let i = 0; i < bases; i += 1) {
    for (const [v, variant] of IMAGE_VARIANTS.entries()) {
      const copy = await imageVariant(originals[i]!, variant, i * 31 + v);
      const hash = await imagePerceptualHash(copy);
      pairs.push({ kind: 'image', variant, positive: true, score: imageScore(hammingDistance(hash, baseHashes[i]!)) });
      let j = Math.floor(r() * (bases - 1));
      if (j >= i) j += 1;
      pairs.push({ kind: 'image', variant, positive: false, score: imageScore(hammingDistance(hash, baseHashes[j]!)) });
    }
  }
  const imageSeconds = (Date.now() - started) / 1000;

  // Text: English-like and Japanese paragraphs.
  const words = vocabulary(7);
  const tr = rng(99);
  const texts = Array.from({ length: paragraphs }, (_, i) => (i % 4 === 3 ? { text: japaneseParagraph(tr), ja: true } : { text: paragraph(tr, words), ja: false }));
  const prints = texts.map((t) => textFingerprint(t.text));
  let worstEstimateError = 0;
  for (let i = 0; i < texts.length; i += 1) {
    for (const [v, variant] of TEXT_VARIANTS.entries()) {
      const copy = textVariant(texts[i]!.text, variant, i * 17 + v, words, texts[i]!.ja);
      const fp = textFingerprint(copy);
      const score = estimatedContainment(fp, prints[i]!);
      worstEstimateError = Math.max(worstEstimateError, Math.abs(score - exactSimilarity(copy, texts[i]!.text).containment));
      pairs.push({ kind: 'text', variant: `${texts[i]!.ja ? 'ja ' : ''}${variant}`, positive: true, score });
      // A negative of the same language.
      let j = i;
      while (j === i || texts[j]!.ja !== texts[i]!.ja) j = Math.floor(tr() * texts.length);
      pairs.push({ kind: 'text', variant: `${texts[i]!.ja ? 'ja ' : ''}${variant}`, positive: false, score: estimatedContainment(fp, prints[j]!) });
    }
  }

  const figures: Record<string, number> = {};
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  for (const kind of ['image', 'text'] as const) {
    const of = pairs.filter((p) => p.kind === kind);
    const t = TRIAGE_THRESHOLDS[kind];
    const at = (threshold: number) => {
      const predicted = of.filter((p) => p.score >= threshold);
      const tp = predicted.filter((p) => p.positive).length;
      const positives = of.filter((p) => p.positive).length;
      return { precision: predicted.length ? tp / predicted.length : 1, recall: tp / positives };
    };
    const high = at(t.high);
    const low = at(t.low);
    figures[`${kind}.high.precision`] = high.precision; figures[`${kind}.high.recall`] = high.recall;
    figures[`${kind}.low.precision`] = low.precision; figures[`${kind}.low.recall`] = low.recall;
    const positives = of.filter((p) => p.positive).length;
    log(`Similarity triage, ${kind} (${positives} copies, ${of.length - positives} non-copies)`);
    log(`  STRONG at score ≥ ${t.high}: precision ${pct(high.precision)}, recall ${pct(high.recall)}`);
    log(`  not WEAK at score ≥ ${t.low}: precision ${pct(low.precision)}, recall ${pct(low.recall)} (copies wrongly sent to review: ${pct(1 - low.recall)})`);
    for (const variant of [...new Set(of.map((p) => p.variant))]) {
      const pos = of.filter((p) => p.variant === variant && p.positive).map((p) => p.score);
      const neg = of.filter((p) => p.variant === variant && !p.positive).map((p) => p.score);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      log(`    ${variant.padEnd(22)} copies: min ${Math.min(...pos).toFixed(3)}, median ${median(pos).toFixed(3)}; non-copies: max ${Math.max(...neg).toFixed(3)}, median ${median(neg).toFixed(3)}`);
    }
  }
  log(`  text: largest gap between the MinHash estimate and the exact containment: ${worstEstimateError.toFixed(3)}`);
  log(`  (corpus generated and scored in ${((Date.now() - started) / 1000).toFixed(1)} s, images ${imageSeconds.toFixed(1)} s)`);
  return figures;
}

if (require.main === module) {
  const [images, paragraphs] = process.argv.slice(2).map(Number);
  benchSimilarity({ images: images || undefined, paragraphs: paragraphs || undefined }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
