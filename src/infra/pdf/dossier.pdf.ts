import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * The case dossier as a PDF (GET /cases/{id}/dossier.pdf): pure rendering of a
 * DossierModel that src/services/dossier.service.ts has already filtered for its
 * reader. Nothing here decides what a reader may see.
 *
 * Fonts: Noto Sans JP (Regular and Bold, static TrueType) from the package
 * `@expo-google-fonts/noto-sans-jp`, read and opened with fontkit once per process
 * (pdfkit takes the opened font; re-opening it for every document costs more
 * than the rest of the rendering). pdfkit embeds them
 * through fontkit as CID TrueType subsets holding only the glyphs the document
 * uses (`pdffonts` shows `emb yes, sub yes`), so a dossier weighs tens of
 * kilobytes, not the 5 MB of each font.
 *
 * Byte-stable: the same model renders to the same bytes (no random ids; the
 * info dictionary's CreationDate and ModDate are `generatedAt`, the time printed
 * on the cover), so the SHA-256 recorded in the case's history identifies the
 * document served.
 */

export type DossierLang = 'ja' | 'en';

export interface DossierParty {
  /** What the reader is shown of the account or firm, already filtered (e.g. a masked email, no contact email). */
  name: string;
  lines: Array<[label: DossierLabel, value: string | boolean]>;
}

export interface DossierFinding { code: string; finding: string; layer: string | null; explanation: string; citation: string | null }

export interface DossierModel {
  lang: DossierLang;
  /** When the document was made: printed on the cover and written as the PDF's CreationDate. */
  generatedAt: Date;
  caseId: string;
  reference: string;
  status: string;
  outcome: string | null;
  resolution: string | null;
  /** For whom it was made: the reader's role on the case and display name. */
  reader: { role: string; name: string | null };
  filedAt: Date;
  complainant: DossierParty;
  /** The rights holders the complaint was filed for, when others than the complainant. */
  principals: DossierParty[];
  respondent: DossierParty;
  aiSystem: DossierParty | null;
  mediator: DossierParty | null;
  claim: {
    claimType: string; stage: string; statement: string; requestedRemedies: string[]; claimedAmountJpy: number | null;
    facts: Array<[name: string, value: string]>;
  };
  works: Array<{ title: string; kind: string; firstPublishedAt: Date | null; firstPublicationCountry: string | null; contentHash: string | null; canonicalUrl: string | null }>;
  evidence: Array<{
    kind: string; description: string; submittedBy: string; createdAt: Date; url: string | null; sha256: string | null;
    /** The uploaded file, when the evidence is one (name as uploaded, SHA-256 of its bytes). */
    file: { fileName: string | null; sha256: string; size: number | null; mediaType: string | null } | null;
    textExcerpt: string | null;
    /** The score the submitter stated (EvidenceInput.similarityScore). */
    similarityScore: number | null;
    /** The similarity triage job's score against a work's reference file: triage only, never the SIMILARITY finding. */
    triage: { score: number; method: string | null; work: string | null; computedAt: Date | null } | null;
  }>;
  assessment: null | {
    number: number; decision: string; strength: string | null; tier: string | null; ruleSetVersion: string; trigger: string; createdAt: Date;
    findings: DossierFinding[]; missingFacts: string[]; recommendedRemedies: string[]; ordersDisclosure: boolean;
    /** Similarity triage the run cited (TRIAGE entries): scores of evidence files, never findings. */
    triage: Array<{ evidence: string; work: string; method: string; score: number; band: string; citation: string }>;
  };
  /** Assessments before the latest, summarised (the latest is in full above). */
  earlierAssessments: Array<{ number: number; decision: string; ruleSetVersion: string; trigger: string; createdAt: Date }>;
  /** Offers with their amounts (never a blind-bid figure: those are not offers and never reach the model). */
  offers: Array<{ side: string; status: string; amountJpy: number | null; licenseTemplateCode: string | null; remedies: string[]; message: string | null; createdAt: Date; respondedAt: Date | null }>;
  settlement: null | { via: string; amountJpy: number | null; licenseTemplateCode: string | null; remedies: string[]; createdAt: Date };
  recommendation: null | {
    mediator: string | null; finding: string; remedies: string[]; amountJpy: number | null; reasoning: string; createdAt: Date;
    acceptedByComplainantAt: Date | null; acceptedByRespondentAt: Date | null; rejectedAt: Date | null;
  };
  history: Array<{ seq: number; type: string; fromStatus: string | null; toStatus: string | null; actor: string; at: Date; detail: string | null }>;
}

const TEXT = {
  ja: {
    title: '事件記録（調停）', subtitle: 'Chōtei 調停 — 事件記録', reference: '事件番号', status: '状態', outcome: '結果', resolution: '解決',
    generatedAt: '作成日時', reader: '作成対象', filedAt: '申立日', caseId: '事件ID', page: 'ページ',
    parties: '当事者', complainant: '申立人', principals: '権利者（本人）', respondent: '相手方', aiSystem: '対象のAIシステム', mediator: '調停人',
    claim: '申立ての内容', claimType: '請求の種類', stage: '利用の段階', statement: '申立人の陳述', remedies: '求める措置', amount: '請求額', facts: '申立人の主張する事実',
    works: '対象の著作物', workKind: '種類', published: '最初の公表', contentHash: '内容のSHA-256', url: 'URL',
    evidence: '証拠', submittedBy: '提出者', file: 'ファイル名', fileSha: 'ファイルのSHA-256', size: 'サイズ', mediaType: '形式', sha256: 'SHA-256', excerpt: '抜粋',
    similarity: '申告された類似度', triage: '類似度トリアージ（自動計算・認定ではない）', none: 'なし', noEvidence: '証拠はまだ提出されていません。',
    assessment: '審査', noAssessment: '審査はまだ行われていません。', decision: '判断', strength: '強さ', tier: '区分', ruleSet: '規則集', trigger: '契機',
    findings: '各基準の認定', finding: '認定', layer: '層', citation: '根拠', explanation: '説明', missingFacts: '不足している事実', recommended: '推奨される措置',
    ordersDisclosure: '学習データの開示を命じる', earlier: 'これまでの審査', triageCited: '審査が引用した類似度トリアージ（認定ではない）', band: '帯',
    offers: '提案と勧告', noOffers: '提案はありません。', side: '提案者', offerStatus: '状態', license: 'ライセンス', message: 'メッセージ', respondedAt: '回答日時',
    blindBids: '非公開入札（ダブルブラインド）の金額は、本記録を含めいかなる場合も開示されません。',
    settlement: '和解', via: '方法', recommendation: '調停人の勧告', reasoning: '理由', acceptedByComplainant: '申立人の受諾', acceptedByRespondent: '相手方の受諾', rejected: '拒否',
    history: '経過（すべての事件イベント）', actor: '行為者',
    verify: 'この文書の真正性：受け取ったPDFファイルのSHA-256を計算し（例：sha256sum dossier.pdf）、事件の経過に記録された DOSSIER_ISSUED イベントの sha256 と照合してください。',
    email: 'メールアドレス', nationality: '国籍', creatorKind: '創作者の種別', country: '国', enrolled: '調停に登録済み', website: 'ウェブサイト',
    contactEmail: '連絡先メールアドレス', modality: '種類', purpose: '目的',
    yes: 'はい', no: 'いいえ', yen: (n: number) => `${n.toLocaleString('en-US')} 円`,
  },
  en: {
    title: 'Case dossier', subtitle: 'Chōtei (調停) — case dossier', reference: 'Case reference', status: 'Status', outcome: 'Outcome', resolution: 'Resolution',
    generatedAt: 'Made at', reader: 'Made for', filedAt: 'Filed at', caseId: 'Case id', page: 'Page',
    parties: 'Parties', complainant: 'Complainant', principals: 'Rights holders (principals)', respondent: 'Respondent', aiSystem: 'AI system concerned', mediator: 'Mediator',
    claim: 'Claim', claimType: 'Claim type', stage: 'Stage of use', statement: 'Complainant\'s statement', remedies: 'Remedies requested', amount: 'Amount claimed', facts: 'Facts stated by the complainant',
    works: 'Works concerned', workKind: 'Kind', published: 'First published', contentHash: 'Content SHA-256', url: 'URL',
    evidence: 'Evidence', submittedBy: 'Submitted by', file: 'File name', fileSha: 'File SHA-256', size: 'Size', mediaType: 'Type', sha256: 'SHA-256', excerpt: 'Excerpt',
    similarity: 'Similarity stated by the submitter', triage: 'Similarity triage (computed; never a finding)', none: 'none', noEvidence: 'No evidence has been submitted.',
    assessment: 'Assessment', noAssessment: 'The case has not been assessed yet.', decision: 'Decision', strength: 'Strength', tier: 'Tier', ruleSet: 'Rule set', trigger: 'Trigger',
    findings: 'Findings', finding: 'Finding', layer: 'Layer', citation: 'Citation', explanation: 'Explanation', missingFacts: 'Missing facts', recommended: 'Recommended remedies',
    ordersDisclosure: 'Disclosure of training data ordered', earlier: 'Earlier assessments', triageCited: 'Similarity triage cited (never a finding)', band: 'Band',
    offers: 'Offers and recommendation', noOffers: 'No offers were made.', side: 'Made by', offerStatus: 'Status', license: 'License', message: 'Message', respondedAt: 'Answered at',
    blindBids: 'Figures sealed in double-blind bidding are never disclosed, in this dossier or anywhere else.',
    settlement: 'Settlement', via: 'Via', recommendation: 'Mediator\'s recommendation', reasoning: 'Reasoning', acceptedByComplainant: 'Accepted by the complainant', acceptedByRespondent: 'Accepted by the respondent', rejected: 'Rejected',
    history: 'History (every case event)', actor: 'Actor',
    verify: 'Checking this document: compute the SHA-256 of the PDF file received (e.g. sha256sum dossier.pdf) and compare it with the sha256 of the DOSSIER_ISSUED event in the case\'s history.',
    email: 'Email', nationality: 'Nationality', creatorKind: 'Creator kind', country: 'Country', enrolled: 'Enrolled on Chōtei', website: 'Website',
    contactEmail: 'Contact email', modality: 'Modality', purpose: 'Purpose',
    yes: 'yes', no: 'no', yen: (n: number) => `JPY ${n.toLocaleString('en-US')}`,
  },
} as const;

export type DossierLabel = Exclude<{ [K in keyof typeof TEXT.en]: (typeof TEXT.en)[K] extends string ? K : never }[keyof typeof TEXT.en], undefined>;

type OpenedFont = ReturnType<typeof fontkit.create>;
let fonts: { regular: OpenedFont; bold: OpenedFont } | null = null;

const open = (file: string): OpenedFont => fontkit.create(readFileSync(require.resolve(`@expo-google-fonts/noto-sans-jp/${file}`)));

/** Noto Sans JP Regular and Bold, read from the package and opened once per process (a document only subsets them). */
function openedFonts(): { regular: OpenedFont; bold: OpenedFont } {
  fonts ??= { regular: open('400Regular/NotoSansJP_400Regular.ttf'), bold: open('700Bold/NotoSansJP_700Bold.ttf') };
  return fonts;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 2026-04-01 09:30:00 UTC: what a court reads unambiguously. */
export function formatUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}
const formatDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');
/** The generation time in Japan (UTC+9, no daylight saving). */
const formatJst = (d: Date) => formatUtc(new Date(d.getTime() + 9 * 3600_000)).replace('UTC', 'JST');

const MARGIN = 56;
const GREY = '#555555';

/** Renders the dossier; resolves to the exact bytes to serve (and hash). */
export function renderDossier(model: DossierModel): Promise<Buffer> {
  const t = TEXT[model.lang];
  const { regular, bold } = openedFonts();
  const doc = new PDFDocument({
    size: 'A4', margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN }, bufferPages: true, compress: true, lang: model.lang,
    displayTitle: true,
    info: {
      Title: `${t.title} ${model.reference}`, Author: 'Chōtei', Subject: model.reference, Creator: 'Chōtei', Producer: 'Chōtei (pdfkit)',
      CreationDate: model.generatedAt, ModDate: model.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit accepts an opened fontkit font (anything with layout()); its types only name paths and buffers.
  doc.registerFont('regular', regular as unknown as Buffer);
  doc.registerFont('bold', bold as unknown as Buffer);
  const width = doc.page.width - MARGIN * 2;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor('black').text(text, MARGIN, doc.y, { width });
    doc.moveTo(MARGIN, doc.y + 1).lineTo(MARGIN + width, doc.y + 1).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.moveDown(0.4);
  };
  const sub = (text: string) => { doc.moveDown(0.3).font('bold').fontSize(10.5).fillColor('black').text(text, MARGIN, doc.y, { width }); };
  const field = (label: string, value: string | number | null | undefined) => {
    const shown = value == null || value === '' ? '—' : String(value);
    doc.font('bold').fontSize(9.5).fillColor(GREY).text(`${label}: `, MARGIN, doc.y, { width, continued: true })
      .font('regular').fillColor('black').text(shown);
  };
  const para = (text: string, size = 9.5, color = 'black') => { doc.font('regular').fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width }); };
  const yesNo = (b: boolean) => (b ? t.yes : t.no);
  const money = (n: number | null) => (n == null ? null : t.yen(n));
  const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : t.none);
  const party = (role: string, p: DossierParty) => {
    sub(`${role}: ${p.name}`);
    for (const [label, value] of p.lines) field(t[label], typeof value === 'boolean' ? yesNo(value) : value);
  };

  // ---------------------------------------------------------------- cover
  doc.font('bold').fontSize(20).fillColor('black').text(t.title, { width });
  doc.font('regular').fontSize(10).fillColor(GREY).text(t.subtitle, { width });
  doc.moveDown(0.6);
  field(t.reference, model.reference);
  field(t.caseId, model.caseId);
  field(t.status, model.status);
  if (model.outcome) field(t.outcome, model.outcome);
  if (model.resolution) field(t.resolution, model.resolution);
  field(t.filedAt, formatUtc(model.filedAt));
  field(t.generatedAt, `${formatUtc(model.generatedAt)} (${formatJst(model.generatedAt)})`);
  field(t.reader, `${model.reader.role}${model.reader.name ? ` — ${model.reader.name}` : ''}`);
  doc.moveDown(0.3);
  para(t.verify, 8.5, GREY);

  // ---------------------------------------------------------------- parties
  heading(t.parties);
  party(t.complainant, model.complainant);
  for (const p of model.principals) party(t.principals, p);
  party(t.respondent, model.respondent);
  if (model.aiSystem) party(t.aiSystem, model.aiSystem);
  if (model.mediator) party(t.mediator, model.mediator);

  // ---------------------------------------------------------------- claim and works
  heading(t.claim);
  field(t.claimType, model.claim.claimType);
  field(t.stage, model.claim.stage);
  field(t.remedies, list(model.claim.requestedRemedies));
  field(t.amount, money(model.claim.claimedAmountJpy));
  if (model.claim.facts.length) {
    sub(t.facts);
    for (const [name, value] of model.claim.facts) field(name, value);
  }
  sub(t.statement);
  para(model.claim.statement);

  heading(t.works);
  model.works.forEach((w, i) => {
    sub(`${i + 1}. ${w.title}`);
    field(t.workKind, w.kind);
    field(t.published, `${formatDay(w.firstPublishedAt)}${w.firstPublicationCountry ? ` (${w.firstPublicationCountry})` : ''}`);
    if (w.contentHash) field(t.contentHash, w.contentHash);
    if (w.canonicalUrl) field(t.url, w.canonicalUrl);
  });

  // ---------------------------------------------------------------- evidence
  heading(t.evidence);
  if (!model.evidence.length) para(t.noEvidence);
  model.evidence.forEach((e, i) => {
    sub(`${i + 1}. ${e.kind} — ${e.description}`);
    field(t.submittedBy, `${e.submittedBy}, ${formatUtc(e.createdAt)}`);
    if (e.file) {
      field(t.file, e.file.fileName ?? '—');
      field(t.fileSha, e.file.sha256);
      if (e.file.mediaType || e.file.size != null) field(t.mediaType, [e.file.mediaType, e.file.size != null ? `${e.file.size} B` : null].filter(Boolean).join(', '));
    }
    if (e.sha256 && e.sha256 !== e.file?.sha256) field(t.sha256, e.sha256);
    if (e.url) field(t.url, e.url);
    if (e.similarityScore != null) field(t.similarity, e.similarityScore.toFixed(3));
    if (e.triage) {
      field(t.triage, [e.triage.score.toFixed(3), e.triage.method, e.triage.work, e.triage.computedAt ? formatUtc(e.triage.computedAt) : null].filter(Boolean).join(', '));
    }
    if (e.textExcerpt) field(t.excerpt, e.textExcerpt);
  });

  // ---------------------------------------------------------------- assessment
  heading(t.assessment);
  const a = model.assessment;
  if (!a) para(t.noAssessment);
  else {
    field(t.decision, a.decision);
    field(t.strength, a.strength);
    field(t.tier, a.tier);
    field(t.ruleSet, a.ruleSetVersion);
    field(t.trigger, `${a.trigger} (#${a.number}, ${formatUtc(a.createdAt)})`);
    field(t.ordersDisclosure, yesNo(a.ordersDisclosure));
    if (a.missingFacts.length) field(t.missingFacts, list(a.missingFacts));
    field(t.recommended, list(a.recommendedRemedies));
    sub(t.findings);
    for (const f of a.findings) {
      if (doc.y > doc.page.height - 140) doc.addPage();
      doc.moveDown(0.2).font('bold').fontSize(9.5).fillColor('black').text(`${f.code} — ${f.finding}${f.layer ? ` (${t.layer}: ${f.layer})` : ''}`, MARGIN, doc.y, { width });
      field(t.citation, f.citation);
      field(t.explanation, f.explanation);
    }
  }
  if (a?.triage.length) {
    sub(t.triageCited);
    for (const x of a.triage) {
      doc.moveDown(0.2).font('bold').fontSize(9.5).fillColor('black').text(`TRIAGE — ${x.evidence} ↔ ${x.work}`, MARGIN, doc.y, { width });
      field(t.triage, `${x.score.toFixed(3)} (${x.method}; ${t.band}: ${x.band})`);
      field(t.citation, x.citation);
    }
  }
  if (model.earlierAssessments.length) {
    sub(t.earlier);
    for (const e of model.earlierAssessments) para(`#${e.number} ${formatUtc(e.createdAt)} — ${e.trigger}: ${e.decision} (${e.ruleSetVersion})`);
  }

  // ---------------------------------------------------------------- offers, settlement, recommendation
  heading(t.offers);
  if (!model.offers.length) para(t.noOffers);
  model.offers.forEach((o, i) => {
    sub(`${i + 1}. ${formatUtc(o.createdAt)} — ${o.side}`);
    field(t.offerStatus, `${o.status}${o.respondedAt ? ` (${t.respondedAt}: ${formatUtc(o.respondedAt)})` : ''}`);
    field(t.amount, money(o.amountJpy));
    if (o.licenseTemplateCode) field(t.license, o.licenseTemplateCode);
    field(t.remedies, list(o.remedies));
    if (o.message) field(t.message, o.message);
  });
  para(t.blindBids, 8.5, GREY);
  if (model.settlement) {
    sub(t.settlement);
    const s = model.settlement;
    field(t.via, `${s.via}, ${formatUtc(s.createdAt)}`);
    field(t.amount, money(s.amountJpy));
    if (s.licenseTemplateCode) field(t.license, s.licenseTemplateCode);
    field(t.remedies, list(s.remedies));
  }
  if (model.recommendation) {
    const r = model.recommendation;
    sub(t.recommendation);
    field(t.mediator, r.mediator);
    field(t.finding, `${r.finding}, ${formatUtc(r.createdAt)}`);
    field(t.remedies, list(r.remedies));
    field(t.amount, money(r.amountJpy));
    field(t.reasoning, r.reasoning);
    field(t.acceptedByComplainant, r.acceptedByComplainantAt ? formatUtc(r.acceptedByComplainantAt) : t.no);
    field(t.acceptedByRespondent, r.acceptedByRespondentAt ? formatUtc(r.acceptedByRespondentAt) : t.no);
    if (r.rejectedAt) field(t.rejected, formatUtc(r.rejectedAt));
  }

  // ---------------------------------------------------------------- history
  heading(t.history);
  for (const e of model.history) {
    if (doc.y > doc.page.height - 110) doc.addPage();
    const move = e.fromStatus !== e.toStatus ? ` ${e.fromStatus ?? '—'} → ${e.toStatus ?? '—'}` : '';
    doc.font('bold').fontSize(9).fillColor('black').text(`${e.seq}. ${e.type}`, MARGIN, doc.y, { width, continued: true })
      .font('regular').text(`${move}  ·  ${formatUtc(e.at)}  ·  ${t.actor}: ${e.actor}`);
    if (e.detail) doc.font('regular').fontSize(8).fillColor(GREY).text(e.detail, MARGIN + 12, doc.y, { width: width - 12 });
  }

  // ---------------------------------------------------------------- page numbers: "n / N" on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written inside the bottom margin: lift it for the footer, or pdfkit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(GREY)
      .text(`${model.reference}  ·  ${t.page} ${i + 1 - range.start} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 8, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
