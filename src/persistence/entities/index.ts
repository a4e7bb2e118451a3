import { AccountEntity } from './account.entity';
import { AiFirmEntity } from './ai-firm.entity';
import { AiSystemEntity } from './ai-system.entity';
import { ApiKeyEntity } from './api-key.entity';
import { AssessmentEntity } from './assessment.entity';
import { BlindBidEntity } from './blind-bid.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseWorkEntity } from './case-work.entity';
import { CaseEntity } from './case.entity';
import { CountryEntity } from './country.entity';
import { CreatorProfileEntity } from './creator-profile.entity';
import { CrossBorderReferralEntity } from './cross-border-referral.entity';
import { DeadlineEntity } from './deadline.entity';
import { EvidenceEntity } from './evidence.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { JobRepairEntity } from './job-repair.entity';
import { LicenseAgreementEntity } from './license-agreement.entity';
import { LicenseTemplateEntity } from './license-template.entity';
import { MediationSessionEntity } from './mediation-session.entity';
import { MediatorNoteEntity } from './mediator-note.entity';
import { MediatorProfileEntity } from './mediator-profile.entity';
import { NoticeEntity } from './notice.entity';
import { NotificationEntity } from './notification.entity';
import { OfferEntity } from './offer.entity';
import { OptOutAcknowledgementEntity } from './opt-out-acknowledgement.entity';
import { OptOutChangeEntity } from './opt-out-change.entity';
import { OptOutImportEntity } from './opt-out-import.entity';
import { OptOutEntity } from './opt-out.entity';
import { OutboxEntity } from './outbox.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { ReciprocityAgreementEntity } from './reciprocity-agreement.entity';
import { RecommendationEntity } from './recommendation.entity';
import { ReferenceCounterEntity } from './reference-counter.entity';
import { RemedyCertificationEntity } from './remedy-certification.entity';
import { SettlementEntity } from './settlement.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WorkEntity } from './work.entity';
import { CasePrincipalEntity, MandateEntity, MandateWorkEntity } from './mandate.entity';
import { EmailVerificationEntity } from './email-verification.entity';
import { StoredFileEntity } from './stored-file.entity';
import { OptOutPerceptualHashEntity } from './opt-out-perceptual-hash.entity';

export {
  AccountEntity, AiFirmEntity, AiSystemEntity, ApiKeyEntity, AssessmentEntity, BlindBidEntity, CaseEventEntity, CaseWorkEntity, CaseEntity,
  CountryEntity, CreatorProfileEntity, CrossBorderReferralEntity, DeadlineEntity, EvidenceEntity, IdempotencyKeyEntity, JobRepairEntity, LicenseAgreementEntity,
  LicenseTemplateEntity, MediationSessionEntity, MediatorNoteEntity, MediatorProfileEntity, NoticeEntity, NotificationEntity, OfferEntity,
  OptOutAcknowledgementEntity, OptOutChangeEntity, OptOutImportEntity, OptOutEntity, OutboxEntity, PasswordResetEntity, ReciprocityAgreementEntity,
  RecommendationEntity, ReferenceCounterEntity, RemedyCertificationEntity, SettlementEntity, WebhookDeliveryEntity, WorkEntity,
  CasePrincipalEntity, MandateEntity, MandateWorkEntity, EmailVerificationEntity, StoredFileEntity, OptOutPerceptualHashEntity,
};

/** Every entity, for the data sources. */
export const ENTITIES = [
  AccountEntity, AiFirmEntity, AiSystemEntity, ApiKeyEntity, AssessmentEntity, BlindBidEntity, CaseEventEntity, CaseWorkEntity, CaseEntity,
  CountryEntity, CreatorProfileEntity, CrossBorderReferralEntity, DeadlineEntity, EvidenceEntity, IdempotencyKeyEntity, JobRepairEntity, LicenseAgreementEntity,
  LicenseTemplateEntity, MediationSessionEntity, MediatorNoteEntity, MediatorProfileEntity, NoticeEntity, NotificationEntity, OfferEntity,
  OptOutAcknowledgementEntity, OptOutChangeEntity, OptOutImportEntity, OptOutEntity, OutboxEntity, PasswordResetEntity, ReciprocityAgreementEntity,
  RecommendationEntity, ReferenceCounterEntity, RemedyCertificationEntity, SettlementEntity, WebhookDeliveryEntity, WorkEntity,
  CasePrincipalEntity, MandateEntity, MandateWorkEntity, EmailVerificationEntity, StoredFileEntity, OptOutPerceptualHashEntity,
];
