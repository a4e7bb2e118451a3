import { describe, expect, it } from 'vitest';
import {
  estimatedContainment, estimatedJaccard, exactSimilarity, parseFingerprint, serialiseFingerprint, shinglesOf, textFingerprint,
} from '../../src/infra/similarity/text-fingerprint';

const WORK = `The harbour lay quiet under a sky the colour of old pewter, and the fishing boats rocked against their ropes
as if they were impatient to leave. Mariko walked along the sea wall counting the gulls, the way her grandmother had taught her,
one for every boat that would come home before the storm. The lighthouse keeper waved from his window. Far out beyond the breakwater
a single sail caught the last light and held it, a small white flame on the dark water, until the rain came in from the west.`;

const OTHER = `Quarterly revenue rose by four percent on the strength of the new subscription tier, while costs for cloud
infrastructure fell after the migration to reserved instances. The board approved a dividend and asked management to report
on the hiring plan for the research division before the annual meeting in June, with particular attention to retention.`;

describe('text fingerprint (MinHash over shingles)', () => {
  it('gives the same text, reflowed, a score of 1', () => {
    const reflowed = WORK.replace(/\n/g, ' ').replace(/ (?=a single)/, '\n\n   ');
    expect(estimatedContainment(textFingerprint(reflowed), textFingerprint(WORK))).toBe(1);
  });

  it('keeps a lightly edited copy well above an unrelated text', () => {
    const words = WORK.split(/\s+/);
    // Three words swapped for others, two deleted.
    words[10] = 'grey'; words[30] = 'counted'; words[55] = 'beacon'; words.splice(70, 1); words.splice(20, 1);
    const edited = textFingerprint(words.join(' '));
    const reference = textFingerprint(WORK);
    const score = estimatedContainment(edited, reference);
    expect(score).toBeGreaterThan(0.6);
    expect(estimatedContainment(textFingerprint(OTHER), reference)).toBeLessThan(0.1);
    // The estimate is close to the exact share of shingles.
    expect(Math.abs(score - exactSimilarity(words.join(' '), WORK).containment)).toBeLessThan(0.15);
  });

  it('finds an excerpt inside a longer work (containment, not Jaccard)', () => {
    const excerpt = textFingerprint(WORK.slice(0, 200));
    const whole = textFingerprint(`${WORK}\n${OTHER}\n${OTHER.toUpperCase()}`);
    expect(estimatedJaccard(excerpt, whole)).toBeLessThan(0.5);
    expect(estimatedContainment(excerpt, whole)).toBeGreaterThan(0.7);
  });

  it('uses character 3-grams for Japanese, which has no spaces between words', () => {
    const ja = '港は古い錫色の空の下で静まり返り、漁船は出航を待ちきれないかのように綱に揺れていた。真理子は祖母に教わったとおり、嵐の前に帰ってくる船の数だけカモメを数えながら防波堤を歩いた。';
    const { mode } = shinglesOf(ja);
    expect(mode).toBe('c3');
    const edited = ja.replace('カモメ', 'かもめ').replace('防波堤', '岸壁');
    expect(estimatedContainment(textFingerprint(edited), textFingerprint(ja))).toBeGreaterThan(0.6);
    expect(estimatedContainment(textFingerprint('本日の会議では来年度の予算案と人員計画について議論し、研究部門の採用計画を六月までに報告することが決まった。'), textFingerprint(ja))).toBeLessThan(0.1);
  });

  it('serialises and reads back the same fingerprint (stored on the file row)', () => {
    const f = textFingerprint(WORK);
    const text = serialiseFingerprint(f);
    expect(text).toMatch(/^mh1:w3:\d+:[A-Za-z0-9+/=]+$/);
    const back = parseFingerprint(text)!;
    expect(back.mode).toBe('w3');
    expect(back.shingles).toBe(f.shingles);
    expect([...back.signature]).toEqual([...f.signature]);
    expect(parseFingerprint('mh1:w3:3:short')).toBeNull();
  });

  it('is deterministic (the same signature in every process)', () => {
    expect(serialiseFingerprint(textFingerprint('one two three four'))).toBe(serialiseFingerprint(textFingerprint('ONE  two\nthree four')));
  });
});
