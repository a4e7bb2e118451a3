import { AccountResolver, AiFirmResolver } from './account.resolver';
import { CaseEventResolver, CaseResolver } from './case.resolver';
import { NoticeResolver } from './notice.resolver';
import { NoticeServiceResolver } from './notice-service.resolver';
import { OperationsResolver } from './operations.resolver';
import { RespondentResolver } from './respondent.resolver';
import { LicenseAgreementResolver, NegotiationResolver, OfferResolver } from './negotiation.resolver';
import { MediationResolver } from './mediation.resolver';
import { CasePrincipalsResolver, MandateResolver } from './mandate.resolver';
import { RemedyCertificationResolver, RemedyResolver } from './remedy.resolver';
import { AiFirmWebhookResolver, NotificationResolver, WebhookResolver } from './notification.resolver';
import { SubscriptionResolver } from './subscription.resolver';
import { OptOutResolver } from './opt-out.resolver';
import { ReferenceResolver } from './reference.resolver';
import { TransparencyResolver } from './transparency.resolver';
import { WorkResolver } from './work.resolver';
import { EvidenceFileResolver, SimilarityTriageResolver, WorkReferenceFileResolver } from './file.resolver';

/** Every resolver class; build-schema.ts reads this list. */
export const RESOLVERS = [
  AccountResolver, AiFirmResolver, WorkResolver, CaseResolver, CaseEventResolver, NoticeResolver, NoticeServiceResolver, RespondentResolver, ReferenceResolver,
  OptOutResolver, TransparencyResolver, OperationsResolver,
  NotificationResolver, WebhookResolver, AiFirmWebhookResolver, SubscriptionResolver,
  NegotiationResolver, OfferResolver, LicenseAgreementResolver, MediationResolver, RemedyResolver, RemedyCertificationResolver,
  MandateResolver, CasePrincipalsResolver,
  EvidenceFileResolver, SimilarityTriageResolver, WorkReferenceFileResolver,
] as const;
