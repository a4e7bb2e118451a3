import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, parties } from '../support/factories';

/** Issue 15 point 10 over HTTP: the 2025-26 signals and scopes, and the assessment naming the signal that decided. */
let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.stop(); });

const REGISTER = 'mutation($input: OptOutInput!) { registerOptOut(input: $input) { id scope signals } }';
const PREVIEW = 'query($input: FileComplaintInput!) { previewAssessment(input: $input) { decision findings { code finding explanation } } }';

describe('opt-out signals and scopes of 2025-26', () => {
  it('registers the new signals and scopes, and the most restrictive opt-out covering the use decides, by name', async () => {
    const p = await parties(app.url, { system: { usesRag: true } });
    const inference = await ok(app.url, REGISTER, { input: { workId: p.work.id, scope: 'AI_INFERENCE', signals: ['X_ROBOTS_TAG_NOAI', 'AI_PREFERENCES'] } }, p.creator.token);
    expect(inference.registerOptOut).toMatchObject({ scope: 'AI_INFERENCE', signals: ['X_ROBOTS_TAG_NOAI', 'AI_PREFERENCES'] });
    const all = await ok(app.url, REGISTER, { input: { workId: p.work.id, scope: 'ALL_AI_USE_EXCEPT_SEARCH', signals: ['RSL', 'CONTENT_SIGNAL'] } }, p.creator.token);
    expect(all.registerOptOut.scope).toBe('ALL_AI_USE_EXCEPT_SEARCH');

    const facts = { workInTrainingData: 'YES', outputServedInJapan: true };
    const rag = await ok(app.url, PREVIEW, { input: complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id, claimType: 'OPT_OUT_IGNORED', stage: 'RAG', facts }) }, p.creator.token);
    const fw = rag.previewAssessment.findings.find((f: any) => f.code === 'FRAMEWORK_OPT_OUT');
    expect(fw.finding).toBe('MET');
    // ALL_AI_USE_EXCEPT_SEARCH is more restrictive than AI_INFERENCE; of its signals Content-Signal ranks before RSL.
    expect(fw.explanation).toContain('CONTENT_SIGNAL (the most restrictive opt-out covering this INFERENCE use, scope ALL_AI_USE_EXCEPT_SEARCH, decided)');

    // A search result incidental use (Art. 47-5 fact): the search carve-out leaves it open, AI_INFERENCE reserves it.
    const search = await ok(app.url, PREVIEW, { input: complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: p.system.id, claimType: 'OPT_OUT_IGNORED', stage: 'RAG', facts: { ...facts, minorIncidentalUse: true } }) }, p.creator.token);
    const fs = search.previewAssessment.findings.find((f: any) => f.code === 'FRAMEWORK_OPT_OUT');
    expect(fs.explanation).toContain('AI_PREFERENCES (the most restrictive opt-out covering this SEARCH use, scope AI_INFERENCE, decided)');
  });
});
