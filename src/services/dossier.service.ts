import { createHash } from 'node:crypto';
import type { Database } from '../persistence/database';
import { ActorKind } from '../domain/case/actor';
import { CaseEventType } from '../domain/case/case-state';
import { notFound } from '../domain/errors';
import type { AccountEntity, CaseEntity, CaseEventEntity } from '../persistence/entities';
import { accountsWithIds, creatorProfilesOf } from '../persistence/repositories/account.repository';
import { aiSystemById } from '../persistence/repositories/ai-system.repository';
import { assessmentsOfCases } from '../persistence/repositories/assessment.repository';
import { caseById, mediatesCaseAgainst } from '../persistence/repositories/case.repository';
import { eventsOf } from '../persistence/repositories/case-event.repository';
import { evidenceOf } from '../persistence/repositories/evidence.repository';
import { findFirm } from '../persistence/repositories/firm.repository';
import { principalLinksOfCases } from '../persistence/repositories/mandate.repository';
import { recommendationsOfCases } from '../persistence/repositories/mediation.repository';
import { storedFilesWithIds } from '../persistence/repositories/stored-file.repository';
import { offersOfCases, settlementsOfCases } from '../persistence/repositories/offer.repository';
import { worksOfCase } from '../persistence/repositories/work.repository';
import { type DossierLang, type DossierModel, type DossierParty, renderDossier } from '../infra/pdf/dossier.pdf';
import { actorFor } from '../policies';
import { accountEmail, firmContactEmail, mayReadCreatorProfile } from '../policies/fields';
import type { RequestContext, Viewer } from '../policies/context';
import { requireViewer } from '../policies/guards';
import type { CaseWorkflow } from './case-workflow';
import { withPrincipals } from './case-workflow';

/** A dossier as served: the exact bytes and their SHA-256 (the one recorded in the case's DOSSIER_ISSUED event). */
export interface IssuedDossier { pdf: Buffer; sha256: string; reference: string; lang: DossierLang; generatedAt: Date; eventSeq: number }

/** `{PUBLIC_URL}/cases/{id}/dossier.pdf`: where a case's dossier is fetched, with a Bearer token of one who may read the case. */
export function dossierUrl(publicUrl: string, caseId: string): string {
  return `${publicUrl}/cases/${encodeURIComponent(caseId)}/dossier.pdf`;
}

/** Longest event detail printed in the history (the API's Case.events has it whole). */
const MAX_DETAIL = 600;

/**
 * The case dossier (issue 17 item 5): what a court or a partner body receives,
 * as a PDF in Japanese or English. Who may have it is the ONE case rule
 * (src/policies/case.policy.ts: actorFor); what it shows of each party is the
 * API's field-level visibility (src/policies/fields.ts), applied to the reader:
 * an email is masked unless it is the reader's own (or the reader is an admin),
 * a firm's contact email only to admins and its case's mediator. Mediator notes
 * are never in it; blind-bid figures are never read (only a settled midpoint,
 * which is the settlement, leaves the negotiation).
 *
 * Producing one records DOSSIER_ISSUED with the SHA-256 of the exact bytes
 * served, so whoever receives a copy checks it against the case's history.
 */
export class DossierService {
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow) {}

  /**
   * Builds, renders and records the dossier of a case for the viewer. NOT_FOUND
   * when the case is missing or the viewer may not read it (the same answer).
   */
  async issue(ctx: RequestContext, caseId: string, lang: DossierLang, now = new Date()): Promise<IssuedDossier> {
    const viewer = requireViewer(ctx);
    this.db.freshReads();
    // Whole seconds: the time printed, the PDF's CreationDate and the event's detail are the same instant.
    const generatedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const model = await this.model(viewer, caseId, lang, generatedAt);
    const pdf = await renderDossier(model);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const [event] = await this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      return this.workflow.record(tx, row, [{
        type: CaseEventType.DOSSIER_ISSUED, fromStatus: row.status, toStatus: row.status,
        detail: { sha256, bytes: pdf.length, lang, generatedAt: generatedAt.toISOString(), by: actor.kind, accountId: viewer.accountId },
      }], actor, now);
    });
    return { pdf, sha256, reference: model.reference, lang, generatedAt, eventSeq: event.seq };
  }

  /** What goes in, already filtered for the viewer. */
  private async model(viewer: Viewer, caseId: string, lang: DossierLang, generatedAt: Date): Promise<DossierModel> {
    const q = this.db.reads;
    const row = await caseById(q, caseId);
    if (!row) throw notFound('Case', caseId);
    await withPrincipals(q, viewer, [row]);
    const actor = actorFor(viewer, row);
    if (!actor) throw notFound('Case', caseId);

    const [firm, system, works, evidence, assessments, events, offers, settlements, recommendations, principalLinks] = await Promise.all([
      findFirm(q, row.respondentFirmId),
      row.aiSystemId ? aiSystemById(q, row.aiSystemId) : Promise.resolve(null),
      worksOfCase(q, row.id),
      evidenceOf(q, row.id),
      assessmentsOfCases(q, [row.id]),
      eventsOf(q, row.id),
      offersOfCases(q, [row.id]),
      settlementsOfCases(q, [row.id]),
      recommendationsOfCases(q, [row.id]),
      principalLinksOfCases(q, [row.id]),
    ]);
    const principalIds = principalLinks.map((l) => l.principalId).filter((id) => id !== row.complainantId);
    const accountIds = new Set<string>([row.complainantId, viewer.accountId, ...principalIds, ...evidence.map((e) => e.submittedById),
      ...events.map((e) => e.actorId).filter((id): id is string => !!id), ...(row.mediatorId ? [row.mediatorId] : []),
      ...recommendations.map((r) => r.mediatorId)]);
    const accounts = new Map((await accountsWithIds(q, [...accountIds])).map((a) => [a.id, a]));
    const fileIds = [...new Set(evidence.map((e) => e.fileId).filter((id): id is string => !!id))];
    const files = new Map((fileIds.length ? await storedFilesWithIds(q, fileIds) : []).map((f) => [f.id, f]));
    const workTitles = new Map(works.map((w) => [w.id, w.title]));
    const profiles = new Map((await creatorProfilesOf(q, [row.complainantId, ...principalIds])).map((p) => [p.accountId, p]));
    const nameOf = (id: string | null) => (id ? accounts.get(id)?.displayName ?? null : null);

    const person = (account: AccountEntity | undefined, id: string): DossierParty => {
      if (!account) return { name: id, lines: [] };
      const lines: DossierParty['lines'] = [['email', accountEmail(viewer, account)]];
      const profile = profiles.get(account.id);
      if (profile && mayReadCreatorProfile(viewer, account)) lines.push(['nationality', profile.nationality], ['creatorKind', profile.kind]);
      return { name: account.displayName, lines };
    };
    const contact = firm ? await firmContactEmail(viewer, firm, () => mediatesCaseAgainst(q, viewer.accountId, firm.id)) : null;
    const respondent: DossierParty = firm
      ? {
        name: firm.legalName,
        lines: [['country', firm.country], ['enrolled', firm.enrolled], ...(firm.website ? [['website', firm.website]] : []),
          ...(contact ? [['contactEmail', contact]] : [])] as DossierParty['lines'],
      }
      : { name: row.respondentFirmId, lines: [] };
    const latest = assessments[assessments.length - 1] ?? null;
    /** Evidence as the dossier numbers it (1., 2., … in the evidence section). */
    const evidenceLabel = (id: string) => { const i = evidence.findIndex((e) => e.id === id); return i >= 0 ? `#${i + 1} ${evidence[i].kind}` : id; };
    const sideOf = (accountId: string) => (accountId === row.complainantId ? ActorKind.COMPLAINANT : ActorKind.RESPONDENT);

    return {
      lang, generatedAt, caseId: row.id, reference: row.reference, status: row.status, outcome: row.outcome, resolution: row.resolution,
      reader: { role: actor.kind, name: nameOf(viewer.accountId) }, filedAt: row.createdAt,
      complainant: person(accounts.get(row.complainantId), row.complainantId),
      principals: principalIds.map((id) => person(accounts.get(id), id)),
      respondent,
      aiSystem: system ? { name: system.name, lines: [['modality', system.modality], ['purpose', system.purpose]] } : null,
      mediator: row.mediatorId ? { name: nameOf(row.mediatorId) ?? row.mediatorId, lines: [] } : null,
      claim: {
        claimType: row.claimType, stage: row.stage, statement: row.statement, requestedRemedies: row.requestedRemedies ?? [], claimedAmountJpy: row.claimedAmountJpy,
        facts: Object.entries(row.facts ?? {}).filter(([, v]) => v != null).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      },
      works: works.map((w) => ({
        title: w.title, kind: w.kind, firstPublishedAt: w.firstPublishedAt, firstPublicationCountry: w.firstPublicationCountry, contentHash: w.contentHash, canonicalUrl: w.canonicalUrl,
      })),
      evidence: evidence.map((e) => {
        const file = e.fileId ? files.get(e.fileId) : undefined;
        return {
          kind: e.kind, description: e.description, submittedBy: `${sideOf(e.submittedById)} (${nameOf(e.submittedById) ?? e.submittedById})`, createdAt: e.createdAt,
          url: e.url, sha256: e.sha256, textExcerpt: e.textExcerpt, similarityScore: e.similarityScore,
          file: file ? { fileName: file.fileName, sha256: file.sha256, size: file.size, mediaType: file.mediaType } : null,
          triage: e.triageScore != null
            ? { score: e.triageScore, method: e.triageMethod, work: e.triageWorkId ? workTitles.get(e.triageWorkId) ?? e.triageWorkId : null, computedAt: e.triageComputedAt }
            : null,
        };
      }),
      assessment: latest && {
        number: latest.number, decision: latest.decision, strength: latest.strength, tier: latest.tier, ruleSetVersion: latest.ruleSetVersion,
        trigger: latest.trigger, createdAt: latest.createdAt, missingFacts: latest.missingFacts ?? [], recommendedRemedies: latest.recommendedRemedies ?? [],
        ordersDisclosure: latest.ordersDisclosure,
        // As the API presents a finding (src/resolvers/presenters.ts presentFinding), in the dossier's language.
        findings: latest.findings.map((f) => ({
          code: f.code, finding: f.finding, layer: f.layer ?? null, citation: f.citation, explanation: lang === 'en' ? f.explanation.en : f.explanation.ja,
        })),
        triage: (latest.triage ?? []).map((x) => ({
          evidence: evidenceLabel(x.evidenceId), work: workTitles.get(x.workId) ?? x.workId, method: x.method, score: x.score, band: x.band, citation: x.citation,
        })),
      },
      earlierAssessments: assessments.slice(0, -1).map((a) => ({ number: a.number, decision: a.decision, ruleSetVersion: a.ruleSetVersion, trigger: a.trigger, createdAt: a.createdAt })),
      offers: offers.map((o) => ({
        side: `${o.side} (${nameOf(o.byAccountId) ?? o.byAccountId})`, status: o.status, amountJpy: o.amountJpy, licenseTemplateCode: o.licenseTemplateCode,
        remedies: o.remedies ?? [], message: o.message, createdAt: o.createdAt, respondedAt: o.respondedAt,
      })),
      settlement: settlements.length ? (({ via, amountJpy, licenseTemplateCode, remedies, createdAt }) => ({ via, amountJpy, licenseTemplateCode, remedies: remedies ?? [], createdAt }))(settlements[settlements.length - 1]) : null,
      recommendation: recommendations.length ? (({ mediatorId, finding, remedies, amountJpy, reasoning, createdAt, acceptedByComplainantAt, acceptedByRespondentAt, rejectedAt }) => ({
        mediator: nameOf(mediatorId), finding, remedies: remedies ?? [], amountJpy, reasoning, createdAt, acceptedByComplainantAt, acceptedByRespondentAt, rejectedAt,
      }))(recommendations[recommendations.length - 1]) : null,
      history: events.map((e) => historyLine(e, nameOf(e.actorId))),
    };
  }
}

/** One event as the dossier prints it: who, when, the move, and its facts (as Case.events gives them to the case's readers). */
function historyLine(e: CaseEventEntity, actorName: string | null): DossierModel['history'][number] {
  const detail = e.detail && Object.keys(e.detail).length ? JSON.stringify(e.detail) : null;
  return {
    seq: e.seq, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, at: e.at,
    actor: `${e.actorRole}${actorName ? ` (${actorName})` : ''}`,
    detail: detail && detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail,
  };
}
