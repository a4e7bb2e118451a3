import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { startApp } from '../app';
import { loadConfig } from '../config/env';
import { createLogger } from '../config/logger';
import { Protection, Role } from '../domain/enums';

/**
 * `npx chotei demo`: starts a private instance on an empty database with
 * windows of seconds, creates demo accounts, and runs four cases down
 * different paths, printing each case's timeline as it happens.
 */
export function registerDemoCommand(program: Command): void {
  program.command('demo').description('Run a scripted walkthrough of four cases on a fresh database (under a minute)')
    .option('--keep', 'keep the instance running afterwards (prints its URL)')
    .action(async (opts: { keep?: boolean }) => {
      await runDemo({ keep: !!opts.keep });
    });
}

type Gql = (query: string, variables?: Record<string, unknown>, token?: string) => Promise<any>;

export async function runDemo(options: { keep?: boolean; out?: (line: string) => void } = {}): Promise<Record<string, { status: string; outcome: string | null; resolution: string | null }>> {
  const out = options.out ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'chotei-demo-'));
  const short = 'PT4S';
  const config = loadConfig({
    ...process.env, NODE_ENV: 'development', PORT: process.env.DEMO_PORT ?? '0', HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'demo.sqlite')}`, DATA_DIR: dir,
    REDIS_PREFIX: `demo${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', SWEEP_INTERVAL: 'PT1S',
    // The demo's addresses are fictitious: nobody could open a confirmation link, so its parties act unconfirmed.
    EMAIL_VERIFICATION_REQUIRED: 'false',
    WINDOW_ACKNOWLEDGE: 'PT20S', WINDOW_RESPOND: 'PT20S', WINDOW_RESPOND_EXTENSION: short, WINDOW_NEGOTIATION: 'PT20S', WINDOW_MEDIATOR_ASSIGNMENT: short,
    WINDOW_MEDIATION: 'PT20S', WINDOW_MEDIATION_EXTENSION: short, WINDOW_RECOMMENDATION: 'PT20S', WINDOW_REMEDY: 'PT20S', WINDOW_VERIFICATION: 'PT20S',
  });
  const app = await startApp(config, { log: createLogger('error') });
  const url = app.url!;
  const gql: Gql = async (query, variables = {}, token) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data;
  };
  const started = Date.now();
  out(`Chōtei demo — a private instance at ${url} on a fresh database (${dir}); windows are seconds long.\n`);

  // Staff come from the command line in real life; a DEMO agreement (fictitious) is labelled as such.
  await app.services.accounts.createStaff(Role.ADMIN, { email: 'admin@demo.chotei', password: 'demo admin password', displayName: 'Demo Admin' });
  await app.services.accounts.createStaff(Role.MEDIATOR, {
    email: 'mediator@demo.chotei', password: 'demo mediator password', displayName: 'Mediator Sato (demo)', languages: ['ja', 'en'], specialties: ['ILLUSTRATION'], capacity: 10, conflicts: [],
  });
  const adminToken = (await gql('mutation { logIn(email: "admin@demo.chotei", password: "demo admin password") { token } }')).logIn.token;
  const mediatorToken = (await gql('mutation { logIn(email: "mediator@demo.chotei", password: "demo mediator password") { token } }')).logIn.token;
  await gql(`mutation($p: [Protection!]!) { upsertReciprocityAgreement(input: { partnerCountry: "FR", title: "DEMO — fictitious Japan–France agreement (does not exist)",
    inForceFrom: "2025-04-01T00:00:00Z", protections: $p, demo: true }) { id } }`, { p: [Protection.OPT_OUT_RECOGNITION, Protection.DISPUTE_ACCESS, Protection.DAMAGES_PARITY] }, adminToken);

  const signUp = async (input: Record<string, unknown>) => (await gql('mutation($input: SignUpInput!) { signUp(input: $input) { token account { id firm { id } } } }', { input })).signUp;
  const aoi = await signUp({ email: 'aoi@demo.chotei', password: 'demo creator password', displayName: 'Aoi Tanaka (illustrator)', role: 'CREATOR', locale: 'en', creator: { kind: 'INDIVIDUAL', nationality: 'JP' } });
  const jane = await signUp({ email: 'jane@demo.chotei', password: 'demo creator password', displayName: 'Jane Doe (US photographer)', role: 'CREATOR', locale: 'en', creator: { kind: 'INDIVIDUAL', nationality: 'US' } });
  const kumo = await signUp({ email: 'legal@kumo.demo', password: 'demo firm password', displayName: 'Kumo AI compliance', role: 'AI_FIRM', locale: 'en', firm: { legalName: 'Kumo AI KK', country: 'JP', servesJapaneseUsers: true } });
  const nimbus = await signUp({ email: 'legal@nimbus.demo', password: 'demo firm password', displayName: 'Nimbus Labs legal', role: 'AI_FIRM', locale: 'en', firm: { legalName: 'Nimbus Labs Inc.', country: 'US', servesJapaneseUsers: true } });
  const system = async (token: string, name: string) => (await gql(`mutation($n: String!) { registerAiSystem(input: { name: $n, modality: IMAGE, purpose: COMMERCIAL,
    trainingServerInJapan: false, servesJapaneseUsers: true }) { id } }`, { n: name }, token)).registerAiSystem.id;
  const kumoSystem = await system(kumo.token, 'Kumo Paint 3');
  const nimbusSystem = await system(nimbus.token, 'Nimbus Imagine');
  const work = async (token: string, title: string, country: string) => (await gql(`mutation($t: String!, $c: String!) { registerWork(input: { title: $t, kind: ILLUSTRATION,
    firstPublishedAt: "2021-06-01T00:00:00Z", firstPublicationCountry: $c }) { id } }`, { t: title, c: country }, token)).registerWork.id;
  // Similar outputs are frequent: the provider is liable beside the user (General Understanding §5(2)キ), so compensation is asked of the firm.
  const strongFacts = { workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true, similarOutputsFrequent: true };
  const file = async (token: string, input: Record<string, unknown>) => (await gql('mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id reference } }', {
    input: { stage: 'GENERATION', requestedRemedies: ['OUTPUT_FILTER', 'COMPENSATION'], claimedAmountJpy: 800000, goodFaithDeclaration: true, ...input },
  }, token)).fileComplaint as { id: string; reference: string };

  const timelines = new Map<string, { label: string; ref: string; seen: number; token: string }>();
  const follow = (id: string, ref: string, label: string, token: string) => timelines.set(id, { label, ref, seen: 0, token });
  const print = async () => {
    for (const [id, t] of timelines) {
      const c = (await gql('query($id: ID!) { case(id: $id) { events(first: 100) { edges { node { seq type fromStatus toStatus actor { kind } detail } } } } }', { id }, t.token)).case;
      for (const { node: e } of c.events.edges.slice(t.seen)) {
        const move = e.fromStatus !== e.toStatus ? `${e.fromStatus ?? '—'} → ${e.toStatus}` : `(${e.toStatus})`;
        const note = e.detail?.outcome ? ` ${e.detail.outcome}${e.detail.resolution ? `/${e.detail.resolution}` : ''}` : e.detail?.decision ? ` ${e.detail.decision}` : '';
        out(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s  ${t.ref}  ${t.label.padEnd(22)} ${e.type.padEnd(26)} ${move}${note}  [${e.actor.kind}]`);
      }
      t.seen = c.events.edges.length;
    }
  };
  const ticker = setInterval(() => { print().catch(() => undefined); }, 300);
  const waitStatus = async (id: string, token: string, status: string) => {
    for (let i = 0; i < 300; i += 1) {
      const c = (await gql('query($id: ID!) { case(id: $id) { status mediator { id } } }', { id }, token)).case;
      if (c.status === status) return c;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`demo: case ${id} did not reach ${status}`);
  };

  // Case 1 — settled by double-blind bids.
  const a = await file(aoi.token, { respondentFirmId: kumo.account.firm.id, aiSystemId: kumoSystem, workIds: [await work(aoi.token, 'Blue Harbour', 'JP')], claimType: 'OUTPUT_REPRODUCES_WORK',
    facts: strongFacts, statement: 'Kumo Paint reproduces my illustration "Blue Harbour" when prompted with my name.' });
  follow(a.id, a.reference, 'blind bids', aoi.token);
  // Case 2 — resolved by a mediator's recommendation.
  const b = await file(aoi.token, { respondentFirmId: nimbus.account.firm.id, aiSystemId: nimbusSystem, workIds: [await work(aoi.token, 'Night Market', 'JP')], claimType: 'OUTPUT_REPRODUCES_WORK',
    facts: strongFacts, statement: 'Nimbus Imagine outputs my "Night Market" composition for Japanese users.' });
  follow(b.id, b.reference, 'recommendation', aoi.token);
  // Case 3 — the firm declines the process: referred.
  const c = await file(aoi.token, { respondentFirmId: nimbus.account.firm.id, aiSystemId: nimbusSystem, workIds: [await work(aoi.token, 'Autumn Train', 'JP')], claimType: 'RAG_REPRODUCTION',
    stage: 'RAG', facts: { ...strongFacts, ragOutputsExpression: true }, statement: 'Nimbus RAG returns my "Autumn Train" page verbatim.' });
  follow(c.id, c.reference, 'declined → referred', aoi.token);
  // Case 4 — a US creator's opt-out claim: a framework claim, and no reciprocity agreement with the US extends opt-out
  // recognition; besides, Kumo Paint trained outside Japan, and a training-stage claim follows the place of training.
  // INELIGIBLE, naming both rules (an output claim on the same work would stay open by national treatment).
  const d = await file(jane.token, { respondentFirmId: kumo.account.firm.id, aiSystemId: kumoSystem, workIds: [await work(jane.token, 'Desert Light', 'US')], claimType: 'OPT_OUT_IGNORED',
    stage: 'TRAINING', facts: { workInTrainingData: 'YES' }, requestedRemedies: ['DATASET_REMOVAL'], statement: 'Kumo trained on my photograph after I opted out.' });
  follow(d.id, d.reference, 'foreign opt-out claim', jane.token);

  const RESPOND = 'mutation($id: ID!, $input: NoticeResponseInput!) { respondToNotice(caseId: $id, input: $input) { status } }';
  const flowA = (async () => {
    await waitStatus(a.id, kumo.token, 'NOTICE_SENT');
    await gql(RESPOND, { id: a.id, input: { kind: 'CONTEST', statement: 'We dispute the amount, not the facts.' } }, kumo.token);
    const bid = 'mutation($id: ID!, $n: SafeInt!) { submitBlindBid(caseId: $id, amountJpy: $n) { status round roundsLeft settledAmountJpy } }';
    await gql(bid, { id: a.id, n: 900000 }, aoi.token);
    await gql(bid, { id: a.id, n: 400000 }, kumo.token);
    await gql(bid, { id: a.id, n: 640000 }, aoi.token);
    const r = (await gql(bid, { id: a.id, n: 600000 }, kumo.token)).submitBlindBid;
    out(`        ${a.reference}  round ${r.round}: bids within 10% — settled at ¥${r.settledAmountJpy?.toLocaleString('en')} (neither side ever saw the other's figure)`);
    await waitStatus(a.id, kumo.token, 'REMEDY_IN_PROGRESS');
    await gql('mutation($id: ID!, $input: RemedyCertificationInput!) { certifyRemedy(caseId: $id, input: $input) { status } }', { id: a.id, input: { actions: [
      { remedy: 'COMPENSATION', description: 'Paid the settlement', paymentReference: 'DEMO-PAY-0001' },
      { remedy: 'OUTPUT_FILTER', description: 'Prompt filter for the creator name and the work title' }] } }, kumo.token);
    await gql('mutation($id: ID!) { confirmRemedy(caseId: $id) { status } }', { id: a.id }, aoi.token);
  })();
  const flowB = (async () => {
    await waitStatus(b.id, nimbus.token, 'NOTICE_SENT');
    await gql(RESPOND, { id: b.id, input: { kind: 'CONTEST', statement: 'The output is a different composition.' } }, nimbus.token);
    await gql('mutation($id: ID!) { requestMediation(caseId: $id) { status } }', { id: b.id }, aoi.token);
    for (let i = 0; i < 100 && !(await waitStatus(b.id, aoi.token, 'MEDIATION')).mediator; i += 1) await new Promise((r) => setTimeout(r, 100));
    await gql(`mutation($id: ID!) { issueRecommendation(caseId: $id, input: { finding: PARTIAL, remedies: [OUTPUT_FILTER, COMPENSATION], amountJpy: 250000,
      reasoning: "The layout and palette of Night Market are perceivable in the sampled outputs; a filter and a modest payment settle it." }) { status } }`, { id: b.id }, mediatorToken);
    await gql('mutation($id: ID!) { respondToRecommendation(caseId: $id, accept: true) { status } }', { id: b.id }, aoi.token);
    await gql('mutation($id: ID!) { respondToRecommendation(caseId: $id, accept: true) { status } }', { id: b.id }, nimbus.token);
    await gql('mutation($id: ID!, $input: RemedyCertificationInput!) { certifyRemedy(caseId: $id, input: $input) { status } }', { id: b.id, input: { actions: [
      { remedy: 'OUTPUT_FILTER', description: 'Similarity filter deployed' }, { remedy: 'COMPENSATION', description: 'Paid', paymentReference: 'DEMO-PAY-0002' }] } }, nimbus.token);
    await gql('mutation($id: ID!) { confirmRemedy(caseId: $id) { status } }', { id: b.id }, aoi.token);
  })();
  const flowC = (async () => {
    await waitStatus(c.id, nimbus.token, 'NOTICE_SENT');
    await gql(RESPOND, { id: c.id, input: { kind: 'DECLINE_PROCESS', statement: 'We will answer in court.' } }, nimbus.token);
  })();
  const flowD = waitStatus(d.id, jane.token, 'CLOSED');
  await Promise.all([flowA, flowB, flowC, flowD]);
  await waitStatus(a.id, aoi.token, 'CLOSED');
  await waitStatus(b.id, aoi.token, 'CLOSED');
  clearInterval(ticker);
  await print();

  const results: Record<string, { status: string; outcome: string | null; resolution: string | null }> = {};
  out('\nWhere each case ended:');
  for (const [id, t] of timelines) {
    const cs = (await gql('query($id: ID!) { case(id: $id) { reference status outcome resolution } }', { id }, t.token)).case;
    results[t.label] = cs;
    out(`  ${cs.reference}  ${t.label.padEnd(22)} ${cs.status} ${cs.outcome ?? ''}${cs.resolution ? ` (${cs.resolution})` : ''}`);
  }
  const ineligible = (await gql('query($id: ID!) { case(id: $id) { events(first: 50) { edges { node { type detail } } } } }', { id: d.id }, jane.token)).case.events.edges
    .map((e: any) => e.node).find((e: any) => e.type === 'SCREENED_INELIGIBLE');
  if (ineligible) out(`\nWhy the foreign claim was ineligible:\n  ${ineligible.detail.reasons.join('\n  ')}`);
  out(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (options.keep) {
    out(`The instance keeps running at ${url} (Ctrl-C to stop). Demo logins: aoi@demo.chotei / demo creator password, legal@kumo.demo / demo firm password, mediator@demo.chotei / demo mediator password, admin@demo.chotei / demo admin password.`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
  await app.close();
  return results;
}
