import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties } from '../support/factories';
import { startTestApp, TestApp, waitFor } from '../support/harness';

/**
 * Queries run compiled by graphql-jit (the default) must answer exactly what
 * graphql-js's interpreter answers: data, errors, codes, paths and messages.
 * Two API processes share one database; only GRAPHQL_JIT differs.
 */
let jit: TestApp;
let interpreter: TestApp;
beforeAll(async () => {
  jit = await startTestApp({ GRAPHQL_JIT: 'true' });
  interpreter = await startTestApp({ GRAPHQL_JIT: 'false', ROLE: 'api' }, { shareWith: jit });
});
afterAll(async () => {
  await interpreter?.stop();
  await jit?.stop();
});

/** What a client sees, less what differs per request or per process (request ids, stack traces in development). */
function comparable(result: Awaited<ReturnType<typeof gql>>) {
  return {
    status: result.status,
    data: result.data,
    errors: result.errors?.map(({ extensions, ...rest }) => {
      const { requestId: _r, stacktrace: _s, ...kept } = extensions ?? {};
      return { ...rest, extensions: kept };
    }),
  };
}

describe('graphql-jit execution', () => {
  it('answers every kind of operation exactly as graphql-js does', async () => {
    const { creator, firm, work, system } = await parties(jit.url);
    const filed = await fileComplaint(jit.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    await gql(jit.url, 'mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OUTPUT_SAMPLE, description: "sample", similarityScore: 0.93 }) { id } }', { id: filed.id }, creator.token);
    await waitFor(async () => (await getCase(jit.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'screening to send the notice');

    const operations: Array<{ what: string; query: string; variables?: Record<string, unknown>; token?: string | null }> = [
      {
        what: 'a case with everything nested',
        query: `query($id: ID!) { case(id: $id) { id reference status outcome claimType stage claimedAmountJpy createdAt closedAt defaulted
          complainant { id displayName role } respondent { id legalName country } aiSystem { id name modality }
          works { id title kind } evidence { id kind similarityScore } deadlines { kind dueAt }
          assessment { decision ruleSetVersion citations missingFacts findings { code finding citation explanation data } }
          events(first: 3) { pageInfo { hasNextPage endCursor } edges { cursor node { seq type fromStatus toStatus at detail actor { kind displayName } } } } } }`,
        variables: { id: filed.id }, token: creator.token,
      },
      {
        what: 'aliases, fragments, @include/@skip and __typename',
        query: `query($id: ID!, $withWorks: Boolean!, $skipParties: Boolean!) {
          first: case(id: $id) { ...Head works @include(if: $withWorks) { title } complainant @skip(if: $skipParties) { displayName } }
          again: case(id: $id) { ...Head __typename } }
          fragment Head on Case { id status reference }`,
        variables: { id: filed.id, withWorks: true, skipParties: true }, token: creator.token,
      },
      { what: 'a connection of cases', query: '{ cases(first: 5) { edges { node { id reference status } } pageInfo { hasNextPage } } }', token: creator.token },
      { what: 'the firm\'s view of the same case', query: 'query($id: ID!) { case(id: $id) { id status complainant { displayName } } }', variables: { id: filed.id }, token: firm.token },
      { what: 'another party\'s case (NOT_FOUND)', query: 'query($id: ID!) { case(id: $id) { id } }', variables: { id: filed.id }, token: (await parties(jit.url)).creator.token },
      { what: 'no token (UNAUTHENTICATED)', query: '{ me { id } }', token: null },
      { what: 'a missing variable', query: 'query($id: ID!) { case(id: $id) { id } }', variables: {}, token: creator.token },
      { what: 'a variable of the wrong type', query: 'query($n: Int) { cases(first: $n) { edges { node { id } } } }', variables: { n: 'ten' }, token: creator.token },
      { what: 'an unknown enum value in an input', query: 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }',
        variables: { input: complaintInput(firm.firmId, [work.id], { claimType: 'NOT_A_CLAIM' }) }, token: creator.token },
      { what: 'field-level validation of an input', query: 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }',
        variables: { input: complaintInput(firm.firmId, [work.id], { goodFaithDeclaration: false, claimedAmountJpy: -1 }) }, token: creator.token },
      { what: 'a move the viewer may not make (FORBIDDEN)', query: 'mutation($id: ID!) { decideReview(caseId: $id, proceed: true, reason: "x") { id } }', variables: { id: filed.id }, token: creator.token },
      { what: 'public reference data', query: '{ countries { code name termYearsAfterDeath memberships { __typename } } ruleSets { version } }', token: null },
      { what: 'introspection', query: '{ __type(name: "CaseStatus") { kind enumValues { name description } } }', token: null },
    ];
    for (const op of operations) {
      const [a, b] = await Promise.all([
        gql(jit.url, op.query, op.variables ?? {}, op.token),
        gql(interpreter.url, op.query, op.variables ?? {}, op.token),
      ]);
      expect(comparable(a), op.what).toEqual(comparable(b));
    }
  });
});
