/**
 * Enumerations of the Chōtei domain. They are plain TypeScript string enums so
 * the pure domain can use them; src/schema registers them with type-graphql
 * (with a description for every value) so the GraphQL names are the same.
 */

export enum Role { CREATOR = 'CREATOR', AI_FIRM = 'AI_FIRM', MEDIATOR = 'MEDIATOR', ADMIN = 'ADMIN' }

export enum CreatorKind { INDIVIDUAL = 'INDIVIDUAL', CORPORATION = 'CORPORATION', PUBLISHER = 'PUBLISHER', COLLECTIVE = 'COLLECTIVE' }

export enum WorkKind {
  MANGA = 'MANGA', ANIME = 'ANIME', ILLUSTRATION = 'ILLUSTRATION', PHOTOGRAPH = 'PHOTOGRAPH', LITERATURE = 'LITERATURE',
  MUSIC = 'MUSIC', CODE = 'CODE', VIDEO = 'VIDEO', GAME = 'GAME', DATABASE = 'DATABASE', OTHER = 'OTHER',
}

/** In what role the account registering a work holds rights in it (standing follows the holder; the law of the work follows its authors). */
export enum RightsHolderRole { AUTHOR = 'AUTHOR', COPYRIGHT_HOLDER = 'COPYRIGHT_HOLDER', EXCLUSIVE_LICENSEE = 'EXCLUSIVE_LICENSEE', COLLECTIVE_MANAGER = 'COLLECTIVE_MANAGER' }

export enum Modality { TEXT = 'TEXT', IMAGE = 'IMAGE', VIDEO = 'VIDEO', AUDIO = 'AUDIO', CODE = 'CODE', MULTIMODAL = 'MULTIMODAL' }

export enum Purpose { RESEARCH = 'RESEARCH', NONCOMMERCIAL = 'NONCOMMERCIAL', COMMERCIAL = 'COMMERCIAL' }

export enum OptOutScope {
  ALL_AI_TRAINING = 'ALL_AI_TRAINING', GENERATIVE_TRAINING = 'GENERATIVE_TRAINING', COMMERCIAL_TRAINING = 'COMMERCIAL_TRAINING',
  /** Use as an input at inference time (RAG, grounding, IETF AI Preferences `ai-use`, Content-Signal `ai-input`). */
  AI_INFERENCE = 'AI_INFERENCE',
  /** Every AI use: training, inference and AI search. */
  ALL_AI_USE = 'ALL_AI_USE',
  /** Every AI use except search (the search carve-out: indexing and search results with links stay allowed). */
  ALL_AI_USE_EXCEPT_SEARCH = 'ALL_AI_USE_EXCEPT_SEARCH',
}

export enum OptOutSignal {
  REGISTRY = 'REGISTRY', ROBOTS_TXT = 'ROBOTS_TXT', TDMREP = 'TDMREP', AI_TXT = 'AI_TXT', IPTC_DMI = 'IPTC_DMI', CAWG = 'CAWG',
  /** IETF AI Preferences: the `Content-Usage` header or robots.txt rules (categories train-ai, ai-use, search). */
  AI_PREFERENCES = 'AI_PREFERENCES',
  /** Content Signals in robots.txt (`Content-Signal: search=…, ai-input=…, ai-train=…`). */
  CONTENT_SIGNAL = 'CONTENT_SIGNAL',
  /** Really Simple Licensing (RSL 1.0): a licence file whose terms reserve AI use. */
  RSL = 'RSL',
  /** `X-Robots-Tag: noai` / `noimageai` (or the same robots meta values). */
  X_ROBOTS_TAG_NOAI = 'X_ROBOTS_TAG_NOAI',
}

export enum Protection {
  COPYRIGHT = 'COPYRIGHT', OPT_OUT_RECOGNITION = 'OPT_OUT_RECOGNITION', DISPUTE_ACCESS = 'DISPUTE_ACCESS',
  DAMAGES_PARITY = 'DAMAGES_PARITY', TRANSPARENCY_DUTY = 'TRANSPARENCY_DUTY',
}

/** Which layer a finding belongs to: the Copyright Act (as the General Understanding reads it) or the framework's own duties. */
export enum RuleLayer { STATUTE = 'STATUTE', FRAMEWORK = 'FRAMEWORK' }

export enum Finding { MET = 'MET', NOT_MET = 'NOT_MET', PRESUMED = 'PRESUMED', UNKNOWN = 'UNKNOWN', NOT_APPLICABLE = 'NOT_APPLICABLE' }

export enum AssessmentDecision { ACTIONABLE = 'ACTIONABLE', NOT_ACTIONABLE = 'NOT_ACTIONABLE', NEEDS_HUMAN_REVIEW = 'NEEDS_HUMAN_REVIEW', INELIGIBLE = 'INELIGIBLE' }

export enum Strength { STRONG = 'STRONG', MODERATE = 'MODERATE', WEAK = 'WEAK' }

/** Remedy tier (DESIGN.md "TIER"): what the purpose of the AI system and the use of the output make available. */
export enum Tier { RESEARCH = 'RESEARCH', NONCOMMERCIAL = 'NONCOMMERCIAL', COMMERCIAL = 'COMMERCIAL', COMMERCIAL_COMPETING = 'COMMERCIAL_COMPETING' }

export enum Remedy { DATASET_REMOVAL = 'DATASET_REMOVAL', OUTPUT_FILTER = 'OUTPUT_FILTER', TAKEDOWN = 'TAKEDOWN', COMPENSATION = 'COMPENSATION', LICENSE = 'LICENSE', ATTRIBUTION = 'ATTRIBUTION' }

export enum CaseStatus {
  FILED = 'FILED', SCREENING = 'SCREENING', MEDIATOR_REVIEW = 'MEDIATOR_REVIEW', NOTICE_SENT = 'NOTICE_SENT',
  NEGOTIATION = 'NEGOTIATION', MEDIATION = 'MEDIATION', RECOMMENDATION_ISSUED = 'RECOMMENDATION_ISSUED',
  REMEDY_IN_PROGRESS = 'REMEDY_IN_PROGRESS', VERIFICATION = 'VERIFICATION', CLOSED = 'CLOSED',
}

export enum CaseOutcome { INELIGIBLE = 'INELIGIBLE', DUPLICATE = 'DUPLICATE', DISMISSED = 'DISMISSED', WITHDRAWN = 'WITHDRAWN', RESOLVED = 'RESOLVED', REFERRED = 'REFERRED' }

/** How a RESOLVED case was resolved (DESIGN.md "Outcomes"). */
export enum ResolutionKind { REMEDIED = 'REMEDIED', SETTLED = 'SETTLED', LICENSED = 'LICENSED', RECOMMENDATION_ACCEPTED = 'RECOMMENDATION_ACCEPTED' }

export enum ClaimType {
  TRAINING_WITHOUT_PERMISSION = 'TRAINING_WITHOUT_PERMISSION', OPT_OUT_IGNORED = 'OPT_OUT_IGNORED',
  OUTPUT_REPRODUCES_WORK = 'OUTPUT_REPRODUCES_WORK', TARGETED_FINE_TUNING = 'TARGETED_FINE_TUNING',
  RAG_REPRODUCTION = 'RAG_REPRODUCTION', TRANSPARENCY_FAILURE = 'TRANSPARENCY_FAILURE',
}

export enum UseStage { TRAINING = 'TRAINING', FINE_TUNE = 'FINE_TUNE', RAG = 'RAG', GENERATION = 'GENERATION' }

export enum TriState { YES = 'YES', NO = 'NO', UNKNOWN = 'UNKNOWN' }

export enum EvidenceKind {
  OUTPUT_SAMPLE = 'OUTPUT_SAMPLE', PROMPT_LOG = 'PROMPT_LOG', TRAINING_DATA_DISCLOSURE = 'TRAINING_DATA_DISCLOSURE',
  OPT_OUT_PROOF = 'OPT_OUT_PROOF', LICENSE = 'LICENSE', OTHER = 'OTHER',
}

export enum NoticeResponseKind { ACCEPT = 'ACCEPT', CONTEST = 'CONTEST', OFFER_LICENSE = 'OFFER_LICENSE', DECLINE_PROCESS = 'DECLINE_PROCESS', REQUEST_EXTENSION = 'REQUEST_EXTENSION' }

export enum RecommendationFinding { INFRINGEMENT = 'INFRINGEMENT', NO_INFRINGEMENT = 'NO_INFRINGEMENT', PARTIAL = 'PARTIAL' }

/** Treaties whose membership decides protection in Japan (DESIGN.md "Reciprocity"). */
export enum Treaty { BERNE = 'BERNE', TRIPS = 'TRIPS', WCT = 'WCT', UCC = 'UCC' }

/** Every window of DESIGN.md "Case lifecycle" that can become a deadline row. */
export enum DeadlineKind {
  ACKNOWLEDGE = 'ACKNOWLEDGE', RESPOND = 'RESPOND', NEGOTIATION = 'NEGOTIATION', MEDIATOR_ASSIGNMENT = 'MEDIATOR_ASSIGNMENT',
  MEDIATION = 'MEDIATION', RECOMMENDATION = 'RECOMMENDATION', REMEDY = 'REMEDY', VERIFICATION = 'VERIFICATION',
}

/** A text in the two languages the product speaks; the viewer's locale picks one. */
export interface LocalizedText { en: string; ja: string }

/** How a mediation session is held (mediation_session.channel). */
export enum MediationChannel {
  VIDEO = 'VIDEO',
  PHONE = 'PHONE',
  IN_PERSON = 'IN_PERSON',
  WRITTEN = 'WRITTEN',
}

/** Where a webhook delivery stands (webhook_delivery.status). */
export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/** Where an offer stands (offer.status). */
export enum OfferStatus {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  SUPERSEDED = 'SUPERSEDED',
  LAPSED = 'LAPSED',
}

/** The party that made an offer (offer.side). */
export enum OfferSide {
  COMPLAINANT = 'COMPLAINANT',
  RESPONDENT = 'RESPONDENT',
}

/** The fixed vocabulary of training-data categories a firm discloses (DESIGN "transparency"). */
export enum TrainingDataCategory {
  LICENSED_DATASETS = 'LICENSED_DATASETS',
  PUBLIC_WEB_CRAWL = 'PUBLIC_WEB_CRAWL',
  PUBLIC_DOMAIN = 'PUBLIC_DOMAIN',
  OPEN_LICENSED = 'OPEN_LICENSED',
  USER_CONTENT = 'USER_CONTENT',
  SYNTHETIC = 'SYNTHETIC',
  PROPRIETARY = 'PROPRIETARY',
  MANGA_ANIME = 'MANGA_ANIME',
  ILLUSTRATION = 'ILLUSTRATION',
  PHOTOGRAPHS = 'PHOTOGRAPHS',
  STOCK_IMAGES = 'STOCK_IMAGES',
  NEWS = 'NEWS',
  BOOKS = 'BOOKS',
  ACADEMIC_PAPERS = 'ACADEMIC_PAPERS',
  CODE_REPOSITORIES = 'CODE_REPOSITORIES',
  MUSIC = 'MUSIC',
  VIDEO = 'VIDEO',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  GOVERNMENT_PUBLICATIONS = 'GOVERNMENT_PUBLICATIONS',
  OTHER = 'OTHER',
}

/** A change of the opt-out feed. */
export enum OptOutChangeKind { REGISTERED = 'REGISTERED', WITHDRAWN = 'WITHDRAWN' }

/** How a notice reached (or failed to reach) the respondent. */
export enum ServiceChannel { API = 'API', WEBHOOK = 'WEBHOOK', EMAIL = 'EMAIL' }

/** Where a deadline stands (deadline.state): it fires exactly once, or is cancelled when its status is left. */
export enum DeadlineState { PENDING = 'PENDING', FIRED = 'FIRED', CANCELLED = 'CANCELLED' }
