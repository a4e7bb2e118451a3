import { Field, InputType, Int } from 'type-graphql';
import { Limit, RULES } from '../validation/rules';
import { Modality, Purpose, WorkKind } from '../../domain/enums';
import { DateTime } from '../scalars';

@InputType({ description: 'A work to register.' })
export class RegisterWorkInput {
  @Field({ description: 'Title.' }) @Limit({ maxLength: 500 }) title: string;
  @Field(() => WorkKind, { description: 'Kind of work.' }) kind: WorkKind;
  @Field(() => DateTime, { nullable: true, description: 'First publication.' }) firstPublishedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Country of first publication, ISO 3166-1 alpha-2.' }) @Limit(RULES.countryCode) firstPublicationCountry?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Published in Japan within 30 days of first publication abroad.' }) publishedInJapanWithin30Days?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Year the author died (omit while the author lives).' }) @Limit(RULES.deathYear) authorDeathYear?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Published under a corporate name.' }) isCorporateWork?: boolean | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the content, lowercase hex; opt-out checks match on it.' }) contentHash?: string | null;
  @Field(() => String, { nullable: true, description: 'Canonical URL.' }) @Limit(RULES.url) canonicalUrl?: string | null;
}

@InputType({ description: 'An AI system to register.' })
export class AiSystemInput {
  @Field({ description: 'Name of the system or model.' }) @Limit({ maxLength: 300 }) name: string;
  @Field(() => Modality, { description: 'What it produces.' }) modality: Modality;
  @Field(() => Purpose, { description: 'Purpose tier.' }) purpose: Purpose;
  @Field({ description: 'Training ran on a server in Japan.' }) trainingServerInJapan: boolean;
  @Field({ description: 'Outputs are served to users in Japan.' }) servesJapaneseUsers: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Uses retrieval-augmented generation.' }) usesRag?: boolean | null;
}
