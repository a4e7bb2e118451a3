/** Issue 15: an opt-out signal's value as a rights office saw it, read into the uses it reserves and the scope for them. */
import { describe, expect, it } from 'vitest';
import { OptOutScope, OptOutSignal } from '../../src/domain/enums';
import {
  combineReadings, isSignalProblem, readSignalValue, scopeCoversReading, scopeForUses, SignalReading, SignalValueResult,
} from '../../src/domain/opt-out-signal-values';

const read = (signal: OptOutSignal, value: string): SignalReading => {
  const r = readSignalValue(signal, value);
  if (isSignalProblem(r)) throw new Error(`expected a reading of ${value}, got: ${r.problem.en}`);
  return r;
};
const problem = (r: SignalValueResult) => (isSignalProblem(r) ? r.problem : null);
const summary = (r: SignalReading) => ({ uses: r.uses, generativeOnly: r.generativeOnly, scope: r.scope });

describe('IPTC_DMI: the PLUS Data Mining vocabulary', () => {
  it.each([
    ['DMI-UNSPECIFIED', [], false, null],
    ['DMI-ALLOWED', [], false, null],
    ['DMI-PROHIBITED-AIMLTRAINING', ['TRAINING'], false, OptOutScope.ALL_AI_TRAINING],
    ['DMI-PROHIBITED-GENAIMLTRAINING', ['TRAINING'], true, OptOutScope.GENERATIVE_TRAINING],
    ['DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING', ['TRAINING', 'INFERENCE'], false, OptOutScope.ALL_AI_USE_EXCEPT_SEARCH],
    ['DMI-PROHIBITED', ['TRAINING', 'INFERENCE', 'SEARCH'], false, OptOutScope.ALL_AI_USE],
  ])('%s', (code, uses, generativeOnly, scope) => {
    expect(summary(read(OptOutSignal.IPTC_DMI, code))).toEqual({ uses, generativeOnly, scope });
  });

  it('takes the full URI of the vocabulary, and ExifTool\'s printed label', () => {
    expect(read(OptOutSignal.IPTC_DMI, 'http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-GENAIMLTRAINING').scope).toBe(OptOutScope.GENERATIVE_TRAINING);
    expect(read(OptOutSignal.IPTC_DMI, ' http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED ').scope).toBe(OptOutScope.ALL_AI_USE);
    expect(read(OptOutSignal.IPTC_DMI, 'Prohibited for Generative AI/ML training').scope).toBe(OptOutScope.GENERATIVE_TRAINING);
  });

  it('reads the "see …" values as the prohibition they state, and says that the referenced expression is not read', () => {
    for (const code of ['DMI-PROHIBITED-SEECONSTRAINT', 'DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR', 'DMI-PROHIBITED-SEELINKEDRIGHTSEXPR']) {
      const r = read(OptOutSignal.IPTC_DMI, code);
      expect(r.scope).toBe(OptOutScope.ALL_AI_USE);
      expect(r.explanation.en).toContain('which Chōtei does not read');
      expect(r.explanation.ja).toContain('Chōtei はそれを読みません');
    }
  });

  it('refuses a code outside the vocabulary, naming the codes it accepts', () => {
    for (const value of ['DMI-ALLOWED-WITHCONSTRAINTS', 'http://example.com/ldf/vocab/DMI-PROHIBITED', 'prohibited-ish']) {
      const p = problem(readSignalValue(OptOutSignal.IPTC_DMI, value));
      expect(p?.en).toContain('DMI-PROHIBITED-GENAIMLTRAINING');
      expect(p?.ja).toContain('PLUS Data Mining の値ではありません');
    }
  });
});

describe('CAWG: the training-and-data-mining assertion 1.1', () => {
  it('reads the assertion, or its entries alone, and counts "constrained" as "notAllowed" as the spec says', () => {
    const assertion = JSON.stringify({ entries: {
      'cawg.ai_generative_training': { use: 'notAllowed' }, 'cawg.ai_training': { use: 'allowed' },
      'cawg.ai_inference': { use: 'allowed' }, 'cawg.data_mining': { use: 'allowed' },
    } });
    expect(summary(read(OptOutSignal.CAWG, assertion))).toEqual({ uses: ['TRAINING'], generativeOnly: true, scope: OptOutScope.GENERATIVE_TRAINING });

    const constrained = read(OptOutSignal.CAWG, '{"cawg.ai_inference": {"use": "constrained", "constraints_info": "https://example.com/licence"}}');
    expect(summary(constrained)).toEqual({ uses: ['INFERENCE'], generativeOnly: false, scope: OptOutScope.AI_INFERENCE });
    expect(constrained.explanation.en).toContain('"constrained" counts as "notAllowed"');
    // AI_INFERENCE also reserves search: the narrowest covering scope, and the explanation says so.
    expect(constrained.explanation.en).toContain('No scope reserves exactly this; the narrowest that covers it is AI_INFERENCE, which also reserves SEARCH');
  });

  it('reserves all training when non-generative training or data mining is not allowed', () => {
    const r = read(OptOutSignal.CAWG, JSON.stringify({ entries: { 'cawg.ai_generative_training': { use: 'notAllowed' }, 'cawg.ai_training': { use: 'notAllowed' }, 'cawg.ai_inference': { use: 'notAllowed' } } }));
    expect(summary(r)).toEqual({ uses: ['TRAINING', 'INFERENCE'], generativeOnly: false, scope: OptOutScope.ALL_AI_USE_EXCEPT_SEARCH });
    expect(read(OptOutSignal.CAWG, '{"entries": {"cawg.data_mining": {"use": "notAllowed"}}}').scope).toBe(OptOutScope.ALL_AI_TRAINING);
  });

  it('reads the C2PA 1.x labels, ignores custom ones and reserves nothing when everything is allowed', () => {
    expect(read(OptOutSignal.CAWG, '{"entries": {"c2pa.ai_generative_training": {"use": "notAllowed"}}}').scope).toBe(OptOutScope.GENERATIVE_TRAINING);
    const allowed = read(OptOutSignal.CAWG, '{"entries": {"cawg.ai_training": {"use": "allowed"}, "com.example.custom": {"use": "notAllowed"}}}');
    expect(summary(allowed)).toEqual({ uses: [], generativeOnly: false, scope: null });
    expect(allowed.explanation.en).toContain('Ignored (not an entry of the assertion): com.example.custom');
  });

  it('refuses what is not the assertion\'s JSON, or a use outside allowed / notAllowed / constrained', () => {
    expect(problem(readSignalValue(OptOutSignal.CAWG, 'notAllowed'))?.en).toMatch(/^not JSON: give the cawg.training-mining assertion/);
    expect(problem(readSignalValue(OptOutSignal.CAWG, '[1]'))?.en).toContain('not a JSON object');
    expect(problem(readSignalValue(OptOutSignal.CAWG, '{"entries": {"cawg.ai_training": {"use": "forbidden"}}}'))?.en)
      .toContain('cawg.ai_training: use must be "allowed", "notAllowed" or "constrained" (got "forbidden")');
  });
});

describe('AI_PREFERENCES: IETF AI Preferences (Content-Usage)', () => {
  it('reads the draft\'s examples: y allows, n disallows, train-ai is generative training', () => {
    expect(summary(read(OptOutSignal.AI_PREFERENCES, 'train-ai=n'))).toEqual({ uses: ['TRAINING'], generativeOnly: true, scope: OptOutScope.GENERATIVE_TRAINING });
    expect(summary(read(OptOutSignal.AI_PREFERENCES, 'train-ai=y, search=n'))).toEqual({ uses: ['SEARCH'], generativeOnly: false, scope: OptOutScope.AI_INFERENCE });
    expect(summary(read(OptOutSignal.AI_PREFERENCES, 'train-ai=n, ai-use=n, search=y'))).toEqual({ uses: ['TRAINING', 'INFERENCE'], generativeOnly: true, scope: OptOutScope.ALL_AI_USE_EXCEPT_SEARCH });
  });

  it('takes the header or robots.txt rule with its name, and a robots.txt path', () => {
    expect(read(OptOutSignal.AI_PREFERENCES, 'Content-Usage: train-ai=n').scope).toBe(OptOutScope.GENERATIVE_TRAINING);
    expect(read(OptOutSignal.AI_PREFERENCES, 'Content-Usage: /images/ train-ai=n, ai-use=n, search=n').scope).toBe(OptOutScope.ALL_AI_USE);
  });

  it('treats unknown labels and values other than the tokens y and n as unknown, as the draft says (the last of a repeated key applies)', () => {
    const r = read(OptOutSignal.AI_PREFERENCES, 'train-ai=no, bots=n, search="n", ai-use');
    expect(r.uses).toEqual([]);
    expect(r.explanation.en).toContain('Unknown, so ignored as the draft requires (an unknown label, or a value other than the tokens y and n): train-ai, bots, search, ai-use');
    expect(read(OptOutSignal.AI_PREFERENCES, 'ai-use=n;reason="x"').uses).toEqual(['INFERENCE']);
    expect(read(OptOutSignal.AI_PREFERENCES, 'train-ai;allow=n, train-ai=y, ai-use=n').uses).toEqual(['INFERENCE']);
    expect(read(OptOutSignal.AI_PREFERENCES, 'train-ai=n, train-ai=y').uses).toEqual([]);
  });

  it('refuses what is not a Structured Fields dictionary (keys are lowercase)', () => {
    for (const value of ['Train-AI=n', 'train-ai=n,', 'train-ai = n', '=n']) {
      expect(problem(readSignalValue(OptOutSignal.AI_PREFERENCES, value))?.en, value).toContain('not a Content-Usage dictionary');
    }
  });
});

describe('CONTENT_SIGNAL: the Content Signals Policy', () => {
  it('reads Cloudflare\'s default and the full form', () => {
    expect(summary(read(OptOutSignal.CONTENT_SIGNAL, 'search=yes, ai-train=no'))).toEqual({ uses: ['TRAINING'], generativeOnly: false, scope: OptOutScope.ALL_AI_TRAINING });
    expect(read(OptOutSignal.CONTENT_SIGNAL, 'Content-Signal: search=yes, ai-input=no, ai-train=no').scope).toBe(OptOutScope.ALL_AI_USE_EXCEPT_SEARCH);
    expect(read(OptOutSignal.CONTENT_SIGNAL, 'search=no, ai-input=no, ai-train=no').scope).toBe(OptOutScope.ALL_AI_USE);
    expect(read(OptOutSignal.CONTENT_SIGNAL, 'search=yes, ai-input=yes, ai-train=yes').scope).toBeNull();
  });

  it('refuses an unknown signal or an answer other than yes / no', () => {
    expect(problem(readSignalValue(OptOutSignal.CONTENT_SIGNAL, 'ai-train=n'))?.en).toContain('"ai-train=n" is not a content signal');
    expect(problem(readSignalValue(OptOutSignal.CONTENT_SIGNAL, 'search-ai=no'))?.en).toContain('signals search, ai-input, ai-train');
  });
});

describe('X_ROBOTS_TAG_NOAI: noai / noimageai', () => {
  it('reads noai as a reservation of AI training, ignoring other directives', () => {
    const r = read(OptOutSignal.X_ROBOTS_TAG_NOAI, 'noindex, NOAI');
    expect(summary(r)).toEqual({ uses: ['TRAINING'], generativeOnly: false, scope: OptOutScope.ALL_AI_TRAINING });
    expect(r.explanation.en).toContain('Ignored (not about AI): noindex');
    expect(read(OptOutSignal.X_ROBOTS_TAG_NOAI, 'X-Robots-Tag: googlebot: noai, max-snippet:50').scope).toBe(OptOutScope.ALL_AI_TRAINING);
  });

  it('reads noimageai as reserving this work\'s training, and says it is exact only for an image', () => {
    const r = read(OptOutSignal.X_ROBOTS_TAG_NOAI, 'noimageai');
    expect(r.scope).toBe(OptOutScope.ALL_AI_TRAINING);
    expect(r.explanation.en).toContain('noimageai reserves AI training on images only');
  });

  it('reserves nothing with other directives alone, and refuses what is not a directive list', () => {
    expect(read(OptOutSignal.X_ROBOTS_TAG_NOAI, 'noindex, nofollow').uses).toEqual([]);
    expect(problem(readSignalValue(OptOutSignal.X_ROBOTS_TAG_NOAI, '<meta name="robots">'))).not.toBeNull();
  });
});

describe('TDMREP: tdm-reservation', () => {
  it('reads 1 as a reservation of AI training and 0 as none', () => {
    expect(read(OptOutSignal.TDMREP, 'tdm-reservation: 1').scope).toBe(OptOutScope.ALL_AI_TRAINING);
    expect(read(OptOutSignal.TDMREP, '1').explanation.ja).toContain('テキスト・データマイニング');
    expect(read(OptOutSignal.TDMREP, '0').scope).toBeNull();
    expect(problem(readSignalValue(OptOutSignal.TDMREP, 'yes'))?.en).toContain('1 (reserved) or 0 (not reserved)');
  });
});

describe('signals without a value vocabulary, and empty values', () => {
  it.each([OptOutSignal.REGISTRY, OptOutSignal.ROBOTS_TXT, OptOutSignal.AI_TXT, OptOutSignal.RSL])('%s asks for the scope', (signal) => {
    expect(problem(readSignalValue(signal, 'anything'))?.en).toContain('give the scope instead');
  });

  it('refuses an empty value', () => {
    expect(problem(readSignalValue(OptOutSignal.IPTC_DMI, '  '))?.en).toContain('must not be empty');
  });
});

describe('scopes for reserved uses', () => {
  it('the exact scope, else the narrowest covering one', () => {
    expect(scopeForUses(['TRAINING', 'INFERENCE', 'SEARCH'], false)).toEqual({ scope: OptOutScope.ALL_AI_USE, exact: true });
    expect(scopeForUses(['TRAINING', 'SEARCH'], false)).toEqual({ scope: OptOutScope.ALL_AI_USE, exact: false });
    expect(scopeForUses(['INFERENCE', 'SEARCH'], false)).toEqual({ scope: OptOutScope.AI_INFERENCE, exact: true });
    expect(scopeForUses(['TRAINING'], true)).toEqual({ scope: OptOutScope.GENERATIVE_TRAINING, exact: true });
    expect(scopeForUses(['TRAINING', 'INFERENCE'], true)).toEqual({ scope: OptOutScope.ALL_AI_USE_EXCEPT_SEARCH, exact: false });
    expect(scopeForUses([], false)).toEqual({ scope: null, exact: true });
  });

  it('a scope covers a reading only when it reserves every use, and the whole of the training reserved', () => {
    const all = read(OptOutSignal.IPTC_DMI, 'DMI-PROHIBITED-AIMLTRAINING');
    const gen = read(OptOutSignal.IPTC_DMI, 'DMI-PROHIBITED-GENAIMLTRAINING');
    expect(scopeCoversReading(OptOutScope.ALL_AI_TRAINING, all)).toBe(true);
    expect(scopeCoversReading(OptOutScope.GENERATIVE_TRAINING, all)).toBe(false);
    expect(scopeCoversReading(OptOutScope.GENERATIVE_TRAINING, gen)).toBe(true);
    expect(scopeCoversReading(OptOutScope.COMMERCIAL_TRAINING, gen)).toBe(false);
    expect(scopeCoversReading(OptOutScope.AI_INFERENCE, gen)).toBe(false);
    expect(scopeCoversReading(OptOutScope.ALL_AI_USE, gen)).toBe(true);
  });

  it('several values together call for the scope of all they reserve', () => {
    const gen = read(OptOutSignal.IPTC_DMI, 'DMI-PROHIBITED-GENAIMLTRAINING');
    const inference = read(OptOutSignal.CAWG, '{"cawg.ai_inference": {"use": "notAllowed"}}');
    expect(combineReadings([gen, inference])).toEqual({ uses: ['TRAINING', 'INFERENCE'], generativeOnly: true, scope: OptOutScope.ALL_AI_USE_EXCEPT_SEARCH });
    expect(combineReadings([gen]).scope).toBe(OptOutScope.GENERATIVE_TRAINING);
  });
});
