/**
 * The README walkthrough ("one complaint as GraphQL operations") as GraphiQL tabs, one per role: each tab is a
 * document of named operations (run the one under the cursor with Ctrl-Enter, or pick it from the run button's
 * menu), its variables and an Authorization header to fill in with the token of signUp or logIn.
 * tests/unit/graphiql-walkthrough.test.ts validates every operation against the schema.
 */
export interface IdeTab { title: string; query: string; variables: string; headers: string }

const BEARER = JSON.stringify({ Authorization: 'Bearer <paste the token from signUp or logIn>' }, null, 2);
const vars = (value: Record<string, unknown>) => JSON.stringify(value, null, 2);
/** Placeholders the reader replaces with the ids the earlier steps answered. */
const CASE_ID = '<case id from fileComplaint or cases>';

const START = `# Chōtei GraphQL IDE — the README walkthrough, one tab per role.
# 1. Sign up (or log in) here, copy the "token" from the answer.
# 2. Open the tab of your role and put the token in the Headers pane below:
#      { "Authorization": "Bearer <token>" }
# 3. Put the cursor in an operation and press Ctrl-Enter (or use the run button's menu).

query WhoAmI {
  me { id role displayName email emailVerified }
}

mutation SignUpCreator($creator: SignUpInput!) {
  signUp(input: $creator) { token account { id role displayName creator { kind nationality } } }
}

mutation SignUpFirm($firm: SignUpInput!) {
  signUp(input: $firm) { token account { id role firm { id legalName country } } }
}

mutation LogIn($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { token account { id role displayName } }
}

mutation VerifyEmail($verifyToken: String!) {
  verifyEmail(token: $verifyToken) { id emailVerified }
}
`;

const CREATOR = `# CREATOR: register a work, preview the assessment, file, bid, confirm the remedy.

query Creator {
  me { id role displayName creator { kind nationality } }
}

mutation RegisterWork {
  registerWork(input: { title: "Blue Harbour", kind: ILLUSTRATION, firstPublishedAt: "2021-06-01T00:00:00Z", firstPublicationCountry: "JP",
    contentHash: "9f2c5d0a4b6e8f1a3c5e7092b4d6f8a1c3e5a7b9d1f3a5c7e9b1d3f5a7c9e1b3" }) { id title }
}

query Preview($complaint: FileComplaintInput!) {
  previewAssessment(input: $complaint) { decision strength tier ruleSetVersion missingFacts findings { code layer finding citation } recommendedRemedies }
}

mutation File($complaint: FileComplaintInput!) {
  fileComplaint(input: $complaint) { id reference status }
}

query MyCases {
  cases(first: 20) { edges { node { id reference status outcome } } }
}

query Case($caseId: ID!) {
  case(id: $caseId) {
    reference status deadlines { kind dueAt }
    assessment { decision strength tier ruleSetVersion findings { code layer finding citation } recommendedRemedies }
    events { edges { node { seq type fromStatus toStatus actor { kind } at } } }
  }
}

mutation Bid($caseId: ID!) {
  submitBlindBid(caseId: $caseId, amountJpy: 640000) { status round roundsLeft settledAmountJpy }
}

mutation Confirm($caseId: ID!) {
  confirmRemedy(caseId: $caseId) { reference status outcome resolution }
}
`;

const FIRM = `# AI_FIRM: register the AI system, answer the notice, bid, certify the remedies; webhooks.

query AiFirm {
  me { id role firm { id legalName webhookUrl } }
}

mutation RegisterAiSystem {
  registerAiSystem(input: { name: "Kumo Paint 3", modality: IMAGE, purpose: COMMERCIAL, trainingServerInJapan: true, servesJapaneseUsers: true }) { id name purpose }
}

query MyCases {
  cases(first: 20) { edges { node { id reference status } } }
}

query Case($caseId: ID!) {
  case(id: $caseId) { reference status deadlines { kind dueAt } events { edges { node { seq type toStatus at } } } }
}

mutation Respond($caseId: ID!) {
  respondToNotice(caseId: $caseId, input: { kind: CONTEST, statement: "We dispute the amount, not the facts." }) { status }
}

mutation Bid($caseId: ID!) {
  submitBlindBid(caseId: $caseId, amountJpy: 600000) { status round roundsLeft settledAmountJpy }
}

mutation Certify($caseId: ID!) {
  certifyRemedy(caseId: $caseId, input: { actions: [
    { remedy: COMPENSATION, description: "Paid the settlement", paymentReference: "PAY-2026-0042" },
    { remedy: OUTPUT_FILTER, description: "Prompt filter for the creator's name and the title" } ] }) { status }
}

mutation SetWebhook($webhookUrl: String) {
  updateWebhookUrl(url: $webhookUrl) { id webhookUrl }
}

mutation RotateSecret {
  rotateWebhookSecret { secret }
}

mutation Ping {
  pingWebhook { id eventType status }
}

query Deliveries {
  webhookDeliveries(first: 20) { edges { node { id eventType status redeliveries attempts { at statusCode error } } } }
}

mutation Redeliver($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) { id status redeliveries }
}
`;

const MEDIATOR = `# MEDIATOR: the cases assigned to you; review, notes, recommendation.

query Mediator {
  me { id role displayName }
}

query AssignedCases {
  cases(first: 20) { edges { node { id reference status } } }
}

query Case($caseId: ID!) {
  case(id: $caseId) { reference status assessment { decision strength findings { code finding citation } } mediatorNotes { text } }
}

mutation DecideReview($caseId: ID!) {
  decideReview(caseId: $caseId, proceed: true, reason: "The output reproduces the essential features; the firm should answer.") { status }
}

mutation Note($caseId: ID!) {
  addMediatorNote(caseId: $caseId, text: "Both sides agree on the facts; the amount is in dispute.") { text }
}

mutation Recommend($caseId: ID!) {
  issueRecommendation(caseId: $caseId, input: { finding: PARTIAL, reasoning: "A filter and part of the amount claimed.", remedies: [OUTPUT_FILTER, COMPENSATION], amountJpy: 400000 }) { status }
}
`;

const ADMIN = `# ADMIN (the first one: npx chotei create-account --role ADMIN …): mediators, assignment, operations.

query Admin {
  me { id role displayName }
}

mutation CreateMediator($mediator: CreateMediatorInput!) {
  createMediator(input: $mediator) { id role displayName }
}

query CasesUnderReview {
  cases(first: 20, filter: { status: [MEDIATOR_REVIEW, MEDIATION] }) { edges { node { id reference status } } }
}

mutation Assign($caseId: ID!, $mediatorId: ID!) {
  assignMediator(caseId: $caseId, mediatorId: $mediatorId) { reference status }
}

query FailedJobs {
  failedJobs(first: 20) { queue name jobId failedReason attemptsMade finishedOn }
}
`;

/** What the IDE opens with: the tabs in this order, the first one active. */
export const IDE_TABS: IdeTab[] = [
  {
    title: 'Start', query: START, headers: '{}',
    variables: vars({
      creator: { email: 'aoi@example.jp', password: 'a long passphrase', displayName: 'Aoi Tanaka', role: 'CREATOR', locale: 'en', creator: { kind: 'INDIVIDUAL', nationality: 'JP' } },
      firm: { email: 'legal@kumo.example', password: 'a long passphrase', displayName: 'Kumo AI compliance', role: 'AI_FIRM', locale: 'en', firm: { legalName: 'Kumo AI KK', country: 'JP', servesJapaneseUsers: true } },
      email: 'aoi@example.jp', password: 'a long passphrase', verifyToken: '<the token from the link mailed at sign-up>',
    }),
  },
  {
    title: 'Creator', query: CREATOR, headers: BEARER,
    variables: vars({
      caseId: CASE_ID,
      complaint: {
        respondentFirmId: '<firm id from SignUpFirm>', aiSystemId: '<id from RegisterAiSystem>', workIds: ['<id from RegisterWork>'],
        claimType: 'OUTPUT_REPRODUCES_WORK', stage: 'GENERATION',
        facts: { workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true, similarOutputsFrequent: true },
        requestedRemedies: ['OUTPUT_FILTER', 'COMPENSATION'], claimedAmountJpy: 800000,
        statement: 'Kumo Paint 3 reproduces "Blue Harbour" when prompted with my name.', goodFaithDeclaration: true,
      },
    }),
  },
  { title: 'AI firm', query: FIRM, headers: BEARER, variables: vars({ caseId: CASE_ID, webhookUrl: 'https://hooks.kumo.example/chotei', deliveryId: '<id from Deliveries>' }) },
  { title: 'Mediator', query: MEDIATOR, headers: BEARER, variables: vars({ caseId: CASE_ID }) },
  {
    title: 'Admin', query: ADMIN, headers: BEARER,
    variables: vars({
      caseId: CASE_ID, mediatorId: '<id from CreateMediator>',
      mediator: { email: 'sato@mediation.example', password: 'a long passphrase', displayName: 'Sato Mediator', capacity: 10, languages: ['ja', 'en'], specialties: ['illustration'] },
    }),
  },
];
