/**
 * What an opt-out signal's value reserves (issue 15: "the opt-out signals firms now meet"). A rights office gives the
 * value it actually saw — a Content-Usage header, a Content-Signal line, an XMP property, a C2PA assertion — and this
 * reads it into the uses it reserves (src/domain/opt-out-scope.ts: TRAINING, INFERENCE, SEARCH) and the scope that
 * reserves exactly those uses, with an explanation in English and Japanese. Pure: no I/O, no clock.
 *
 * The vocabularies, one reader each in READERS below (checked against their specs, 2026):
 *
 * - IPTC_DMI — the PLUS "Data Mining" property (XMP `plus:DataMining`), a controlled vocabulary of nine codes
 *   http://ns.useplus.org/ldf/vocab/DMI-… : UNSPECIFIED, ALLOWED, PROHIBITED-AIMLTRAINING, PROHIBITED-GENAIMLTRAINING,
 *   PROHIBITED-EXCEPTSEARCHENGINEINDEXING, PROHIBITED, PROHIBITED-SEECONSTRAINT, PROHIBITED-SEEEMBEDDEDRIGHTSEXPR,
 *   PROHIBITED-SEELINKEDRIGHTSEXPR. Sources: https://ns.useplus.org/LDF/ldf-XMPSpecification (Data Mining) and
 *   https://pluscoalition.org/about-ai-and-ml-image-rights-standards (there is no "DMI-ALLOWED-WITHCONSTRAINTS").
 *   The bare code, its full URI or ExifTool's printed label are accepted.
 * - CAWG — the Creator Assertions Working Group's training-and-data-mining assertion 1.1, label `cawg.training-mining`,
 *   entries `cawg.data_mining`, `cawg.ai_inference`, `cawg.ai_generative_training`, `cawg.ai_training`, each
 *   `{ "use": "allowed" | "notAllowed" | "constrained" }`. The spec: "In the absence of additional information,
 *   `constrained` shall be treated as equivalent to `notAllowed`". Custom labels are ignored; the C2PA 1.x labels
 *   (`c2pa.…`) are read as their `cawg.` successors. Source: https://github.com/decentralized-identity/
 *   cawg-training-and-data-mining-assertion (docs/modules/ROOT/partials/assertion-definition.adoc).
 * - AI_PREFERENCES — IETF AI Preferences, the vocabulary of draft-ietf-aipref-vocab (categories `train-ai`: training
 *   of *generative* models only; `ai-use`: input to a generative model at inference; `search`: search applications,
 *   which override the other categories) in its exemplary serialisation, an RFC 9651 Dictionary whose values are the
 *   tokens `y` / `n` (anything else, and any unknown label, is "unknown", not an error), attached by the
 *   `Content-Usage` HTTP header or a robots.txt `Content-Usage:` rule (draft-ietf-aipref-attach). The categories are
 *   flat in the current draft: a category implies nothing for another. Sources:
 *   https://ietf-wg-aipref.github.io/drafts/draft-ietf-aipref-vocab.html,
 *   https://datatracker.ietf.org/doc/draft-ietf-aipref-attach/.
 * - CONTENT_SIGNAL — Cloudflare's Content Signals Policy (CC0), a robots.txt line `Content-Signal: search=yes,
 *   ai-input=no, ai-train=no`: `search` (an index with links and excerpts, not AI summaries), `ai-input` (live input to
 *   AI answers: RAG, grounding), `ai-train` (training or fine-tuning); `yes` / `no`, a missing signal says nothing.
 *   Sources: https://contentsignals.org/, https://datatracker.ietf.org/doc/draft-romm-aipref-contentsignals/.
 * - X_ROBOTS_TAG_NOAI — the `noai` / `noimageai` robots directives (X-Robots-Tag header or robots meta tag) that
 *   DeviantArt introduced in 2022 and other hosts copied; no standards body defines them. Other directives (noindex …)
 *   are ignored. Source: https://www.deviantart.com/team/journal/UPDATE-All-Deviations-Are-Opted-Out-of-AI-Datasets-934500371.
 * - TDMREP — the W3C TDM Reservation Protocol: `tdm-reservation: 1` reserves text and data mining rights, `0` does not.
 *   Source: https://www.w3.org/2022/tdmrep/ (the tdm-reservation header).
 * - REGISTRY, ROBOTS_TXT, AI_TXT, RSL — no single value vocabulary to read here (the registry is Chōtei itself,
 *   robots.txt and ai.txt speak by user agent and path, an RSL licence is an XML document): give the scope instead.
 *
 * Decisions where a value is ambiguous are written beside the value and repeated in its explanation.
 */
import { LocalizedText, OptOutScope, OptOutSignal } from './enums';
import { OptOutUse } from './opt-out-scope';
import { joinText, text } from './criteria/criterion';

/** A value read: what it reserves and the scope that reserves it. */
export interface SignalReading {
  /** The uses it reserves, in the order TRAINING, INFERENCE, SEARCH; empty when it reserves nothing. */
  uses: OptOutUse[];
  /** It reserves training only of generative models (not every kind of AI training). */
  generativeOnly: boolean;
  /** The scope that reserves exactly these uses (the smallest that covers them, explained, when none does); null when nothing is reserved. */
  scope: OptOutScope | null;
  explanation: LocalizedText;
}

/** A value outside its vocabulary, and what the vocabulary accepts. */
export interface SignalProblem { problem: LocalizedText }

export type SignalValueResult = SignalReading | SignalProblem;

export const isSignalProblem = (r: SignalValueResult): r is SignalProblem => 'problem' in r;


const USE_ORDER: readonly OptOutUse[] = ['TRAINING', 'INFERENCE', 'SEARCH'];
const USE_JA: Record<OptOutUse, string> = { TRAINING: '学習', INFERENCE: '推論時の入力', SEARCH: '検索' };

/** A reservation as a reader sees it, before the scope is chosen. */
interface Reserved { uses: Set<OptOutUse>; generativeOnly: boolean; notes: LocalizedText[] }

/**
 * The scopes that can stand for a value, each with the uses it reserves, narrowest first. COMMERCIAL_TRAINING is
 * never one: no vocabulary here reserves by the purpose of the system.
 */
const SCOPE_FOR_USES: ReadonlyArray<{ scope: OptOutScope; uses: readonly OptOutUse[]; generativeOnly?: boolean }> = [
  { scope: OptOutScope.GENERATIVE_TRAINING, uses: ['TRAINING'], generativeOnly: true },
  { scope: OptOutScope.ALL_AI_TRAINING, uses: ['TRAINING'] },
  { scope: OptOutScope.AI_INFERENCE, uses: ['INFERENCE', 'SEARCH'] },
  { scope: OptOutScope.ALL_AI_USE_EXCEPT_SEARCH, uses: ['TRAINING', 'INFERENCE'] },
  { scope: OptOutScope.ALL_AI_USE, uses: ['TRAINING', 'INFERENCE', 'SEARCH'] },
];

/**
 * The scope for these reserved uses: the one that reserves exactly them, else the narrowest that covers them all
 * (`exact: false`). Generative training alone is GENERATIVE_TRAINING; any other training needs a scope of all training.
 */
export function scopeForUses(uses: readonly OptOutUse[], generativeOnly: boolean): { scope: OptOutScope | null; exact: boolean } {
  if (uses.length === 0) return { scope: null, exact: true };
  const wanted = new Set(uses);
  const candidates = SCOPE_FOR_USES.filter((s) => (s.generativeOnly ? generativeOnly : true) && uses.every((u) => s.uses.includes(u)));
  // Exact: the same uses, and for training the same breadth (generative-only training is narrower than a scope of all training).
  const exact = candidates.find((s) => s.uses.length === wanted.size && (!generativeOnly || !wanted.has('TRAINING') || s.generativeOnly));
  if (exact) return { scope: exact.scope, exact: true };
  return { scope: candidates[0].scope, exact: false };
}

/**
 * Whether an opt-out of `scope` covers everything a reading reserves: every use, and for training the whole of it
 * (GENERATIVE_TRAINING covers only a generative-only reservation; COMMERCIAL_TRAINING, narrower by purpose, none).
 */
export function scopeCoversReading(scope: OptOutScope, reading: Pick<SignalReading, 'uses' | 'generativeOnly'>): boolean {
  const entry = SCOPE_FOR_USES.find((s) => s.scope === scope);
  if (!entry) return reading.uses.length === 0;
  if (entry.generativeOnly && reading.uses.includes('TRAINING') && !reading.generativeOnly) return false;
  return reading.uses.every((u) => entry.uses.includes(u));
}

/** What several readings reserve together: the union of their uses; generative-only when every training reservation is. */
export function combineReadings(readings: readonly Pick<SignalReading, 'uses' | 'generativeOnly'>[]): { uses: OptOutUse[]; generativeOnly: boolean; scope: OptOutScope | null } {
  const all = new Set(readings.flatMap((r) => r.uses));
  const uses = USE_ORDER.filter((u) => all.has(u));
  const training = readings.filter((r) => r.uses.includes('TRAINING'));
  const generativeOnly = training.length > 0 && training.every((r) => r.generativeOnly);
  return { uses, generativeOnly, scope: scopeForUses(uses, generativeOnly).scope };
}

function reading(reserved: Reserved, says: LocalizedText): SignalReading {
  const uses = USE_ORDER.filter((u) => reserved.uses.has(u));
  const generativeOnly = reserved.generativeOnly && reserved.uses.has('TRAINING');
  const { scope, exact } = scopeForUses(uses, generativeOnly);
  const usesText = uses.length
    ? text(`It reserves ${uses.join(', ')}${generativeOnly ? ' (training of generative models only)' : ''}.`,
      `留保する利用: ${uses.map((u) => USE_JA[u]).join('・')}${generativeOnly ? '（生成 AI の学習のみ）' : ''}。`)
    : text('It reserves no AI use.', 'AI による利用を何も留保していません。');
  const scopeText = scope === null ? null
    : exact ? text(`The scope that reserves exactly this is ${scope}.`, `これをちょうど留保するスコープは ${scope} です。`)
      : text(`No scope reserves exactly this; the narrowest that covers it is ${scope}, which also reserves ${coveredBeyond(scope, uses, generativeOnly).en}.`,
        `これをちょうど留保するスコープはなく、これを含む最も狭いスコープは ${scope} です（${coveredBeyond(scope, uses, generativeOnly).ja}も留保します）。`);
  return { uses, generativeOnly, scope, explanation: joinText([says, ...reserved.notes, usesText, scopeText]) };
}

/** What `scope` reserves beyond the uses read (for the explanation of a scope that is not exact). */
function coveredBeyond(scope: OptOutScope, uses: readonly OptOutUse[], generativeOnly: boolean): LocalizedText {
  const entry = SCOPE_FOR_USES.find((s) => s.scope === scope)!;
  const extra = entry.uses.filter((u) => !uses.includes(u));
  const parts: LocalizedText[] = extra.map((u) => text(u, USE_JA[u]));
  if (generativeOnly && !entry.generativeOnly && entry.uses.includes('TRAINING')) parts.push(text('non-generative training', '生成 AI 以外の学習'));
  return { en: parts.map((p) => p.en).join(' and '), ja: parts.map((p) => p.ja).join('と') };
}

const reserve = (uses: OptOutUse[], generativeOnly = false, notes: LocalizedText[] = []): Reserved => ({ uses: new Set(uses), generativeOnly, notes });

/** A header or robots.txt line given with its name ("Content-Usage: …"): the part after the name. */
function withoutFieldName(value: string, name: string): string {
  const trimmed = value.trim();
  return trimmed.toLowerCase().startsWith(`${name.toLowerCase()}:`) ? trimmed.slice(name.length + 1).trim() : trimmed;
}

// ---------------------------------------------------------------------------------------------------------------
// IPTC_DMI: the PLUS Data Mining vocabulary.

const PLUS_VOCAB = 'ns.useplus.org/ldf/vocab/';
interface DmiRow { code: string; label: string; reserved: Reserved; says: LocalizedText }
const SEE = (property: string, ja: string): Reserved => reserve(['TRAINING', 'INFERENCE', 'SEARCH'], false, [text(
  `Decision: the value defers the details to ${property}, which Chōtei does not read; it is read as the prohibition it states (data mining of any kind, so every AI use). If that expression allows some uses, register the narrower scope and name IPTC_DMI in signals without this value.`,
  `判断: この値は詳細を ${property}（${ja}）に委ねていますが、Chōtei はそれを読みません。値が述べる禁止（あらゆるデータマイニング、つまりすべての AI 利用）として読みます。その表現が一部の利用を認めているなら、この値を付けずに狭いスコープで登録し、signals に IPTC_DMI を挙げてください。`)]);
const DMI: readonly DmiRow[] = [
  { code: 'DMI-UNSPECIFIED', label: 'Unspecified - no prohibition defined', reserved: reserve([]), says: text('PLUS Data Mining "Unspecified": no prohibition is defined.', 'PLUS Data Mining「Unspecified」: 禁止は定められていません。') },
  { code: 'DMI-ALLOWED', label: 'Allowed', reserved: reserve([]), says: text('PLUS Data Mining "Allowed": data mining is allowed.', 'PLUS Data Mining「Allowed」: データマイニングは許可されています。') },
  { code: 'DMI-PROHIBITED-AIMLTRAINING', label: 'Prohibited for AI/ML training', reserved: reserve(['TRAINING']), says: text('PLUS Data Mining "Prohibited for AI/ML training".', 'PLUS Data Mining「AI/ML の学習には禁止」。') },
  { code: 'DMI-PROHIBITED-GENAIMLTRAINING', label: 'Prohibited for Generative AI/ML training', reserved: reserve(['TRAINING'], true), says: text('PLUS Data Mining "Prohibited for Generative AI/ML training".', 'PLUS Data Mining「生成 AI/ML の学習には禁止」。') },
  { code: 'DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING', label: 'Prohibited except for search engine indexing', reserved: reserve(['TRAINING', 'INFERENCE']), says: text('PLUS Data Mining "Prohibited except for search engine indexing": every AI use but search.', 'PLUS Data Mining「検索エンジンの索引付けを除き禁止」: 検索以外のすべての AI 利用。') },
  { code: 'DMI-PROHIBITED', label: 'Prohibited', reserved: reserve(['TRAINING', 'INFERENCE', 'SEARCH']), says: text('PLUS Data Mining "Prohibited": data mining of any kind, so every AI use.', 'PLUS Data Mining「禁止」: あらゆるデータマイニング、つまりすべての AI 利用。') },
  { code: 'DMI-PROHIBITED-SEECONSTRAINT', label: 'Prohibited, see Other Constraints property', reserved: SEE('plus:OtherConstraints', 'その他の制約'), says: text('PLUS Data Mining "Prohibited, see plus:OtherConstraints".', 'PLUS Data Mining「禁止、plus:OtherConstraints を参照」。') },
  { code: 'DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR', label: 'Prohibited, see Embedded Encoded Rights Expression property', reserved: SEE('iptcExt:EmbdEncRightsExpr', '埋め込まれた権利表現'), says: text('PLUS Data Mining "Prohibited, see iptcExt:EmbdEncRightsExpr".', 'PLUS Data Mining「禁止、iptcExt:EmbdEncRightsExpr を参照」。') },
  { code: 'DMI-PROHIBITED-SEELINKEDRIGHTSEXPR', label: 'Prohibited, see Linked Encoded Rights Expression property', reserved: SEE('iptcExt:LinkedEncRightsExpr', 'リンクされた権利表現'), says: text('PLUS Data Mining "Prohibited, see iptcExt:LinkedEncRightsExpr".', 'PLUS Data Mining「禁止、iptcExt:LinkedEncRightsExpr を参照」。') },
];

function readIptcDmi(value: string): SignalValueResult {
  let v = value.trim();
  const at = v.toLowerCase().indexOf(PLUS_VOCAB.toLowerCase());
  if (/^https?:\/\//i.test(v) && at >= 0) v = v.slice(at + PLUS_VOCAB.length);
  const row = DMI.find((r) => r.code === v.toUpperCase() || r.label.toLowerCase() === v.toLowerCase());
  if (!row) {
    return { problem: text(
      `not a PLUS Data Mining value; give one of ${DMI.map((r) => r.code).join(', ')} (the code, or its URI http://${PLUS_VOCAB}<code>)`,
      `PLUS Data Mining の値ではありません。${DMI.map((r) => r.code).join('、')} のいずれか（コード、または URI http://${PLUS_VOCAB}<コード>）を指定してください`) };
  }
  return reading(row.reserved, row.says);
}

// ---------------------------------------------------------------------------------------------------------------
// CAWG: the training-and-data-mining assertion 1.1.

const CAWG_ENTRIES: ReadonlyArray<{ label: string; uses: OptOutUse[]; generative: boolean; name: LocalizedText }> = [
  { label: 'data_mining', uses: ['TRAINING'], generative: false, name: text('data mining (read as every kind of AI training)', 'データマイニング（あらゆる AI 学習として読みます）') },
  { label: 'ai_inference', uses: ['INFERENCE'], generative: false, name: text('AI inference', 'AI の推論') },
  { label: 'ai_generative_training', uses: ['TRAINING'], generative: true, name: text('generative AI training', '生成 AI の学習') },
  { label: 'ai_training', uses: ['TRAINING'], generative: false, name: text('non-generative AI training', '生成 AI 以外の学習') },
];
const CAWG_USES = ['allowed', 'notAllowed', 'constrained'];

function readCawg(value: string): SignalValueResult {
  const accepted = text(
    'give the cawg.training-mining assertion as JSON, {"entries": {"cawg.ai_generative_training": {"use": "notAllowed"}, …}}, or its entries object alone; each entry\'s use is "allowed", "notAllowed" or "constrained"',
    'cawg.training-mining アサーションを JSON で（{"entries": {"cawg.ai_generative_training": {"use": "notAllowed"}, …}}）、またはその entries オブジェクトだけを指定してください。各エントリーの use は "allowed"、"notAllowed"、"constrained" のいずれかです');
  let parsed: unknown;
  try { parsed = JSON.parse(value); } catch { return { problem: joinText([text('not JSON:', 'JSON ではありません。'), accepted]) }; }
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObject(parsed)) return { problem: joinText([text('not a JSON object:', 'JSON オブジェクトではありません。'), accepted]) };
  const entries = isObject(parsed.entries) ? parsed.entries : isObject(parsed.data) && isObject(parsed.data.entries) ? parsed.data.entries : parsed;
  const reserved = reserve([]);
  let training = { generative: false, other: false };
  const ignored: string[] = [];
  const constrained: string[] = [];
  for (const [label, entry] of Object.entries(entries)) {
    const known = CAWG_ENTRIES.find((e) => label === `cawg.${e.label}` || label === `c2pa.${e.label}`);
    if (!known) { ignored.push(label); continue; }
    const use = isObject(entry) ? entry.use : undefined;
    if (typeof use !== 'string' || !CAWG_USES.includes(use)) {
      return { problem: joinText([text(`${label}: use must be "allowed", "notAllowed" or "constrained" (got ${JSON.stringify(use ?? null)});`, `${label}: use は "allowed"、"notAllowed"、"constrained" のいずれかにしてください（${JSON.stringify(use ?? null)} でした）。`), accepted]) };
    }
    if (use === 'allowed') continue;
    if (use === 'constrained') constrained.push(label);
    known.uses.forEach((u) => reserved.uses.add(u));
    if (known.uses.includes('TRAINING')) training = known.generative ? { ...training, generative: true } : { ...training, other: true };
  }
  reserved.generativeOnly = training.generative && !training.other;
  if (constrained.length) {
    reserved.notes.push(text(`${constrained.join(', ')}: "constrained" counts as "notAllowed", as the assertion's spec says for a consumer without further information.`,
      `${constrained.join('、')}: 仕様のとおり、ほかに情報がなければ "constrained" は "notAllowed" と同じに扱います。`));
  }
  if (ignored.length) reserved.notes.push(text(`Ignored (not an entry of the assertion): ${ignored.join(', ')}.`, `無視したもの（アサーションのエントリーではありません）: ${ignored.join('、')}。`));
  return reading(reserved, text('CAWG training-and-data-mining assertion (1.1).', 'CAWG の学習・データマイニング・アサーション（1.1）。'));
}

// ---------------------------------------------------------------------------------------------------------------
// AI_PREFERENCES: an RFC 9651 Dictionary of y / n tokens (draft-ietf-aipref-vocab), from Content-Usage.

interface DictMember { key: string; token: string | null }

/** The members of an RFC 9651 Dictionary (values: the token, or null for any other item); null when it does not parse. */
function parseDictionary(input: string): DictMember[] | null {
  const s = input.trim();
  let i = 0;
  const members = new Map<string, DictMember>();
  const key = (): string | null => {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const bareItem = (): { token: string | null } | null => {
    const rest = s.slice(i);
    let m: RegExpExecArray | null;
    if (rest.startsWith('"')) {
      let j = 1;
      for (; j < rest.length; j++) {
        if (rest[j] === '\\') { j++; continue; }
        if (rest[j] === '"') break;
      }
      if (j >= rest.length) return null;
      i += j + 1;
      return { token: null };
    }
    if ((m = /^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*/.exec(rest))) { i += m[0].length; return { token: m[0] }; }
    if ((m = /^-?\d{1,15}(\.\d{1,3})?/.exec(rest))) { i += m[0].length; return { token: null }; }
    if ((m = /^\?[01]/.exec(rest))) { i += m[0].length; return { token: null }; }
    if ((m = /^:[A-Za-z0-9+/=]*:/.exec(rest))) { i += m[0].length; return { token: null }; }
    return null;
  };
  const parameters = (): boolean => {
    while (s[i] === ';') {
      i++;
      while (s[i] === ' ') i++;
      if (key() === null) return false;
      if (s[i] === '=') { i++; if (!bareItem()) return false; }
    }
    return true;
  };
  while (i < s.length) {
    const k = key();
    if (k === null) return null;
    let token: string | null = null;
    if (s[i] === '=') {
      i++;
      if (s[i] === '(') {
        // An inner list: not a token; skip to its closing parenthesis.
        const close = s.indexOf(')', i);
        if (close < 0) return null;
        i = close + 1;
      } else {
        const item = bareItem();
        if (!item) return null;
        token = item.token;
      }
    } else {
      token = null; // Boolean true: not a token.
    }
    if (!parameters()) return null;
    members.delete(k); // The last value of a repeated key applies (RFC 9651 4.2.2).
    members.set(k, { key: k, token });
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i >= s.length) break;
    if (s[i] !== ',') return null;
    i++;
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i >= s.length) return null; // A trailing comma.
  }
  return [...members.values()];
}

const AIPREF_CATEGORIES: ReadonlyArray<{ label: string; uses: OptOutUse[]; generative: boolean; name: LocalizedText }> = [
  { label: 'train-ai', uses: ['TRAINING'], generative: true, name: text('train-ai (training of generative AI models)', 'train-ai（生成 AI モデルの学習）') },
  { label: 'ai-use', uses: ['INFERENCE'], generative: false, name: text('ai-use (input to a generative AI model)', 'ai-use（生成 AI モデルへの入力）') },
  { label: 'search', uses: ['SEARCH'], generative: false, name: text('search', 'search（検索）') },
];

function readAiPreferences(value: string): SignalValueResult {
  let v = withoutFieldName(value, 'Content-Usage');
  // A robots.txt rule may name a path before the preferences ("Content-Usage: /images/ train-ai=n").
  const path = /^\/\S*\s+/.exec(v);
  if (path) v = v.slice(path[0].length);
  const accepted = text(
    'give the Content-Usage value, a Structured Fields dictionary of lowercase categories and the tokens y or n, such as "train-ai=n, search=y" (categories: train-ai, ai-use, search)',
    'Content-Usage の値を、小文字のカテゴリーとトークン y / n からなる Structured Fields の辞書で指定してください（例: "train-ai=n, search=y"。カテゴリー: train-ai、ai-use、search）');
  const members = parseDictionary(v);
  if (!members || members.length === 0) {
    return { problem: joinText([text('not a Content-Usage dictionary (keys are lowercase):', 'Content-Usage の辞書として読めません（キーは小文字です）。'), accepted]) };
  }
  const reserved = reserve([]);
  const allowed: string[] = [];
  const unknown: string[] = [];
  for (const m of members) {
    const category = AIPREF_CATEGORIES.find((c) => c.label === m.key);
    if (!category || (m.token !== 'y' && m.token !== 'n')) { unknown.push(m.key); continue; }
    if (m.token === 'y') { allowed.push(m.key); continue; }
    category.uses.forEach((u) => reserved.uses.add(u));
    if (category.generative) reserved.generativeOnly = true;
  }
  if (allowed.length) reserved.notes.push(text(`Allowed: ${allowed.join(', ')}.`, `許可: ${allowed.join('、')}。`));
  if (reserved.uses.has('TRAINING')) {
    reserved.notes.push(text('train-ai covers only the training of generative models (the current draft leaves non-generative training out).',
      'train-ai は生成モデルの学習だけを対象とします（現行のドラフトは生成 AI 以外の学習を含めていません）。'));
  }
  if (unknown.length) {
    reserved.notes.push(text(`Unknown, so ignored as the draft requires (an unknown label, or a value other than the tokens y and n): ${unknown.join(', ')}.`,
      `ドラフトの定めにより不明として無視したもの（未知のラベル、または y / n 以外の値）: ${unknown.join('、')}。`));
  }
  return reading(reserved, text('IETF AI Preferences (Content-Usage).', 'IETF AI Preferences（Content-Usage）。'));
}

// ---------------------------------------------------------------------------------------------------------------
// CONTENT_SIGNAL: Cloudflare's Content Signals Policy.

const CONTENT_SIGNALS: ReadonlyArray<{ label: string; use: OptOutUse }> = [
  { label: 'ai-train', use: 'TRAINING' }, { label: 'ai-input', use: 'INFERENCE' }, { label: 'search', use: 'SEARCH' },
];

function readContentSignal(value: string): SignalValueResult {
  const v = withoutFieldName(value, 'Content-Signal');
  const accepted = text('give the Content-Signal line, such as "search=yes, ai-input=no, ai-train=no" (signals search, ai-input, ai-train; values yes or no)',
    'Content-Signal の行を指定してください（例: "search=yes, ai-input=no, ai-train=no"。シグナル: search、ai-input、ai-train。値: yes / no）');
  const parts = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return { problem: accepted };
  const reserved = reserve([]);
  const allowed: string[] = [];
  for (const part of parts) {
    const m = /^([a-z-]+)\s*=\s*([a-z]+)$/i.exec(part);
    const signal = m && CONTENT_SIGNALS.find((s) => s.label === m[1].toLowerCase());
    const answer = m?.[2].toLowerCase();
    if (!m || !signal || (answer !== 'yes' && answer !== 'no')) {
      return { problem: joinText([text(`"${part}" is not a content signal:`, `「${part}」はコンテンツシグナルではありません。`), accepted]) };
    }
    if (answer === 'yes') allowed.push(signal.label); else reserved.uses.add(signal.use);
  }
  if (allowed.length) reserved.notes.push(text(`Allowed: ${allowed.join(', ')}.`, `許可: ${allowed.join('、')}。`));
  return reading(reserved, text('Content Signals Policy (Content-Signal).', 'Content Signals Policy（Content-Signal）。'));
}

// ---------------------------------------------------------------------------------------------------------------
// X_ROBOTS_TAG_NOAI: noai / noimageai.

const VALUED_DIRECTIVES = ['max-snippet', 'max-image-preview', 'max-video-preview', 'unavailable_after'];

function readXRobotsTag(value: string): SignalValueResult {
  let v = withoutFieldName(value, 'X-Robots-Tag');
  // "googlebot: noai, noindex": the directives may follow a user agent's name (not a directive that takes a value).
  const agent = /^([A-Za-z0-9_-]+):\s*/.exec(v);
  if (agent && !VALUED_DIRECTIVES.includes(agent[1].toLowerCase())) v = v.slice(agent[0].length);
  const directives = v.split(',').map((d) => d.trim().toLowerCase()).filter((d) => d !== '');
  if (directives.length === 0 || directives.some((d) => !/^[a-z0-9_-]+(:\s*\S.*)?$/.test(d))) {
    return { problem: text('give the X-Robots-Tag value (or the robots meta content): comma-separated directives such as "noai, noimageai"',
      'X-Robots-Tag の値（または robots メタタグの content）を、"noai, noimageai" のようなカンマ区切りのディレクティブで指定してください') };
  }
  const reserved = reserve([]);
  if (directives.includes('noai')) {
    reserved.uses.add('TRAINING');
    reserved.notes.push(text('noai: the content may not be used in datasets to train AI models (DeviantArt\'s Terms also forbid, for content on its own site, input into a trained system; that is its contract, not the directive, and is not read here).',
      'noai: AI モデルの学習用データセットに使ってはなりません（DeviantArt の利用規約は自社サイトのコンテンツについて学習済みシステムへの入力も禁じていますが、それは同社の契約であって指示子の意味ではないため、ここでは読みません）。'));
  } else if (directives.includes('noimageai')) {
    reserved.uses.add('TRAINING');
    reserved.notes.push(text('Decision: noimageai reserves AI training on images only; Chōtei cannot tell here whether the work is an image and reads it as reserving the training of this work, which is exact for an image and overstated for any other work.',
      '判断: noimageai は画像の AI 学習だけを留保します。ここでは作品が画像かどうかがわからないため、この作品の学習を留保するものとして読みます。画像なら正確ですが、それ以外の作品では広すぎます。'));
  }
  const others = directives.filter((d) => d !== 'noai' && d !== 'noimageai');
  if (others.length) reserved.notes.push(text(`Ignored (not about AI): ${others.join(', ')}.`, `無視したもの（AI に関するものではありません）: ${others.join('、')}。`));
  return reading(reserved, text('X-Robots-Tag (noai / noimageai).', 'X-Robots-Tag（noai / noimageai）。'));
}

// ---------------------------------------------------------------------------------------------------------------
// TDMREP: tdm-reservation.

function readTdmRep(value: string): SignalValueResult {
  const v = withoutFieldName(value, 'tdm-reservation');
  if (v === '1') {
    return reading(reserve(['TRAINING'], false, [text('Decision: a reservation of text and data mining is read as reserving every kind of AI training; it says nothing of use at inference time.',
      '判断: テキスト・データマイニングの留保は、あらゆる AI 学習の留保として読みます。推論時の利用については何も述べていません。')]),
    text('W3C TDMRep: tdm-reservation 1 (text and data mining rights are reserved).', 'W3C TDMRep: tdm-reservation 1（テキスト・データマイニングの権利を留保）。'));
  }
  if (v === '0') return reading(reserve([]), text('W3C TDMRep: tdm-reservation 0 (no reservation).', 'W3C TDMRep: tdm-reservation 0（留保なし）。'));
  return { problem: text('give the tdm-reservation value: 1 (reserved) or 0 (not reserved), optionally as "tdm-reservation: 1"',
    'tdm-reservation の値を 1（留保）または 0（留保なし）で指定してください（"tdm-reservation: 1" の形でも構いません）') };
}

// ---------------------------------------------------------------------------------------------------------------

const noVocabulary = (what: LocalizedText) => (): SignalValueResult => ({
  problem: joinText([what, text('Chōtei reads no value of this signal: give the scope instead.', 'Chōtei はこのシグナルの値を読みません。代わりにスコープを指定してください。')]),
});

/** The reader of each signal's values. */
const READERS: Readonly<Record<OptOutSignal, (value: string) => SignalValueResult>> = {
  [OptOutSignal.IPTC_DMI]: readIptcDmi,
  [OptOutSignal.CAWG]: readCawg,
  [OptOutSignal.AI_PREFERENCES]: readAiPreferences,
  [OptOutSignal.CONTENT_SIGNAL]: readContentSignal,
  [OptOutSignal.X_ROBOTS_TAG_NOAI]: readXRobotsTag,
  [OptOutSignal.TDMREP]: readTdmRep,
  [OptOutSignal.REGISTRY]: noVocabulary(text('The registry is Chōtei itself.', 'レジストリは Chōtei 自身です。')),
  [OptOutSignal.ROBOTS_TXT]: noVocabulary(text('robots.txt speaks by user agent and path, not in values of a vocabulary.', 'robots.txt はユーザーエージェントとパスで指定するもので、語彙の値ではありません。')),
  [OptOutSignal.AI_TXT]: noVocabulary(text('ai.txt has no settled vocabulary of values.', 'ai.txt には定まった値の語彙がありません。')),
  [OptOutSignal.RSL]: noVocabulary(text('An RSL licence is an XML document, not a single value.', 'RSL のライセンスは XML 文書で、単一の値ではありません。')),
};

/** What `value`, as seen for `signal`, reserves; or why it is not a value of that signal's vocabulary. */
export function readSignalValue(signal: OptOutSignal, value: string): SignalValueResult {
  const reader = READERS[signal];
  if (!reader) return { problem: text(`"${signal}" is not an opt-out signal`, `「${signal}」はオプトアウトのシグナルではありません`) };
  if (value.trim() === '') return { problem: text('must not be empty: give the value as you saw it', '空にはできません。見たとおりの値を指定してください') };
  return reader(value);
}
