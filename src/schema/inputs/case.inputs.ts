import { Field, Float, ID, InputType } from 'type-graphql';
import { Limit, RULES } from '../validation/rules';
import { CaseStatus, ClaimType, EvidenceKind, Remedy, TriState, UseStage } from '../../domain/enums';
import { DateTime, SafeInt } from '../scalars';

@InputType({ description: 'Facts of the complaint; give what you know, the assessment lists what is missing.' })
export class ComplaintFactsInput {
  @Field(() => TriState, { nullable: true, description: 'Was the work in the training data?' }) workInTrainingData?: TriState | null;
  @Field(() => Boolean, { nullable: true, description: 'The prompt named the work or its author.' }) promptNamedWorkOrAuthor?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The work was the image-to-image input.' }) imageToImageInputWasWork?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The user knew the work.' }) userKnewWork?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Essential expressive features of the work are directly perceivable in the output.' }) essentialFeaturesPerceivable?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output was used commercially.' }) outputCommercial?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output competes with the original.' }) outputCompetesWithOriginal?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output was served to users in Japan.' }) outputServedInJapan?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The model was intentionally overfitted.' }) intentionalOverfitting?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Additional training on a small set aimed at your expression.' }) targetedAdditionalTraining?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'RAG was built to output the expression.' }) ragOutputsExpression?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'robots.txt or ID/password gating on data meant for sale was bypassed.' }) accessControlBypassed?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Similar outputs are frequent.' }) similarOutputsFrequent?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The work is a database offered (sold or licensed) for information analysis (the Art. 30-4 proviso); a database alone is not.' }) databaseOfferedForAnalysis?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The RAG system retrieved the work and handed it to the generator (a direct input: reliance).' }) ragRetrievedWork?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output uses only a minor part of the work, incidental to a search or information-analysis result (Art. 47-5).' }) minorIncidentalUse?: boolean | null;
}

@InputType({ description: 'An AI firm that is not on Chōtei: the complaint creates (or reuses) its respondent record, and the notice is served on it by email.' })
export class RespondentInput {
  @Field({ description: 'Registered legal name. Filings with the same name (ignoring case and spacing) and country share one respondent record.' }) @Limit({ maxLength: 300 }) legalName: string;
  @Field({ description: 'Country of the firm (ISO 3166-1 alpha-2).' }) @Limit(RULES.countryCode) country: string;
  @Field({ description: 'Where the notice is served: the firm\'s published rights-holder contact address. Shown only to admins and the mediators of its cases.' }) @Limit(RULES.email) contactEmail: string;
  @Field(() => String, { nullable: true, description: 'The firm\'s website (http or https).' }) @Limit(RULES.url) website?: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the AI system or model complained of.' }) @Limit({ maxLength: 200 }) aiSystemName?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The firm serves users in Japan, as far as you know.' }) servesJapaneseUsers?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The system was trained on a server in Japan, as far as you know (feeds the applicable law).' }) trainingServerInJapan?: boolean | null;
}

@InputType({ description: 'A complaint against an AI firm.' })
export class FileComplaintInput {
  @Field(() => ID, { nullable: true, description: 'The AI firm complained of, when it is on Chōtei; give exactly one of respondentFirmId and respondent.' }) respondentFirmId?: string | null;
  @Field(() => RespondentInput, { nullable: true, description: 'The AI firm complained of, when it is not on Chōtei; give exactly one of respondentFirmId and respondent.' }) respondent?: RespondentInput | null;
  @Field(() => ID, { nullable: true, description: 'The firm\'s AI system, when known.' }) aiSystemId?: string | null;
  @Field(() => [ID], { description: 'Your registered works concerned (1 to 1,000; a collective filing for its principals names theirs).' }) @Limit({ maxItems: 1000 }) workIds: string[];
  @Field(() => ClaimType, { description: 'What the complaint is about.' }) claimType: ClaimType;
  @Field(() => UseStage, { description: 'Stage of use complained of.' }) stage: UseStage;
  @Field(() => ComplaintFactsInput, { description: 'The facts as you know them.' }) facts: ComplaintFactsInput;
  @Field(() => [Remedy], { description: 'Remedies you ask for.' }) @Limit({ maxItems: 20 }) requestedRemedies: Remedy[];
  @Field(() => SafeInt, { nullable: true, description: 'Amount claimed, whole yen, not negative.' }) @Limit(RULES.amountJpy) claimedAmountJpy?: number | null;
  @Field({ description: 'What happened, 1 to 20,000 characters.' }) @Limit(RULES.statement) statement: string;
  @Field({ description: 'You declare in good faith that the complaint is accurate; must be true.' }) goodFaithDeclaration: boolean;
  @Field(() => [ID], { nullable: true, description: 'The rights holders you file for (a collective, publisher or agent acting under mandates, see grantMandate): each must have granted you a mandate in force now that covers this claim type and every one of their works in the complaint, and hold at least one of them; list yourself to include works of your own. Default: you alone. At most 500, and no more than the works.' })
  @Limit({ maxItems: 500 }) principalIds?: string[] | null;
  @Field(() => [EvidenceInput], { nullable: true, description: 'Evidence filed with the complaint, at most 20 (more with addEvidence later). Screening sees it before it routes the case, and triages its OUTPUT_SAMPLE files against the works\' reference files.' })
  @Limit({ maxItems: 20 }) evidence?: EvidenceInput[] | null;
}

@InputType({ description: 'Evidence to add to a case.' })
export class EvidenceInput {
  @Field(() => EvidenceKind, { description: 'Kind of evidence.' }) kind: EvidenceKind;
  @Field({ description: 'What it shows, 1 to 5,000 characters.' }) @Limit(RULES.description) description: string;
  @Field(() => String, { nullable: true, description: 'Where it can be seen (http or https).' }) @Limit(RULES.url) url?: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, lowercase hex.' }) sha256?: string | null;
  @Field(() => String, { nullable: true, description: 'Relevant text.' }) @Limit(RULES.statement) textExcerpt?: string | null;
  @Field(() => Float, { nullable: true, description: 'Similarity score between 0 and 1 (triage only).' }) @Limit({ min: 0, max: 1 }) similarityScore?: number | null;
  @Field(() => ID, { nullable: true, description: 'A file you uploaded (POST /files). An OUTPUT_SAMPLE file is triaged against the reference files of the case\'s works (Evidence.similarity).' }) fileId?: string | null;
}

@InputType({ description: 'Narrows the cases listed (always within what the viewer may see).' })
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true, description: 'Any of these statuses.' }) status?: CaseStatus[] | null;
  @Field(() => [ClaimType], { nullable: true, description: 'Any of these claim types.' }) claimType?: ClaimType[] | null;
  @Field(() => ID, { nullable: true, description: 'Against this firm.' }) respondentFirmId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Assigned to this mediator.' }) mediatorId?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'Filed after this time.' }) filedAfter?: Date | null;
}
