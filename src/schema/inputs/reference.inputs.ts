import { Field, ID, InputType, Int } from 'type-graphql';
import { AuthorInput } from './work.inputs';
import { Limit, RULES } from '../validation/rules';
import { ClaimType, CreatorKind, Protection, Treaty, UseStage, WorkKind } from '../../domain/enums';
import { DateTime } from '../scalars';

@InputType({ description: 'Who is complaining, about what work, against whom: enough to decide eligibility before filing.' })
export class EligibilityInput {
  @Field({ description: 'Creator nationality (ISO 3166-1 alpha-2).' }) @Limit(RULES.countryCode) creatorNationality: string;
  @Field(() => CreatorKind, { nullable: true, description: 'Kind of creator.' }) creatorKind?: CreatorKind | null;
  @Field(() => String, { nullable: true, description: 'Principal office country of a corporate creator.' }) @Limit(RULES.countryCode) creatorPrincipalOfficeCountry?: string | null;
  @Field(() => WorkKind, { nullable: true, description: 'Kind of work.' }) workKind?: WorkKind | null;
  @Field(() => String, { nullable: true, description: 'Country of first publication.' }) @Limit(RULES.countryCode) workFirstPublicationCountry?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'Date of first publication.' }) workFirstPublishedAt?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Published in Japan within 30 days of first publication abroad.' }) publishedInJapanWithin30Days?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Year the author died.' }) @Limit(RULES.deathYear) authorDeathYear?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Published under a corporate name.' }) isCorporateWork?: boolean | null;
  @Field(() => [AuthorInput], { nullable: true, description: 'The work\'s authors, when they are not (only) the creator filing: Art. 6, the term, Art. 58 and the wartime extension then look at them, not at creatorNationality.' })
  @Limit({ maxItems: 50 }) authors?: AuthorInput[] | null;
  @Field(() => ClaimType, { description: 'The claim you would bring.' }) claimType: ClaimType;
  @Field(() => UseStage, { nullable: true, description: 'Stage of use complained of: an OPT_OUT_IGNORED claim at the RAG or GENERATION stage is judged by where the output is made available, otherwise by where the training ran.' }) stage?: UseStage | null;
  @Field({ description: 'Country of the AI firm (ISO 3166-1 alpha-2).' }) @Limit(RULES.countryCode) respondentCountry: string;
  @Field(() => Boolean, { nullable: true, description: 'Training ran on a server in Japan.' }) trainingServerInJapan?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The output was served to users in Japan.' }) outputServedInJapan?: boolean | null;
  @Field(() => DateTime, { nullable: true, description: 'Decide as of this time (default now).' }) asOf?: Date | null;
}

@InputType({ description: 'A reciprocity agreement to create or update (ADMIN).' })
export class ReciprocityAgreementInput {
  @Field(() => ID, { nullable: true, description: 'Id of the agreement to update; omit to create.' }) id?: string | null;
  @Field({ description: 'Partner country (ISO 3166-1 alpha-2).' }) @Limit(RULES.countryCode) partnerCountry: string;
  @Field(() => String, { nullable: true, description: 'Title.' }) @Limit({ maxLength: 500 }) title?: string | null;
  @Field(() => DateTime, { description: 'In force from.' }) inForceFrom: Date;
  @Field(() => DateTime, { nullable: true, description: 'In force until (inclusive).' }) inForceTo?: Date | null;
  @Field(() => [Protection], { description: 'Protections it extends (not COPYRIGHT, which comes from the treaties).' }) protections: Protection[];
  @Field(() => String, { nullable: true, description: 'Partner body that receives copies of notices.' }) @Limit({ maxLength: 500 }) partnerBody?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Mark as demo data.' }) demo?: boolean | null;
}

@InputType({ description: 'A treaty membership: the treaty and the date it entered into force for the country.' })
export class TreatyMembershipInput {
  @Field(() => Treaty, { description: 'The treaty.' }) treaty: Treaty;
  @Field({ description: 'Date of entry into force, YYYY-MM-DD.' }) @Limit({ date: true, maxLength: 10 }) inForceFrom: string;
}

@InputType({ description: 'Corrections to a country\'s reference data (ADMIN); omitted fields stay as they are.' })
export class CountryUpdateInput {
  @Field({ description: 'ISO 3166-1 alpha-2 code of the country to change.' }) @Limit(RULES.countryCode) code: string;
  @Field(() => String, { nullable: true, description: 'Name in English.' }) name?: string | null;
  @Field(() => [TreatyMembershipInput], { nullable: true, description: 'The full list of treaty memberships (replaces the current one).' }) @Limit({ maxItems: 20 }) memberships?: TreatyMembershipInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Term of protection after death in that country (years).' }) @Limit({ min: 0, max: 150 }) termYearsAfterDeath?: number | null;
  @Field(() => Int, { nullable: true, description: 'Allied-national wartime extension (days); null for none.' }) @Limit({ min: 0, max: 10_000 }) wartimeExtensionDays?: number | null;
}
