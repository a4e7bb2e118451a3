import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseOutcome, CaseStatus, ClaimType, ResolutionKind, UseStage } from '../../src/domain/enums';
import { CaseEntity, NoticeEntity } from '../../src/persistence/entities';
import { fails, gql, ok } from '../support/client';
import { complaintInput, fileComplaint, parties, registerAiSystem, signUpCreator, signUpFirm } from '../support/factories';
import { startTestApp, TestApp, waitFor } from '../support/harness';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.stop(); });

const DISCLOSE = `mutation($id: ID!, $input: TrainingDisclosureInput!) {
  discloseTrainingData(aiSystemId: $id, input: $input) { id disclosedAt trainingDataCategories trainingCutoff suppressionMeasures } }`;

describe('discloseTrainingData', () => {
  it('records the disclosure of the firm\'s own system, visible to everyone; a later one replaces it', async () => {
    const firm = await signUpFirm(app.url);
    const system = await registerAiSystem(app.url, firm.token);
    const disclosed = (await ok(app.url, DISCLOSE, {
      id: system.id,
      input: { categories: ['LICENSED_DATASETS', 'PUBLIC_WEB_CRAWL', 'MANGA_ANIME', 'PUBLIC_WEB_CRAWL'], cutoff: '2025-06-30T00:00:00.000Z',
        suppressionMeasures: ['  near-duplicate filter on outputs ', 'opt-out registry honoured at crawl time'] },
    }, firm.token)).discloseTrainingData;
    expect(disclosed).toMatchObject({
      id: system.id, trainingDataCategories: ['LICENSED_DATASETS', 'PUBLIC_WEB_CRAWL', 'MANGA_ANIME'], trainingCutoff: '2025-06-30T00:00:00.000Z',
      suppressionMeasures: ['near-duplicate filter on outputs', 'opt-out registry honoured at crawl time'],
    });
    expect(disclosed.disclosedAt).not.toBeNull();
    const listed = (await ok(app.url, 'query($f: ID) { aiSystems(firmId: $f) { id disclosedAt trainingDataCategories } }', { f: firm.firmId })).aiSystems;
    expect(listed).toEqual([{ id: system.id, disclosedAt: disclosed.disclosedAt, trainingDataCategories: ['LICENSED_DATASETS', 'PUBLIC_WEB_CRAWL', 'MANGA_ANIME'] }]);

    const replaced = (await ok(app.url, DISCLOSE, { id: system.id, input: { categories: ['SYNTHETIC'] } }, firm.token)).discloseTrainingData;
    expect(replaced).toMatchObject({ trainingDataCategories: ['SYNTHETIC'], trainingCutoff: null, suppressionMeasures: [] });
  });

  it('answers NOT_FOUND for another firm\'s system, FORBIDDEN for a creator, and BAD_USER_INPUT for bad disclosures', async () => {
    const firm = await signUpFirm(app.url);
    const other = await signUpFirm(app.url);
    const creator = await signUpCreator(app.url);
    const system = await registerAiSystem(app.url, firm.token);
    expect((await fails(app.url, DISCLOSE, { id: system.id, input: { categories: ['BOOKS'] } }, other.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, DISCLOSE, { id: randomUUID(), input: { categories: ['BOOKS'] } }, firm.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, DISCLOSE, { id: system.id, input: { categories: ['BOOKS'] } }, creator.token)).code).toBe('FORBIDDEN');
    const empty = await fails(app.url, DISCLOSE, { id: system.id, input: { categories: [] } }, firm.token);
    expect(empty).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'categories' }] } });
    const future = await fails(app.url, DISCLOSE, { id: system.id, input: { categories: ['BOOKS'], cutoff: new Date(Date.now() + 86_400_000).toISOString() } }, firm.token);
    expect(future.extensions.fields[0].field).toBe('cutoff');
    const blank = await fails(app.url, DISCLOSE, { id: system.id, input: { categories: ['BOOKS'], suppressionMeasures: ['ok', ' '] } }, firm.token);
    expect(blank.extensions.fields[0].field).toBe('suppressionMeasures[1]');
    // Outside the fixed vocabulary: refused by the schema. (Sent as a literal: a bad enum *variable* currently trips the
    // cost-limit plugin into INTERNAL_SERVER_ERROR — reported to the lead, src/graphql/plugins.ts.)
    const unknown = await fails(app.url, `mutation($id: ID!) { discloseTrainingData(aiSystemId: $id, input: { categories: [EVERYTHING] }) { id } }`, { id: system.id }, firm.token);
    expect(unknown.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const untouched = (await ok(app.url, 'query($f: ID) { aiSystems(firmId: $f) { disclosedAt } }', { f: firm.firmId })).aiSystems;
    expect(untouched).toEqual([{ disclosedAt: null }]);
  });
});

describe('transparencyReport', () => {
  const REPORT = `query($from: DateTime, $to: DateTime) { transparencyReport(from: $from, to: $to) {
    from to generatedAt totalCases byStatus { status count } byOutcome { outcome count medianDaysToOutcome }
    byResolution { resolution count medianDaysToOutcome } byClaimType { claimType count }
    firms { firmId legalName casesNoticed casesAnswered responseRate medianResponseHours } aiSystemsRegistered aiSystemsDisclosed } }`;

  it('computes the figures of a known set of cases filed in [from, to), and nothing personal', async () => {
    const alpha = await signUpFirm(app.url, { legalName: 'Alpha Models KK' });
    const beta = await signUpFirm(app.url, { legalName: 'Beta Vision Inc', country: 'US' });
    const complainant = randomUUID();
    const t = (s: string) => new Date(`2025-${s}Z`);
    let n = 0;
    type Spec = { firm: string; claim: ClaimType; status: CaseStatus; outcome?: CaseOutcome; resolution?: ResolutionKind; created: string; closed?: string; noticed?: string; responded?: string };
    const specs: Spec[] = [
      // In the period (March 2025):
      { firm: alpha.firmId, claim: ClaimType.OUTPUT_REPRODUCES_WORK, status: CaseStatus.CLOSED, outcome: CaseOutcome.RESOLVED, resolution: ResolutionKind.SETTLED,
        created: '03-01T00:00:00', closed: '03-11T00:00:00', noticed: '03-02T00:00:00', responded: '03-02T12:00:00' }, // 10 days; 12 h
      { firm: alpha.firmId, claim: ClaimType.OUTPUT_REPRODUCES_WORK, status: CaseStatus.CLOSED, outcome: CaseOutcome.RESOLVED, resolution: ResolutionKind.LICENSED,
        created: '03-02T00:00:00', closed: '03-22T00:00:00', noticed: '03-03T00:00:00', responded: '03-04T00:00:00' }, // 20 days; 24 h
      { firm: alpha.firmId, claim: ClaimType.OPT_OUT_IGNORED, status: CaseStatus.NEGOTIATION,
        created: '03-05T00:00:00', noticed: '03-06T00:00:00', responded: '03-08T00:00:00' }, // 48 h
      { firm: alpha.firmId, claim: ClaimType.OPT_OUT_IGNORED, status: CaseStatus.NOTICE_SENT, created: '03-10T00:00:00', noticed: '03-10T06:00:00' }, // unanswered
      { firm: beta.firmId, claim: ClaimType.TRANSPARENCY_FAILURE, status: CaseStatus.CLOSED, outcome: CaseOutcome.REFERRED,
        created: '03-03T00:00:00', closed: '03-04T12:00:00', noticed: '03-03T06:00:00' }, // 1.5 days; unanswered
      { firm: beta.firmId, claim: ClaimType.RAG_REPRODUCTION, status: CaseStatus.CLOSED, outcome: CaseOutcome.WITHDRAWN, created: '03-15T00:00:00', closed: '03-16T00:00:00' }, // 1 day
      { firm: beta.firmId, claim: ClaimType.OUTPUT_REPRODUCES_WORK, status: CaseStatus.CLOSED, outcome: CaseOutcome.INELIGIBLE, created: '03-20T00:00:00', closed: '03-20T12:00:00' }, // 0.5 days
      { firm: alpha.firmId, claim: ClaimType.OUTPUT_REPRODUCES_WORK, status: CaseStatus.CLOSED, outcome: CaseOutcome.RESOLVED, resolution: ResolutionKind.SETTLED,
        created: '03-25T00:00:00', closed: '04-10T00:00:00', noticed: '03-26T00:00:00', responded: '03-26T06:00:00' }, // 16 days (closed after the period); 6 h
      { firm: beta.firmId, claim: ClaimType.OUTPUT_REPRODUCES_WORK, status: CaseStatus.SCREENING, created: '03-31T23:59:59' },
      // Outside it: the day before, and exactly at `to` (exclusive).
      { firm: alpha.firmId, claim: ClaimType.OUTPUT_REPRODUCES_WORK, status: CaseStatus.CLOSED, outcome: CaseOutcome.RESOLVED, resolution: ResolutionKind.REMEDIED,
        created: '02-28T23:59:59', closed: '03-02T00:00:00', noticed: '03-01T00:00:00', responded: '03-01T01:00:00' },
      { firm: beta.firmId, claim: ClaimType.TRAINING_WITHOUT_PERMISSION, status: CaseStatus.NOTICE_SENT, created: '04-01T00:00:00', noticed: '04-01T01:00:00', responded: '04-01T02:00:00' },
    ];
    await app.db.transaction(async (tx) => {
      for (const s of specs) {
        const id = randomUUID();
        n += 1;
        await tx.em.insert(CaseEntity, {
          id, reference: `CH-2025-${String(900000 + n)}`, status: s.status, outcome: s.outcome ?? null, resolution: s.resolution ?? null, claimType: s.claim,
          stage: UseStage.GENERATION, complainantId: complainant, respondentFirmId: s.firm, aiSystemId: null, mediatorId: null, facts: {},
          requestedRemedies: [], claimedAmountJpy: 100000, statement: 'PRIVATE STATEMENT of the complainant', dedupKey: id.replace(/-/g, ''), machine: {},
          ruleSetVersion: null, noticeSentAt: s.noticed ? t(s.noticed) : null, closedAt: s.closed ? t(s.closed) : null,
          createdAt: t(s.created), updatedAt: t(s.created), version: 1,
        });
        if (s.noticed) {
          await tx.em.insert(NoticeEntity, tx.em.create(NoticeEntity, {
            id: randomUUID(), caseId: id, firmId: s.firm, summary: { reference: 'x' }, sentAt: t(s.noticed), acknowledgedAt: null,
            respondedAt: s.responded ? t(s.responded) : null, responseKind: null, responseStatement: s.responded ? 'PRIVATE RESPONSE of the firm' : null,
          }));
        }
      }
    });

    const report = (await ok(app.url, REPORT, { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' })).transparencyReport;
    expect(report.from).toBe('2025-03-01T00:00:00.000Z');
    expect(report.to).toBe('2025-04-01T00:00:00.000Z');
    expect(report.totalCases).toBe(9);
    const statusCounts = Object.fromEntries(report.byStatus.map((s: any) => [s.status, s.count]));
    expect(statusCounts).toEqual({
      FILED: 0, SCREENING: 1, MEDIATOR_REVIEW: 0, NOTICE_SENT: 1, NEGOTIATION: 1, MEDIATION: 0, RECOMMENDATION_ISSUED: 0,
      REMEDY_IN_PROGRESS: 0, VERIFICATION: 0, CLOSED: 6,
    });
    expect(report.byOutcome).toEqual([
      { outcome: 'INELIGIBLE', count: 1, medianDaysToOutcome: 0.5 },
      { outcome: 'DUPLICATE', count: 0, medianDaysToOutcome: null },
      { outcome: 'DISMISSED', count: 0, medianDaysToOutcome: null },
      { outcome: 'WITHDRAWN', count: 1, medianDaysToOutcome: 1 },
      { outcome: 'RESOLVED', count: 3, medianDaysToOutcome: 16 }, // 10, 16, 20
      { outcome: 'REFERRED', count: 1, medianDaysToOutcome: 1.5 },
    ]);
    expect(report.byResolution).toEqual([
      { resolution: 'REMEDIED', count: 0, medianDaysToOutcome: null },
      { resolution: 'SETTLED', count: 2, medianDaysToOutcome: 13 }, // 10, 16
      { resolution: 'LICENSED', count: 1, medianDaysToOutcome: 20 },
      { resolution: 'RECOMMENDATION_ACCEPTED', count: 0, medianDaysToOutcome: null },
    ]);
    expect(Object.fromEntries(report.byClaimType.map((c: any) => [c.claimType, c.count]))).toEqual({
      TRAINING_WITHOUT_PERMISSION: 0, OPT_OUT_IGNORED: 2, OUTPUT_REPRODUCES_WORK: 5, TARGETED_FINE_TUNING: 0, RAG_REPRODUCTION: 1, TRANSPARENCY_FAILURE: 1,
    });
    expect(report.firms).toEqual([
      // Alpha: 5 noticed, 4 answered (12 h, 24 h, 48 h, 6 h → median 18 h).
      { firmId: alpha.firmId, legalName: 'Alpha Models KK', casesNoticed: 5, casesAnswered: 4, responseRate: 0.8, medianResponseHours: 18 },
      // Beta: 1 noticed, none answered.
      { firmId: beta.firmId, legalName: 'Beta Vision Inc', casesNoticed: 1, casesAnswered: 0, responseRate: 0, medianResponseHours: null },
    ]);
    const text = JSON.stringify(report);
    expect(text).not.toContain('PRIVATE');
    expect(text).not.toContain(complainant);

    // Only March 1st–4th: the first two cases and the referred one.
    const early = (await ok(app.url, REPORT, { from: '2025-03-01T00:00:00Z', to: '2025-03-04T00:00:00Z' })).transparencyReport;
    expect(early.totalCases).toBe(3);
    expect(early.firms.map((f: any) => [f.legalName, f.casesNoticed, f.casesAnswered, f.medianResponseHours]))
      .toEqual([['Alpha Models KK', 2, 2, 18], ['Beta Vision Inc', 1, 0, null]]);
  });

  it('is public, counts disclosed systems, and refuses a period that ends before it starts', async () => {
    const firm = await signUpFirm(app.url);
    const system = await registerAiSystem(app.url, firm.token);
    const before = (await ok(app.url, REPORT, {})).transparencyReport;
    await ok(app.url, DISCLOSE, { id: system.id, input: { categories: ['NEWS'] } }, firm.token);
    const after = (await ok(app.url, REPORT, {})).transparencyReport;
    expect(after.from).toBeNull();
    expect(after.aiSystemsRegistered).toBe(before.aiSystemsRegistered);
    expect(after.aiSystemsDisclosed).toBe(before.aiSystemsDisclosed + 1);
    const bad = await fails(app.url, REPORT, { from: '2025-04-01T00:00:00Z', to: '2025-03-01T00:00:00Z' });
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'to' }] } });
  });
});

describe('an undisclosed AI system', () => {
  it('makes reliance UNKNOWN and orders disclosure; once the firm discloses, open cases are re-assessed', async () => {
    const local = await startTestApp();
    try {
      const { creator, firm, work, system } = await parties(local.url);
      // The creator cannot say whether the work was in the training data, and the firm has disclosed nothing.
      const filed = await fileComplaint(local.url, creator.token, complaintInput(firm.firmId, [work.id], {
        aiSystemId: system.id, facts: { essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true },
      }));
      const first = await waitFor(async () => {
        const c = (await gql(local.url, 'query($id: ID!) { case(id: $id) { status assessment { ordersDisclosure missingFacts findings { code finding explanation } } } }', { id: filed.id }, creator.token)).data.case;
        return c.assessment && c;
      }, 'the first assessment');
      expect(first.assessment.ordersDisclosure).toBe(true);
      const reliance = first.assessment.findings.find((f: any) => f.code === 'RELIANCE');
      expect(reliance.finding).toBe('UNKNOWN');
      expect(reliance.explanation).toMatch(/disclos/i);
      expect(first.status).toBe('MEDIATOR_REVIEW');
      await gql(local.url, 'mutation($id: ID!) { discloseTrainingData(aiSystemId: $id, input: { categories: [PUBLIC_WEB_CRAWL], cutoff: "2024-01-01T00:00:00Z" }) { id disclosedAt } }',
        { id: system.id }, firm.token);
      const second = await waitFor(async () => {
        const c = (await gql(local.url, 'query($id: ID!) { case(id: $id) { assessments { trigger findings { code finding explanation } } } }', { id: filed.id }, creator.token)).data.case;
        return c.assessments.length === 2 && c;
      }, 'the re-assessment after disclosure');
      expect(second.assessments[1].trigger).toBe('DISCLOSURE');
      // Categories alone do not say whether this work was used: the reasoning now rests on the firm's disclosure.
      const after = second.assessments[1].findings.find((f: any) => f.code === 'RELIANCE');
      expect(after.explanation).toMatch(/PUBLIC_WEB_CRAWL/);
    } finally {
      await local.stop();
    }
  });
});
