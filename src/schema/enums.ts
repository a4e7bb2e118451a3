import { registerEnumType } from 'type-graphql';
import * as E from '../domain/enums';
import { DeadlineKind } from '../domain/enums';
import { OptOutUses } from '../domain/opt-out-scope';

type Values<T extends Record<string, string>> = { [K in keyof T]: string };

function register<T extends Record<string, string>>(enumObj: T, name: string, description: string, values: Values<T>): void {
  registerEnumType(enumObj, {
    name, description,
    valuesConfig: Object.fromEntries(Object.entries(values).map(([k, d]) => [k, { description: d }])) as never,
  });
}

register(E.Role, 'Role', 'What an account is allowed to do.', {
  CREATOR: 'A creator or rights holder: registers works and opt-outs, files complaints.',
  AI_FIRM: 'An AI firm: registers AI systems, answers notices, certifies remedies.',
  MEDIATOR: 'A mediator: reviews and mediates the cases assigned to them.',
  ADMIN: 'An administrator: keeps reference data and may act on every case.',
});
register(E.CreatorKind, 'CreatorKind', 'The kind of creator or rights holder.', {
  INDIVIDUAL: 'A natural person.', CORPORATION: 'A company or other legal person.', PUBLISHER: 'A publisher holding rights for its authors.',
  COLLECTIVE: 'A collective management organisation or group of creators.',
});
register(E.WorkKind, 'WorkKind', 'The kind of work.', {
  MANGA: 'Manga.', ANIME: 'Animation.', ILLUSTRATION: 'Illustration or artwork.', PHOTOGRAPH: 'Photograph.', LITERATURE: 'Literary work.',
  MUSIC: 'Music or lyrics.', CODE: 'Program code.', VIDEO: 'Film or video.', GAME: 'Video game.',
  DATABASE: 'Database work (Art. 12-2); a database sold for analysis matters for the Art. 30-4 proviso.', OTHER: 'Any other kind of work.',
});
register(E.RightsHolderRole, 'RightsHolderRole', 'In what role the account that registers a work holds rights in it. Standing follows the holder; the law of the work (Art. 6, the term, Art. 58, the wartime extension) follows its authors.', {
  AUTHOR: 'The holder is the work\'s (only) author.', COPYRIGHT_HOLDER: 'The copyright was assigned to the holder (a publisher or other assignee).',
  EXCLUSIVE_LICENSEE: 'The holder has an exclusive licence from the copyright owner.', COLLECTIVE_MANAGER: 'A collective management organisation managing the right for its members.',
});
register(E.Modality, 'Modality', 'What an AI system takes in and produces.', {
  TEXT: 'Text.', IMAGE: 'Images.', VIDEO: 'Video.', AUDIO: 'Audio or music.', CODE: 'Program code.', MULTIMODAL: 'Several modalities.',
});
register(E.Purpose, 'Purpose', 'Purpose tier of an AI system; it changes what is actionable and which remedies apply.', {
  RESEARCH: 'Research use: removal and attribution are the remedies.', NONCOMMERCIAL: 'Non-commercial use: removal and attribution.',
  COMMERCIAL: 'Commercial use: damages are available.',
});
register(E.OptOutScope, 'OptOutScope', 'What an opt-out covers.', {
  ALL_AI_TRAINING: 'Every kind of AI training.', GENERATIVE_TRAINING: 'Training of generative AI only.', COMMERCIAL_TRAINING: 'Commercial AI training only.',
  AI_INFERENCE: 'Use as an input at inference time: retrieval-augmented generation (RAG), grounding (IETF AI Preferences ai-use, Content-Signal ai-input).',
  ALL_AI_USE: 'Every AI use: training, inference and AI search.',
  ALL_AI_USE_EXCEPT_SEARCH: 'Every AI use except search (the search carve-out: indexing and search results stay allowed).',
});
register(E.OptOutSignal, 'OptOutSignal', 'Where the opt-out is also expressed.', {
  REGISTRY: 'The Chōtei opt-out registry.', ROBOTS_TXT: 'robots.txt directives.', TDMREP: 'W3C TDM Reservation Protocol.', AI_TXT: 'ai.txt file.',
  IPTC_DMI: 'IPTC Data Mining property in image metadata.', CAWG: 'Creator Assertions Working Group (C2PA) training-and-mining assertion.',
  AI_PREFERENCES: 'IETF AI Preferences: the Content-Usage header or robots.txt rules (categories such as train-ai, ai-use, search).',
  CONTENT_SIGNAL: 'Content Signals in robots.txt (Content-Signal: search, ai-input, ai-train).',
  RSL: 'Really Simple Licensing (RSL): a machine-readable licence whose terms reserve AI use.',
  X_ROBOTS_TAG_NOAI: 'X-Robots-Tag (or robots meta) noai / noimageai.',
});
register(OptOutUses, 'OptOutUse', 'A use of a work that an opt-out can reserve.', {
  TRAINING: 'Training or fine-tuning an AI model on the work.',
  INFERENCE: 'The work as an input at inference time: retrieval-augmented generation (RAG), grounding, AI answers.',
  SEARCH: 'An inference use incidental to a search result (the Art. 47-5 fact).',
});
register(E.Protection, 'Protection', 'A protection Japan extends to a creator.', {
  COPYRIGHT: 'Copyright protection in Japan (Art. 6, national treatment).',
  OPT_OUT_RECOGNITION: 'The framework recognises the creator\'s opt-outs.',
  DISPUTE_ACCESS: 'Access to this dispute process for all claim types.',
  DAMAGES_PARITY: 'Damages on the same footing as Japanese creators.',
  TRANSPARENCY_DUTY: 'AI firms owe the creator training-data transparency.',
});
register(E.Finding, 'Finding', 'What a rule or criterion found.', {
  MET: 'The criterion is met.', NOT_MET: 'The criterion is not met.', PRESUMED: 'Presumed met; the other party may rebut it.',
  UNKNOWN: 'Cannot be decided on the facts given; the missing facts are listed.', NOT_APPLICABLE: 'Does not apply to this claim.',
});
register(E.RuleLayer, 'RuleLayer', 'Which layer a finding belongs to (rule set jp-2024.2 on).', {
  STATUTE: 'The Copyright Act (and the Civil Code) as the Agency for Cultural Affairs\' General Understanding reads it: infringement, liability, fault, remedies the law gives.',
  FRAMEWORK: 'A duty of the framework that participating firms accept (honour recognised opt-outs, disclose training data on request, answer notices), not a breach of the statute.',
});
register(E.AssessmentDecision, 'AssessmentDecision', 'What the rule set concluded.', {
  ACTIONABLE: 'The complaint is actionable: the notice goes to the firm.',
  NOT_ACTIONABLE: 'Not actionable on these facts; a mediator reviews it.',
  NEEDS_HUMAN_REVIEW: 'A mediator must decide (for example, similarity).',
  INELIGIBLE: 'Not eligible (protection, term, claim access or applicable law).',
});
register(E.Strength, 'Strength', 'How strong the complaint is on the facts given.', {
  STRONG: 'Every deciding criterion is met.', MODERATE: 'Some deciding criteria are only presumed.', WEAK: 'Deciding criteria are unknown or not met.',
});
register(E.Tier, 'Tier', 'Remedy tier from the AI system\'s purpose and the output\'s use.', {
  RESEARCH: 'Research: removal and attribution.', NONCOMMERCIAL: 'Non-commercial: removal and attribution.',
  COMMERCIAL: 'Commercial: damages (Art. 114).', COMMERCIAL_COMPETING: 'Commercial output competing with the original: injunction (Art. 112) and damages.',
});
register(E.Remedy, 'Remedy', 'A remedy a complaint asks for or a settlement provides.', {
  DATASET_REMOVAL: 'Remove the work from training datasets.', OUTPUT_FILTER: 'Filter outputs that reproduce the work.',
  TAKEDOWN: 'Take down the infringing outputs.', COMPENSATION: 'Pay compensation.', LICENSE: 'Conclude a license.', ATTRIBUTION: 'Attribute the creator.',
});
register(E.CaseStatus, 'CaseStatus', 'Where a case is in its lifecycle.', {
  FILED: 'Complaint stored; intake checks completeness and duplicates.', SCREENING: 'Eligibility and rules assessment running.',
  MEDIATOR_REVIEW: 'A mediator confirms a weak or unclear case.', NOTICE_SENT: 'The firm has the notice; its response window runs.',
  NEGOTIATION: 'The parties exchange offers and blind bids.', MEDIATION: 'An assigned mediator works the case.',
  RECOMMENDATION_ISSUED: 'Both parties may accept the mediator\'s recommendation.', REMEDY_IN_PROGRESS: 'The firm carries out what was agreed.',
  VERIFICATION: 'The creator may dispute the firm\'s certification.', CLOSED: 'Ended; see outcome.',
});
register(E.CaseOutcome, 'CaseOutcome', 'How a closed case ended.', {
  INELIGIBLE: 'Not eligible under reciprocity, term or applicable law.', DUPLICATE: 'Duplicate of an earlier open case.',
  DISMISSED: 'Dismissed by a mediator after review.', WITHDRAWN: 'Withdrawn by the complainant.', RESOLVED: 'Resolved; see resolution.',
  REFERRED: 'Referred to a court or another ADR body.',
});
register(E.ResolutionKind, 'ResolutionKind', 'How a RESOLVED case was resolved.', {
  REMEDIED: 'The firm accepted and carried out the remedies.', SETTLED: 'Settled by an offer or blind bids.', LICENSED: 'Settled with a license agreement.',
  RECOMMENDATION_ACCEPTED: 'Both parties accepted the mediator\'s recommendation.',
});
register(E.ClaimType, 'ClaimType', 'What the complaint is about.', {
  TRAINING_WITHOUT_PERMISSION: 'The work was used for training without permission beyond Art. 30-4.',
  OPT_OUT_IGNORED: 'A recognised opt-out was ignored.', OUTPUT_REPRODUCES_WORK: 'An output reproduces the work.',
  TARGETED_FINE_TUNING: 'Additional training aimed at the creator\'s expression.', RAG_REPRODUCTION: 'Retrieval-augmented generation outputs the work.',
  TRANSPARENCY_FAILURE: 'The firm failed its training-data transparency duty.',
});
register(E.UseStage, 'UseStage', 'At which stage of AI development or use the work was used.', {
  TRAINING: 'Pre-training.', FINE_TUNE: 'Fine-tuning or additional training.', RAG: 'Retrieval-augmented generation.', GENERATION: 'Output generation.',
});
register(E.TriState, 'TriState', 'Yes, no, or not known.', { YES: 'Yes.', NO: 'No.', UNKNOWN: 'Not known.' });
register(E.EvidenceKind, 'EvidenceKind', 'The kind of evidence.', {
  OUTPUT_SAMPLE: 'An output of the AI system.', PROMPT_LOG: 'The prompt or a log of it.', TRAINING_DATA_DISCLOSURE: 'A training-data disclosure.',
  OPT_OUT_PROOF: 'Proof of an opt-out (registry, robots.txt, metadata).', LICENSE: 'A license or contract.', OTHER: 'Other evidence.',
});
register(E.NoticeResponseKind, 'NoticeResponseKind', 'How a firm answers a notice.', {
  ACCEPT: 'Accept the complaint and carry out the remedies.', CONTEST: 'Contest it: negotiation follows.',
  OFFER_LICENSE: 'Offer a license: negotiation follows.', DECLINE_PROCESS: 'Decline this process: the case is referred.',
  REQUEST_EXTENSION: 'Ask once for more time to respond.',
});
register(E.RecommendationFinding, 'RecommendationFinding', 'The mediator\'s finding.', {
  INFRINGEMENT: 'Infringement found.', NO_INFRINGEMENT: 'No infringement found.', PARTIAL: 'Infringement in part.',
});
register(DeadlineKind, 'DeadlineKind', 'A window of the case lifecycle.', {
  ACKNOWLEDGE: 'The firm acknowledges the notice.', RESPOND: 'The firm responds to the notice.', NEGOTIATION: 'The parties negotiate.',
  MEDIATOR_ASSIGNMENT: 'A mediator is assigned.', MEDIATION: 'The mediator works the case and recommends.',
  RECOMMENDATION: 'The parties accept or reject the recommendation.', REMEDY: 'The firm carries out the remedy.',
  VERIFICATION: 'The creator confirms or disputes the remedy.',
});
register(E.Treaty, 'Treaty', 'A copyright treaty.', {
  BERNE: 'Berne Convention.', TRIPS: 'WTO TRIPS Agreement.', WCT: 'WIPO Copyright Treaty.', UCC: 'Universal Copyright Convention.',
});
