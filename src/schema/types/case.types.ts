import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import {
  AssessmentDecision, CaseOutcome, CaseStatus, ClaimType, DeadlineKind, EvidenceKind, Finding, Remedy, ResolutionKind, RuleLayer, Strength, Tier, TriState, UseStage,
} from '../../domain/enums';
import { DateTime, SafeInt } from '../scalars';
import { Account } from './account.types';
import { TriageCitation } from './file.types';
import { Connection } from './connection';

@ObjectType({ simpleResolvers: true, description: 'One rule or criterion: what it asked, what it found, why, and the article it rests on.' })
export class RuleFinding {
  @Field({ description: 'Rule or criterion code, e.g. PROTECTED_WORK, RELIANCE.' }) code: string;
  @Field(() => Finding, { description: 'What was found.' }) finding: Finding;
  @Field({ description: 'Why, in the viewer\'s language (locale ja or en).' }) explanation: string;
  @Field({ description: 'The explanation in English.' }) explanationEn: string;
  @Field({ description: 'The explanation in Japanese.' }) explanationJa: string;
  @Field(() => String, { nullable: true, description: 'The article of the Copyright Act or the section of the 2024 General Understanding it rests on.' }) citation: string | null;
  @Field(() => JSONObjectResolver, { nullable: true, description: 'The inputs the rule used (country codes, dates, flags).' }) data: Record<string, unknown> | null;
  @Field(() => RuleLayer, { nullable: true, description: 'STATUTE (the Copyright Act as the General Understanding reads it) or FRAMEWORK (a duty participating firms accept). Null on findings of rule set jp-2024.1, which did not keep the layers apart.' }) layer: RuleLayer | null;
}

@ObjectType({ simpleResolvers: true, description: 'The facts a complaint states (all optional; missing ones are listed by the assessment).' })
export class ComplaintFacts {
  @Field(() => TriState, { nullable: true, description: 'Was the work in the training data?' }) workInTrainingData: TriState | null;
  @Field(() => Boolean, { nullable: true, description: 'The prompt named the work or its author.' }) promptNamedWorkOrAuthor: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The work was the image-to-image input.' }) imageToImageInputWasWork: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The user knew the work.' }) userKnewWork: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The work\'s essential expressive features are directly perceivable in the output.' }) essentialFeaturesPerceivable: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output was used commercially.' }) outputCommercial: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output competes with the original.' }) outputCompetesWithOriginal: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output was served to users in Japan.' }) outputServedInJapan: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The model was intentionally overfitted to the work.' }) intentionalOverfitting: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Additional training on a small set aimed at this creator\'s expression.' }) targetedAdditionalTraining: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'RAG was built to output the expression.' }) ragOutputsExpression: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'robots.txt or ID/password gating on data meant for sale was bypassed.' }) accessControlBypassed: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Similar outputs are frequent.' }) similarOutputsFrequent: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The work is a database offered (sold or licensed) for information analysis.' }) databaseOfferedForAnalysis: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The RAG system retrieved the work and handed it to the generator.' }) ragRetrievedWork: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output uses only a minor part of the work, incidental to a search or information-analysis result (Art. 47-5).' }) minorIncidentalUse: boolean | null;
}

@ObjectType({ simpleResolvers: true, description: 'A run of the rule set over a case or a draft complaint.' })
export class Assessment {
  @Field(() => ID, { nullable: true, description: 'Identifier (null for a preview).' }) id: string | null;
  @Field(() => AssessmentDecision, { description: 'Actionable, not actionable, needs human review, or ineligible.' }) decision: AssessmentDecision;
  @Field(() => Strength, { nullable: true, description: 'Strength on the facts given.' }) strength: Strength | null;
  @Field(() => Tier, { nullable: true, description: 'Remedy tier.' }) tier: Tier | null;
  @Field({ description: 'Rule set version it ran under, e.g. jp-2024.1.' }) ruleSetVersion: string;
  @Field(() => [RuleFinding], { description: 'Every criterion with its finding, explanation and citation.' }) findings: RuleFinding[];
  @Field(() => [String], { description: 'Every citation the findings rest on.' }) citations: string[];
  @Field(() => [String], { description: 'Facts that were not given and would change the result (input field paths).' }) missingFacts: string[];
  @Field(() => [Remedy], { description: 'Remedies that fit the tier and findings.' }) recommendedRemedies: Remedy[];
  @Field({ description: 'Training data is undisclosed: the firm is ordered to disclose (refusal supports an adverse inference).' }) ordersDisclosure: boolean;
  @Field(() => String, { nullable: true, description: 'What caused this run: SCREENING, EVIDENCE_ADDED or PREVIEW.' }) trigger: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When it ran.' }) createdAt: Date | null;
  @Field(() => [TriageCitation], { description: 'Similarity triage of the evidence files the run saw, cited as TRIAGE apart from the findings: triage only, never a finding.' }) triage: TriageCitation[];
}

@ObjectType({ simpleResolvers: true, description: 'A piece of evidence attached to a case.' })
export class Evidence {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => EvidenceKind, { description: 'Kind of evidence.' }) kind: EvidenceKind;
  @Field({ description: 'What it shows.' }) description: string;
  @Field(() => String, { nullable: true, description: 'Where it can be seen.' }) url: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, lowercase hex.' }) sha256: string | null;
  @Field(() => String, { nullable: true, description: 'Relevant text.' }) textExcerpt: string | null;
  @Field(() => Float, { nullable: true, description: 'Similarity score 0..1 (triage only; similarity is a human finding).' }) similarityScore: number | null;
  @Field(() => ID, { description: 'Account that added it.' }) submittedById: string;
  @Field(() => DateTime, { description: 'When it was added.' }) createdAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A running window of the case.' })
export class Deadline {
  @Field(() => DeadlineKind, { description: 'Which window.' }) kind: DeadlineKind;
  @Field(() => DateTime, { description: 'When it ends.' }) dueAt: Date;
  @Field({ description: 'PENDING, FIRED or CANCELLED.' }) state: string;
}

@ObjectType({ simpleResolvers: true, description: 'Who made a change: an account, or SYSTEM (a job or a deadline).' })
export class EventActor {
  @Field({ description: 'SYSTEM, COMPLAINANT, RESPONDENT, MEDIATOR, ADMIN, or PRINCIPAL (a rights holder the case was filed for, e.g. when it revokes its mandate).' }) kind: string;
  @Field(() => ID, { nullable: true, description: 'The account, null for SYSTEM.' }) accountId: string | null;
  @Field(() => String, { nullable: true, description: 'Display name of the account, null for SYSTEM.' }) displayName: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One entry of a case\'s history.' })
export class CaseEvent {
  @Field(() => ID, { description: 'The case.' }) caseId: string;
  @Field(() => Int, { description: 'Position in the history, from 1.' }) seq: number;
  @Field({ description: 'What happened, e.g. FILED, INTAKE_ACCEPTED, NOTICE_SENT, WITHDRAWN, EVIDENCE_ADDED.' }) type: string;
  @Field(() => CaseStatus, { nullable: true, description: 'Status before.' }) fromStatus: CaseStatus | null;
  @Field(() => CaseStatus, { nullable: true, description: 'Status after (equal to fromStatus when the case did not move).' }) toStatus: CaseStatus | null;
  @Field(() => EventActor, { description: 'Who did it.' }) actor: EventActor;
  @Field(() => JSONObjectResolver, { description: 'Facts of the change (outcome, reasons, ids); never the other side\'s secret figures.' }) detail: Record<string, unknown>;
  @Field(() => DateTime, { description: 'When.' }) at: Date;
}

export const CaseEventConnection = Connection(CaseEvent, 'CaseEvent', 'case event');

@ObjectType({ simpleResolvers: true, description: 'A complaint and its progress.' })
export class Case {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field({ description: 'Human reference, e.g. CH-2026-000123.' }) reference: string;
  @Field(() => CaseStatus, { description: 'Where the case is.' }) status: CaseStatus;
  @Field(() => CaseOutcome, { nullable: true, description: 'How it ended (CLOSED only).' }) outcome: CaseOutcome | null;
  @Field(() => ResolutionKind, { nullable: true, description: 'How it was resolved (RESOLVED only).' }) resolution: ResolutionKind | null;
  @Field(() => ClaimType, { description: 'What the complaint is about.' }) claimType: ClaimType;
  @Field(() => UseStage, { description: 'Stage of use complained of.' }) stage: UseStage;
  @Field({ description: 'The complainant\'s statement.' }) statement: string;
  @Field(() => ComplaintFacts, { description: 'Facts stated by the complainant.' }) facts: ComplaintFacts;
  @Field(() => [Remedy], { description: 'Remedies asked for.' }) requestedRemedies: Remedy[];
  @Field(() => SafeInt, { nullable: true, description: 'Amount claimed, whole yen.' }) claimedAmountJpy: number | null;
  @Field({ description: 'The firm let the response window pass without answering (no automatic win).' }) defaulted: boolean;
  @Field(() => String, { nullable: true, description: 'Rule set version of the latest assessment.' }) ruleSetVersion: string | null;
  @Field(() => DateTime, { description: 'When it was filed.' }) createdAt: Date;
  @Field(() => DateTime, { description: 'Last change.' }) updatedAt: Date;
  @Field(() => DateTime, { nullable: true, description: 'When it closed.' }) closedAt: Date | null;
  @Field(() => Int, { description: 'Row version; bumps on every status change.' }) version: number;
  @Field(() => Account, { description: 'The creator who filed it.' }) complainant: Account;
  @Field(() => Account, { nullable: true, description: 'The assigned mediator.' }) mediator: Account | null;
}

export const CaseConnection = Connection(Case, 'Case', 'case');
