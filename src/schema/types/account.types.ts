import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CreatorKind, Modality, Purpose, Role } from '../../domain/enums';
import { DateTime } from '../scalars';
import { NotificationPreferences } from './notification-preferences.types';

@ObjectType({ simpleResolvers: true, description: 'The creator profile of a CREATOR account: what eligibility needs.' })
export class CreatorProfile {
  @Field(() => CreatorKind, { description: 'Individual, corporation, publisher or collective.' }) kind: CreatorKind;
  @Field({ description: 'Nationality (ISO 3166-1 alpha-2); for a corporation, its country of incorporation.' }) nationality: string;
  @Field(() => String, { nullable: true, description: 'Country of the principal office (corporations), ISO 3166-1 alpha-2.' }) principalOfficeCountry: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An AI system of a firm, with its purpose tier and training-data disclosure.' })
export class AiSystem {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => ID, { description: 'The firm that runs it.' }) firmId: string;
  @Field({ description: 'Name of the system or model.' }) name: string;
  @Field(() => Modality, { description: 'What it produces.' }) modality: Modality;
  @Field(() => Purpose, { description: 'Purpose tier: research, non-commercial or commercial.' }) purpose: Purpose;
  @Field({ description: 'Training ran on a server in Japan.' }) trainingServerInJapan: boolean;
  @Field({ description: 'Outputs are served to users in Japan.' }) servesJapaneseUsers: boolean;
  @Field({ description: 'The system uses retrieval-augmented generation.' }) usesRag: boolean;
  @Field(() => DateTime, { nullable: true, description: 'When training data was disclosed; null while undisclosed.' }) disclosedAt: Date | null;
  @Field(() => [String], { nullable: true, description: 'Disclosed training-data categories.' }) trainingDataCategories: string[] | null;
  @Field(() => DateTime, { nullable: true, description: 'Disclosed training-data cutoff date.' }) trainingCutoff: Date | null;
  @Field(() => [String], { nullable: true, description: 'Disclosed measures that suppress reproduction of training works.' }) suppressionMeasures: string[] | null;
  @Field(() => DateTime, { description: 'When it was registered.' }) createdAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'An AI firm: the respondent of complaints.' })
export class AiFirm {
  @Field(() => ID, { description: 'Identifier; complaints name it as respondentFirmId.' }) id: string;
  @Field({ description: 'Registered legal name.' }) legalName: string;
  @Field({ description: 'Country of the firm (ISO 3166-1 alpha-2).' }) country: string;
  @Field({ description: 'The firm serves users in Japan.' }) servesJapaneseUsers: boolean;
  @Field({ description: 'true: a firm with a Chōtei account. false: a respondent record that a complaint created; nobody has claimed it yet (its notices are served by email).' }) enrolled: boolean;
  @Field(() => String, { nullable: true, description: 'Not on Chōtei: the AI system the complaints named.' }) aiSystemName: string | null;
  @Field(() => String, { nullable: true, description: 'Not on Chōtei: the firm\'s website as the complaints gave it.' }) website: string | null;
  @Field(() => [AiSystem], { description: 'The firm\'s registered AI systems.' }) aiSystems: AiSystem[];
}

@ObjectType({ simpleResolvers: true, description: 'An account: creator, AI firm, mediator or admin.' })
export class Account {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field({ description: 'Email address; shown in full to the account itself and admins, masked to others.' }) email: string;
  @Field({ description: 'Name shown to the other parties.' }) displayName: string;
  @Field(() => Role, { description: 'What the account may do.' }) role: Role;
  @Field({ description: 'Language of explanations and notifications: "ja" or "en".' }) locale: string;
  @Field(() => CreatorProfile, { nullable: true, description: 'Creator profile (CREATOR accounts).' }) creator: CreatorProfile | null;
  @Field(() => AiFirm, { nullable: true, description: 'Firm profile (AI_FIRM accounts).' }) firm: AiFirm | null;
  @Field(() => MediatorProfile, { nullable: true, description: 'Mediator profile (MEDIATOR accounts; visible to the mediator and admins).' }) mediator: MediatorProfile | null;
  @Field({ description: 'Whether the account\'s email address was confirmed through the link mailed at sign-up (verifyEmail).' }) emailVerified: boolean;
  @Field(() => NotificationPreferences, { nullable: true, description: 'What the account receives by email (updateNotificationPreferences); shown to the account itself and admins, null to everyone else.' })
  notificationPreferences: NotificationPreferences | null;
}

@ObjectType({ simpleResolvers: true, description: 'What assignment knows about a mediator.' })
export class MediatorProfile {
  @Field(() => [String], { description: 'Languages (ISO 639-1).' }) languages: string[];
  @Field(() => [String], { description: 'Specialties, e.g. MANGA, MUSIC, CODE.' }) specialties: string[];
  @Field(() => Int, { description: 'Open cases the mediator can hold at once.' }) capacity: number;
  @Field(() => [String], { description: 'Firm or account ids the mediator must not handle.' }) conflicts: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A signed-in session.' })
export class AuthPayload {
  @Field({ description: 'JWT to send as Authorization: Bearer <token>.' }) token: string;
  @Field(() => Account, { description: 'The account.' }) account: Account;
}

@ObjectType({ simpleResolvers: true, description: 'An API key of an AI firm (the secret is never shown again).' })
export class ApiKey {
  @Field(() => ID, { description: 'Identifier, for revokeApiKey.' }) id: string;
  @Field({ description: 'Name given when it was created.' }) name: string;
  @Field({ description: 'First characters of the key, to tell keys apart.' }) prefix: string;
  @Field(() => DateTime, { description: 'When it was created.' }) createdAt: Date;
  @Field(() => DateTime, { nullable: true, description: 'When it was revoked; null while valid.' }) revokedAt: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'A new API key: the secret is shown this once.' })
export class ApiKeyPayload {
  @Field({ description: 'The secret; send it as Authorization: Bearer <secret>. Store it now: it is kept only as a hash.' }) secret: string;
  @Field({ description: 'The same secret as `secret`, under the name machine clients often look for.' }) key: string;
  @Field(() => ID, { description: 'Id of the key, for revokeApiKey.' }) id: string;
  @Field(() => ApiKey, { description: 'The key.' }) apiKey: ApiKey;
}
