import { randomBytes } from 'node:crypto';
import { ok } from './client';

const uniq = () => randomBytes(4).toString('hex');

export const ACCOUNT_FIELDS = 'id email displayName role locale';

export async function signUpCreator(url: string, overrides: Record<string, unknown> = {}, creator: Record<string, unknown> = {}) {
  const data = await ok(url, `mutation($input: SignUpInput!) { signUp(input: $input) { token account { ${ACCOUNT_FIELDS} } } }`, {
    input: {
      email: `creator-${uniq()}@example.jp`, password: 'correct horse battery', displayName: 'Aoi Tanaka', role: 'CREATOR', locale: 'en',
      creator: { kind: 'INDIVIDUAL', nationality: 'JP', ...creator }, ...overrides,
    },
  });
  return { token: data.signUp.token as string, account: data.signUp.account as { id: string; email: string } };
}

export async function signUpFirm(url: string, firm: Record<string, unknown> = {}) {
  const data = await ok(url, `mutation($input: SignUpInput!) { signUp(input: $input) { token account { ${ACCOUNT_FIELDS} firm { id legalName country } } } }`, {
    input: {
      email: `firm-${uniq()}@example.com`, password: 'correct horse battery', displayName: 'Compliance team', role: 'AI_FIRM', locale: 'en',
      firm: { legalName: `Model Works ${uniq()} KK`, country: 'JP', servesJapaneseUsers: true, ...firm },
    },
  });
  return { token: data.signUp.token as string, account: data.signUp.account, firmId: data.signUp.account.firm.id as string };
}

export async function registerWork(url: string, token: string, overrides: Record<string, unknown> = {}) {
  const data = await ok(url, `mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id title kind } }`, {
    input: { title: `Blue Harbour ${uniq()}`, kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP', ...overrides },
  }, token);
  return data.registerWork as { id: string; title: string };
}

export async function registerAiSystem(url: string, token: string, overrides: Record<string, unknown> = {}) {
  const data = await ok(url, `mutation($input: AiSystemInput!) { registerAiSystem(input: $input) { id name purpose } }`, {
    input: { name: `Painter ${uniq()}`, modality: 'IMAGE', purpose: 'COMMERCIAL', trainingServerInJapan: true, servesJapaneseUsers: true, ...overrides },
  }, token);
  return data.registerAiSystem as { id: string };
}

export function complaintInput(firmId: string, workIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    respondentFirmId: firmId, workIds, claimType: 'OUTPUT_REPRODUCES_WORK', stage: 'GENERATION',
    facts: {
      workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true,
    },
    requestedRemedies: ['OUTPUT_FILTER', 'COMPENSATION'], claimedAmountJpy: 500000,
    statement: 'The model reproduces my illustration when prompted with my name.', goodFaithDeclaration: true,
    ...overrides,
  };
}

export const CASE_FIELDS = 'id reference status outcome version claimType';

export async function fileComplaint(url: string, token: string, input: Record<string, unknown>) {
  const data = await ok(url, `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { ${CASE_FIELDS} } }`, { input }, token);
  return data.fileComplaint as { id: string; reference: string; status: string; version: number };
}

export async function getCase(url: string, token: string, id: string, fields = `${CASE_FIELDS} events(first: 100) { edges { node { seq type fromStatus toStatus detail actor { kind } } } }`) {
  const data = await ok(url, `query($id: ID!) { case(id: $id) { ${fields} } }`, { id }, token);
  return data.case;
}

/** A creator with one work and a firm with one system, ready to file. */
export async function parties(url: string, opts: { creator?: Record<string, unknown>; firm?: Record<string, unknown>; work?: Record<string, unknown>; system?: Record<string, unknown> } = {}) {
  const creator = await signUpCreator(url, {}, opts.creator ?? {});
  const firm = await signUpFirm(url, opts.firm ?? {});
  const work = await registerWork(url, creator.token, opts.work ?? {});
  const system = await registerAiSystem(url, firm.token, opts.system ?? {});
  return { creator, firm, work, system };
}
