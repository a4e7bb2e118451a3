import type {
  ClaimType, CreatorKind, EvidenceKind, Finding, LocalizedText, OptOutScope, OptOutSignal, Protection, Purpose, Remedy,
  TriState, UseStage, WorkKind, AssessmentDecision, Strength, Tier, Treaty, RuleLayer, RightsHolderRole,
} from './enums';

/** One rule or criterion's result: what was asked, what was found, why, and on which article it rests. */
export interface RuleFindingData {
  code: string;
  finding: Finding;
  explanation: LocalizedText;
  citation: string | null;
  /** The inputs the rule used (country codes, dates, flags), so a refusal can name the data it rests on. */
  data?: Record<string, unknown>;
  /** STATUTE or FRAMEWORK (rule set jp-2024.2 on; absent on findings of jp-2024.1). */
  layer?: RuleLayer;
}

// ---------------------------------------------------------------- reciprocity

export interface TreatyMembership { treaty: Treaty; inForceFrom: string /* YYYY-MM-DD */ }

export interface CountryData {
  code: string; // ISO 3166-1 alpha-2
  name: string;
  memberships: TreatyMembership[];
  /** Term of protection after the author's death in this country (years). */
  termYearsAfterDeath: number;
  /** Allied-national wartime extension (days) Japan adds for this country's nationals, null where none. */
  wartimeExtensionDays: number | null;
}

export interface AgreementData {
  partnerCountry: string;
  inForceFrom: Date;
  inForceTo: Date | null;
  protections: Protection[];
}

export interface ReferenceData {
  country(code: string): CountryData | undefined;
  agreements: AgreementData[];
}

/**
 * One author of a work, recorded apart from the account holding rights in it (issue 15 point 4):
 * Art. 6, the term, Art. 58 and the wartime extension look at the authors.
 */
export interface AuthorFacts {
  name: string;
  /** ISO 3166-1 alpha-2; null or '' when stateless or not known. */
  nationality?: string | null;
  /** ISO 3166-1 alpha-2 of habitual residence (Berne Art. 3(2)); for a corporate author, its principal office. */
  habitualResidence?: string | null;
  deathYear?: number | null;
  /** Made public anonymously or under a pseudonym that is not well known (Art. 52). */
  anonymous?: boolean | null;
  /** A juridical person is the author (Art. 15); its work's term runs from publication (Art. 53). */
  corporate?: boolean | null;
}

export interface EligibilityQuery {
  /**
   * The work's authors, when recorded. When given, Art. 6, the term, Art. 58 and the wartime extension
   * look at them (not at creatorNationality / creatorKind, which describe the account filing).
   */
  authors?: AuthorFacts[] | null;
  creatorNationality: string;
  creatorKind?: CreatorKind | null;
  creatorPrincipalOfficeCountry?: string | null;
  workKind?: WorkKind | null;
  workFirstPublicationCountry?: string | null;
  workFirstPublishedAt?: Date | null;
  publishedInJapanWithin30Days?: boolean | null;
  authorDeathYear?: number | null;
  isCorporateWork?: boolean | null;
  /** Every author is anonymous or under a pseudonym that is not well known (Art. 52); set from `authors`. */
  anonymousWork?: boolean | null;
  claimType: ClaimType;
  /** The stage of use complained of: an OPT_OUT_IGNORED claim at the TRAINING / FINE_TUNE stage (or none given) is a training act. */
  stage?: UseStage | null;
  respondentCountry: string;
  trainingServerInJapan?: boolean | null;
  outputServedInJapan?: boolean | null;
  asOf: Date;
}

export interface EligibilityOutcome {
  eligible: boolean;
  protections: Protection[];
  /** Last day of protection (UTC midnight of 31 December of the last year), null when not protected or unknown. */
  protectedUntil: Date | null;
  rules: RuleFindingData[];
  /** Set when the respondent firm's country has an agreement with DISPUTE_ACCESS: the notice is copied to the partner body. */
  crossBorderReferral: { partnerCountry: string } | null;
  /** Facts that were not given and that would change the answer (input field names). */
  missingFacts: string[];
}

// ---------------------------------------------------------------- assessment

export interface ComplaintFacts {
  workInTrainingData?: TriState | null;
  promptNamedWorkOrAuthor?: boolean | null;
  imageToImageInputWasWork?: boolean | null;
  userKnewWork?: boolean | null;
  essentialFeaturesPerceivable?: boolean | null;
  outputCommercial?: boolean | null;
  outputCompetesWithOriginal?: boolean | null;
  outputServedInJapan?: boolean | null;
  intentionalOverfitting?: boolean | null;
  targetedAdditionalTraining?: boolean | null;
  ragOutputsExpression?: boolean | null;
  accessControlBypassed?: boolean | null;
  similarOutputsFrequent?: boolean | null;
  /** The work is a database offered (sold or licensed) for information analysis (the Art. 30-4 proviso). */
  databaseOfferedForAnalysis?: boolean | null;
  /** The RAG system retrieved the work and handed it to the generator (a direct input: reliance). */
  ragRetrievedWork?: boolean | null;
  /** Art. 47-5: the output uses only a minor part of a lawfully public work, incidental to a search or analysis result. */
  minorIncidentalUse?: boolean | null;
}

export interface TrainingDisclosureData {
  categories: string[];
  cutoff: Date | null;
  suppressionMeasures: string[];
}

export interface AssessmentFacts {
  claimType: ClaimType;
  stage: UseStage;
  /** Result of the reciprocity module for this complaint; PROTECTED_WORK and APPLICABLE_LAW rest on it. */
  eligibility: EligibilityOutcome;
  /** The works complained of; holderRole: in what role the account that registered each holds rights in it (default AUTHOR). */
  works: { kind: WorkKind; holderRole?: RightsHolderRole }[];
  /** The AI system complained of, null when the complaint names none. */
  aiSystem: {
    purpose: Purpose;
    trainingServerInJapan: boolean;
    servesJapaneseUsers: boolean;
    usesRag: boolean;
    /** null: the firm has not disclosed training data for this system. */
    disclosure: TrainingDisclosureData | null;
  } | null;
  facts: ComplaintFacts;
  evidence: {
    /** Highest similarity score (0..1) among the evidence, null if none was given. */
    maxSimilarityScore: number | null;
    kinds: EvidenceKind[];
    /** A training-data disclosure (evidence or the firm's own) lists the work or its category. */
    disclosureListsWork?: boolean;
  };
  optOut: {
    /** An opt-out covering the work (or all the creator's works) exists. */
    registered: boolean;
    /** Recognised under a reciprocity agreement (always true for Japanese creators). */
    recognised: boolean;
    signals: OptOutSignal[];
    /** Each counted opt-out's scope and signals, so the most restrictive covering the use decides (absent: scopes not considered). */
    entries?: Array<{ scope: OptOutScope; signals: OptOutSignal[] }>;
    /** The firm acknowledged (synced) the opt-out: evidence that it knew. */
    acknowledgedByFirm: boolean;
    /** The opt-out was effective before the use complained of (null when unknown). */
    effectiveBeforeUse?: boolean | null;
  };
  requestedRemedies: Remedy[];
  /** The case's notice has been served on the firm (a re-assessment after notice): the firm knows of the claim. */
  noticeServed?: boolean;
}

export interface AssessmentResult {
  decision: AssessmentDecision;
  strength: Strength | null;
  tier: Tier | null;
  ruleSetVersion: string;
  findings: RuleFindingData[];
  missingFacts: string[];
  recommendedRemedies: Remedy[];
  /** RELIANCE is UNKNOWN because training data is undisclosed: the firm is ordered to disclose. */
  ordersDisclosure: boolean;
}
