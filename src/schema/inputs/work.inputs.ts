import { Field, ID, InputType, Int } from 'type-graphql';
import { Limit, RULES } from '../validation/rules';
import { Modality, Purpose, RightsHolderRole, WorkKind } from '../../domain/enums';
import { DateTime } from '../scalars';

@InputType({ description: 'One author of a work, recorded apart from the account that holds rights in it: Art. 6, the term (Arts. 51-58), Art. 58 and the wartime extension look at the authors.' })
export class AuthorInput {
  @Field({ description: 'The author\'s name (or pseudonym, or the corporate name).' }) @Limit({ maxLength: 300 }) name: string;
  @Field(() => String, { nullable: true, description: 'Nationality, ISO 3166-1 alpha-2; omit for a stateless author or when unknown. For a corporate author, the country under whose law it was established.' })
  @Limit(RULES.countryCode) nationality?: string | null;
  @Field(() => String, { nullable: true, description: 'Country of habitual residence, ISO 3166-1 alpha-2 (Berne Art. 3(2): residence in a treaty country protects a stateless author or one from a country without a treaty link). For a corporate author, its principal office.' })
  @Limit(RULES.countryCode) habitualResidence?: string | null;
  @Field(() => Int, { nullable: true, description: 'Year the author died; omit while the author lives.' }) @Limit(RULES.deathYear) deathYear?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Made public anonymously or under a pseudonym that is not well known (Art. 52: the term runs from publication).' }) anonymous?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The author is a juridical person (Art. 15; the term runs from publication, Art. 53).' }) corporate?: boolean | null;
}

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
  @Field(() => [AuthorInput], { nullable: true, description: 'The authors (joint authors of a joint work), at most 50. Omit when you are the only author: authorDeathYear and isCorporateWork then describe you. Required when holderRole is not AUTHOR.' })
  @Limit({ maxItems: 50 }) authors?: AuthorInput[] | null;
  @Field(() => RightsHolderRole, { nullable: true, description: 'In what role you hold rights in the work (default AUTHOR).' }) holderRole?: RightsHolderRole | null;
  @Field(() => ID, { nullable: true, description: 'The original as a file you uploaded (POST /files): output samples added as evidence are triaged against it (images by perceptual hash, text by MinHash); the parties and mediator of a case over the work may download it.' }) referenceFileId?: string | null;
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
