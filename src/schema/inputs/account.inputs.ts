import { Field, InputType, Int, ID } from 'type-graphql';
import { Limit, RULES } from '../validation/rules';
import { CreatorKind, Role } from '../../domain/enums';

@InputType({ description: 'Creator profile given at sign-up.' })
export class CreatorProfileInput {
  @Field(() => CreatorKind, { description: 'Individual, corporation, publisher or collective.' }) kind: CreatorKind;
  @Field({ description: 'Nationality, ISO 3166-1 alpha-2 (e.g. "JP", "FR").' }) @Limit(RULES.countryCode) nationality: string;
  @Field(() => String, { nullable: true, description: 'Principal office country for corporations, ISO 3166-1 alpha-2.' }) @Limit(RULES.countryCode) principalOfficeCountry?: string | null;
}

@InputType({ description: 'Firm profile given at sign-up.' })
export class FirmProfileInput {
  @Field({ description: 'Registered legal name.' }) @Limit({ maxLength: 300 }) legalName: string;
  @Field({ description: 'Country of the firm, ISO 3166-1 alpha-2.' }) @Limit(RULES.countryCode) country: string;
  @Field({ description: 'The firm serves users in Japan.' }) servesJapaneseUsers: boolean;
  @Field(() => String, { nullable: true, description: 'HTTPS endpoint that receives signed webhooks.' }) @Limit(RULES.url) webhookUrl?: string | null;
}

@InputType({ description: 'A new CREATOR or AI_FIRM account with the profile that matches its role.' })
export class SignUpInput {
  @Field({ description: 'Email address (the login).' }) @Limit(RULES.email) email: string;
  @Field({ description: 'Password, at least 10 characters.' }) @Limit(RULES.password) password: string;
  @Field({ description: 'Name shown to the other parties.' }) @Limit({ maxLength: 200 }) displayName: string;
  @Field(() => Role, { description: 'CREATOR or AI_FIRM.' }) role: Role;
  @Field(() => String, { nullable: true, description: '"ja" (default) or "en".' }) locale?: string | null;
  @Field(() => CreatorProfileInput, { nullable: true, description: 'Required for CREATOR, absent for AI_FIRM.' }) creator?: CreatorProfileInput | null;
  @Field(() => FirmProfileInput, { nullable: true, description: 'Required for AI_FIRM, absent for CREATOR.' }) firm?: FirmProfileInput | null;
}

@InputType({ description: 'A new mediator account (ADMIN only).' })
export class CreateMediatorInput {
  @Field({ description: 'Email address (the login).' }) @Limit(RULES.email) email: string;
  @Field({ description: 'Initial password, at least 10 characters.' }) @Limit(RULES.password) password: string;
  @Field({ description: 'Name shown to the parties.' }) @Limit({ maxLength: 200 }) displayName: string;
  @Field(() => String, { nullable: true, description: '"ja" (default) or "en".' }) locale?: string | null;
  @Field(() => [String], { description: 'Languages the mediator works in (ISO 639-1, e.g. "ja", "en").' }) @Limit({ maxItems: 20, maxLength: 3 }) languages: string[];
  @Field(() => [String], { nullable: true, description: 'Specialties, e.g. work kinds (MANGA, MUSIC) or claim types.' }) @Limit({ maxItems: 50, maxLength: 100 }) specialties?: string[] | null;
  @Field(() => Int, { description: 'How many open cases the mediator can hold at once.' }) @Limit({ min: 1, max: 1000 }) capacity: number;
  @Field(() => [ID], { nullable: true, description: 'Ids of firms or accounts the mediator has a conflict of interest with.' }) @Limit({ maxItems: 500 }) conflicts?: string[] | null;
}
