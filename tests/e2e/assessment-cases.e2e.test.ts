import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, registerWork } from '../support/factories';

/**
 * Issue 15 "Done when": rule set jp-2024.2 decides the cases the Copyright Act and the Agency for Cultural
 * Affairs' General Understanding (15 March 2024) give as examples, through GraphQL — previewAssessment,
 * eligibility and the screening job — not only in the domain's unit tests (tests/unit/criteria-v2.test.ts).
 */
let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.stop(); });

const PREVIEW = `query($input: FileComplaintInput!) { previewAssessment(input: $input) {
  decision ruleSetVersion tier missingFacts recommendedRemedies findings { code layer finding explanationEn citation data } } }`;

type Finding = { code: string; layer: string | null; finding: string; explanationEn: string; citation: string; data: Record<string, unknown> | null };
type Preview = { decision: string; ruleSetVersion: string; tier: string | null; missingFacts: string[]; recommendedRemedies: string[]; findings: Finding[] };

async function preview(token: string, input: Record<string, unknown>): Promise<Preview & { f: (code: string) => Finding }> {
  const p = (await ok(app.url, PREVIEW, { input }, token)).previewAssessment as Preview;
  expect(p.ruleSetVersion).toBe('jp-2024.2');
  return {
    ...p,
    f: (code: string) => {
      const found = p.findings.find((x) => x.code === code);
      if (!found) throw new Error(`no finding ${code}`);
      return found;
    },
  };
}

describe('the General Understanding\'s examples through previewAssessment (jp-2024.2)', () => {
  it('style alone: no infringement, nothing asked of anyone', async () => {
    const p = await parties(app.url);
    const r = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, facts: { workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: false, outputServedInJapan: true },
    }));
    expect(r.f('INFRINGEMENT').finding).toBe('NOT_MET');
    expect(r.f('INFRINGEMENT').layer).toBe('STATUTE');
    expect(r.f('LIABILITY').finding).toBe('NOT_APPLICABLE');
    expect(r.decision).toBe('NOT_ACTIONABLE');
    expect(r.recommendedRemedies).toEqual([]);
  });

  it('a LoRA on one creator\'s works: training infringes, the provider is liable with intent and asked for compensation', async () => {
    const p = await parties(app.url);
    const r = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, claimType: 'TARGETED_FINE_TUNING', stage: 'FINE_TUNE',
      facts: { targetedAdditionalTraining: true, accessControlBypassed: false, workInTrainingData: 'YES' },
    }));
    expect(r.f('NON_ENJOYMENT').finding).toBe('NOT_MET');
    expect(r.f('INFRINGEMENT').finding).toBe('MET');
    expect(r.f('LIABILITY').data?.parties).toEqual(['PROVIDER']);
    expect(r.f('FAULT').finding).toBe('MET');
    expect(r.f('FAULT').explanationEn).toMatch(/additional training aimed at one creator's expression/);
    expect(r.decision).toBe('ACTIONABLE');
    expect(r.recommendedRemedies).toContain('COMPENSATION');
  });

  it('intentional overfitting by a research system: the purpose tier orders the remedies but never removes compensation', async () => {
    const p = await parties(app.url, { system: { purpose: 'RESEARCH' } });
    const r = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, claimType: 'TRAINING_WITHOUT_PERMISSION', stage: 'TRAINING', requestedRemedies: ['DATASET_REMOVAL'],
      facts: { intentionalOverfitting: true, accessControlBypassed: false, workInTrainingData: 'YES' },
    }));
    expect(r.decision).toBe('ACTIONABLE');
    expect(r.tier).toBe('RESEARCH');
    expect(r.f('FAULT').finding).toBe('MET');
    expect(r.recommendedRemedies[0]).toBe('DATASET_REMOVAL');
    expect(r.recommendedRemedies).toContain('COMPENSATION');
    expect(r.f('TIER').layer).toBe('FRAMEWORK');
    expect(r.f('TIER').explanationEn).toMatch(/never removes what the law gives/);
  });

  it('RAG outputs: the retrieved document is a direct input (reliance MET); Art. 47-5 covers only a minor use incidental to a search result', async () => {
    const p = await parties(app.url, { system: { usesRag: true } });
    const base = { aiSystemId: p.system.id, claimType: 'RAG_REPRODUCTION', stage: 'RAG' };
    const facts = { ragRetrievedWork: true, ragOutputsExpression: false, essentialFeaturesPerceivable: true, outputServedInJapan: true };
    const r = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { ...base, facts }));
    expect(r.f('RELIANCE').finding).toBe('MET');
    expect(r.f('RELIANCE').explanationEn).toMatch(/direct input/);
    expect(r.f('MINOR_EXPLOITATION').finding).toBe('NOT_MET');
    expect(r.f('INFRINGEMENT').finding).toBe('MET');
    expect(r.f('LIABILITY').data?.parties).toEqual(['PROVIDER']);
    expect(r.decision).toBe('ACTIONABLE');

    const minor = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { ...base, facts: { ...facts, minorIncidentalUse: true } }));
    expect(minor.f('MINOR_EXPLOITATION').finding).toBe('MET');
    expect(minor.f('MINOR_EXPLOITATION').citation).toContain('Art. 47-5');
    expect(minor.f('INFRINGEMENT').finding).toBe('NOT_MET');
    expect(minor.decision).toBe('NOT_ACTIONABLE');

    // Nothing said about retrieval: the fact that would decide reliance is named.
    const open = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { ...base, facts: { essentialFeaturesPerceivable: true, outputServedInJapan: true } }));
    expect(open.missingFacts).toContain('facts.ragRetrievedWork');
  });

  it('a database sold for analysis meets the Art. 30-4 proviso; a database alone does not, and the missing fact is named', async () => {
    const p = await parties(app.url);
    const db = await registerWork(app.url, p.creator.token, { kind: 'DATABASE', title: 'Annotated corpus of coastal dialects' });
    const input = (facts: Record<string, unknown>) => complaintInput(p.firm.firmId, [db.id], {
      aiSystemId: p.system.id, claimType: 'TRAINING_WITHOUT_PERMISSION', stage: 'TRAINING', facts: { accessControlBypassed: false, workInTrainingData: 'YES', ...facts },
    });
    const sold = await preview(p.creator.token, input({ databaseOfferedForAnalysis: true }));
    expect(sold.f('UNREASONABLE_PREJUDICE').finding).toBe('MET');
    expect(sold.f('UNREASONABLE_PREJUDICE').layer).toBe('STATUTE');
    expect(sold.f('UNREASONABLE_PREJUDICE').citation).toContain('Art. 30-4 proviso');
    expect(sold.f('INFRINGEMENT').finding).toBe('MET');
    expect(sold.decision).toBe('ACTIONABLE');
    // An injunction needs no fault; compensation does, and nothing shows it before the notice.
    expect(sold.f('FAULT').finding).toBe('NOT_MET');
    expect(sold.recommendedRemedies).toContain('DATASET_REMOVAL');
    expect(sold.recommendedRemedies).not.toContain('COMPENSATION');

    const alone = await preview(p.creator.token, input({}));
    expect(alone.f('UNREASONABLE_PREJUDICE').finding).toBe('UNKNOWN');
    expect(alone.missingFacts).toContain('facts.databaseOfferedForAnalysis');
  });

  it('robots.txt: circumvented on data meant for sale it meets the proviso; acknowledged alone it is evidence of knowledge and a framework duty, not a breach of the Act', async () => {
    const p = await parties(app.url);
    const optOut = await ok(app.url, 'mutation($input: OptOutInput!) { registerOptOut(input: $input) { id } }', {
      input: { workId: p.work.id, scope: 'ALL_AI_TRAINING', signals: ['ROBOTS_TXT'] },
    }, p.creator.token);
    await ok(app.url, 'mutation($ids: [ID!]!) { acknowledgeOptOuts(ids: $ids) }', { ids: [optOut.registerOptOut.id] }, p.firm.token);
    const training = (facts: Record<string, unknown>) => complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, claimType: 'TRAINING_WITHOUT_PERMISSION', stage: 'TRAINING', facts: { workInTrainingData: 'YES', ...facts },
    });
    const bypassed = await preview(p.creator.token, training({ accessControlBypassed: true }));
    expect(bypassed.f('UNREASONABLE_PREJUDICE').finding).toBe('MET');
    expect(bypassed.f('UNREASONABLE_PREJUDICE').explanationEn).toMatch(/were circumvented/);
    expect(bypassed.decision).toBe('ACTIONABLE');

    const acknowledged = await preview(p.creator.token, training({ accessControlBypassed: false }));
    expect(acknowledged.f('UNREASONABLE_PREJUDICE').finding).toBe('NOT_MET');
    expect(acknowledged.f('UNREASONABLE_PREJUDICE').explanationEn).toMatch(/An opt-out is not the proviso/);
    expect(acknowledged.f('INFRINGEMENT').finding).toBe('NOT_MET');
    expect(acknowledged.decision).toBe('NOT_ACTIONABLE');

    // The same opt-out, brought as what it is — a framework claim — is decided on the framework layer, and says so.
    const framework = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, claimType: 'OPT_OUT_IGNORED', stage: 'TRAINING', facts: { workInTrainingData: 'YES' },
    }));
    const fw = framework.f('FRAMEWORK_OPT_OUT');
    expect(fw.finding).toBe('MET');
    expect(fw.layer).toBe('FRAMEWORK');
    expect(fw.explanationEn).toMatch(/not a breach of the Copyright Act/);
    expect(fw.citation).toMatch(/Chōtei framework/);
    expect(framework.f('LIABILITY').layer).toBe('FRAMEWORK');
    expect(framework.f('FAULT').finding).toBe('NOT_APPLICABLE');
    expect(framework.decision).toBe('ACTIONABLE');

    // FAULT: for an infringing output, the acknowledged opt-out shows the provider knew and did not mitigate.
    const output = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, facts: { workInTrainingData: 'YES', userKnewWork: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true, similarOutputsFrequent: false },
    }));
    expect(output.f('LIABILITY').data?.parties).toEqual(['USER', 'PROVIDER']);
    expect(output.f('FAULT').finding).toBe('MET');
    expect(output.f('FAULT').explanationEn).toMatch(/it acknowledged the opt-out/);
    expect(output.f('FAULT').citation).toContain('Civil Code Art. 709');
    expect(output.recommendedRemedies).toContain('COMPENSATION');
  });

  it('frequent similar outputs make the provider liable too, with fault; otherwise only the user is, and the provider is not asked for compensation', async () => {
    const p = await parties(app.url);
    const output = (facts: Record<string, unknown>) => complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, requestedRemedies: ['COMPENSATION', 'TAKEDOWN'], facts: {
        workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true, ...facts,
      },
    });
    const frequent = await preview(p.creator.token, output({ similarOutputsFrequent: true }));
    expect(frequent.f('LIABILITY').data?.parties).toEqual(['USER', 'PROVIDER']);
    expect(frequent.f('LIABILITY').citation).toContain('§5(2)キ');
    expect(frequent.f('FAULT').finding).toBe('MET');
    expect(frequent.f('FAULT').explanationEn).toMatch(/similar outputs are frequent and it states no suppression measures/);
    expect(frequent.recommendedRemedies[0]).toBe('COMPENSATION');

    const userOnly = await preview(p.creator.token, output({ similarOutputsFrequent: false }));
    expect(userOnly.f('LIABILITY').data?.parties).toEqual(['USER']);
    expect(userOnly.f('LIABILITY').explanationEn).toMatch(/provider is not asked for compensation/);
    expect(userOnly.decision).toBe('ACTIONABLE');
    expect(userOnly.recommendedRemedies).not.toContain('COMPENSATION');
    expect(userOnly.recommendedRemedies).not.toContain('LICENSE');
    expect(userOnly.recommendedRemedies).toContain('TAKEDOWN');
  });

  it('training abroad with outputs in Japan: the training claim is not under the Act, the output claim is', async () => {
    const p = await parties(app.url, { system: { trainingServerInJapan: false, servesJapaneseUsers: true } });
    const training = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, claimType: 'TRAINING_WITHOUT_PERMISSION', stage: 'TRAINING',
      facts: { intentionalOverfitting: true, accessControlBypassed: false, workInTrainingData: 'YES', outputServedInJapan: true },
    }));
    expect(training.f('APPLICABLE_LAW').finding).toBe('NOT_MET');
    expect(training.f('APPLICABLE_LAW').explanationEn).toMatch(/place where the training ran/);
    expect(training.decision).not.toBe('ACTIONABLE');

    const output = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
    expect(output.f('APPLICABLE_LAW').finding).toBe('MET');
    expect(output.f('APPLICABLE_LAW').explanationEn).toMatch(/place where the output is made available/);

    // Serving Japanese users does not show that this output was served in Japan: it stays a missing fact.
    const unknown = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, facts: { workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true },
    }));
    expect(unknown.missingFacts).toContain('facts.outputServedInJapan');
  });

  it('a disclosure presumes reliance only when it covers the work', async () => {
    const p = await parties(app.url);
    const facts = { essentialFeaturesPerceivable: true, outputServedInJapan: true, promptNamedWorkOrAuthor: false };
    const disclose = (categories: string[]) => ok(app.url, 'mutation($id: ID!, $input: TrainingDisclosureInput!) { discloseTrainingData(aiSystemId: $id, input: $input) { id } }',
      { id: p.system.id, input: { categories, suppressionMeasures: ['near-duplicate output filter'] } }, p.firm.token);
    await disclose(['NEWS', 'CODE_REPOSITORIES']);
    const elsewhere = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id, facts }));
    expect(elsewhere.f('RELIANCE').finding).not.toBe('PRESUMED');
    expect(elsewhere.f('RELIANCE').finding).not.toBe('MET');

    await disclose(['ILLUSTRATION']);
    const covering = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id, facts }));
    expect(covering.f('RELIANCE').finding).toBe('PRESUMED');
    expect(covering.f('RELIANCE').explanationEn).toMatch(/covers the work/);
  });
});

describe('standing follows the holder and its role', () => {
  it('an exclusive licensee\'s complaint about a work it licenses is told that the injunction is the copyright holder\'s', async () => {
    const p = await parties(app.url);
    const licensed = await registerWork(app.url, p.creator.token, {
      holderRole: 'EXCLUSIVE_LICENSEE', authors: [{ name: 'Haru Mori', nationality: 'JP' }],
    });
    const r = await preview(p.creator.token, complaintInput(p.firm.firmId, [licensed.id], { aiSystemId: p.system.id }));
    expect(r.decision).toBe('ACTIONABLE');
    expect(r.f('TIER').data?.injunctionNeedsHolder).toBe(true);
    expect(r.f('TIER').explanationEn).toMatch(/not to a licensee/);
    const own = await preview(p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
    expect(own.f('TIER').data?.injunctionNeedsHolder).toBeUndefined();
  });
});

describe('the same law through eligibility and the screening job', () => {
  it('eligibility names the fact that would decide the place of a training act', async () => {
    const e = await ok(app.url, `query { eligibility(input: { creatorNationality: "JP", claimType: TRAINING_WITHOUT_PERMISSION, respondentCountry: "US",
      workFirstPublicationCountry: "JP" }) { eligible missingFacts rules { code finding } } }`);
    expect(e.eligibility.rules.find((r: any) => r.code === 'APPLICABLE_LAW').finding).toBe('UNKNOWN');
    expect(e.eligibility.missingFacts).toContain('trainingServerInJapan');
  });

  it('screening stores the jp-2024.2 assessment: only the user is liable, so the notice asks the provider for no compensation', async () => {
    const p = await parties(app.url);
    const filed = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, requestedRemedies: ['COMPENSATION', 'TAKEDOWN'], facts: {
        workInTrainingData: 'YES', userKnewWork: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true, similarOutputsFrequent: false,
      },
    }));
    const c = await waitFor(async () => {
      const row = await getCase(app.url, p.creator.token, filed.id, 'status assessment { decision ruleSetVersion recommendedRemedies findings { code layer finding data } }');
      return row.status === 'NOTICE_SENT' && row;
    }, 'the case to reach NOTICE_SENT');
    expect(c.assessment.ruleSetVersion).toBe('jp-2024.2');
    expect(c.assessment.decision).toBe('ACTIONABLE');
    const liability = c.assessment.findings.find((f: any) => f.code === 'LIABILITY');
    expect(liability.data.parties).toEqual(['USER']);
    expect(c.assessment.recommendedRemedies).not.toContain('COMPENSATION');
    expect(c.assessment.findings.every((f: any) => f.layer === 'STATUTE' || f.layer === 'FRAMEWORK')).toBe(true);
  });
});
