import { Field, ID, Int, ObjectType } from 'type-graphql';
import { RightsHolderRole, WorkKind } from '../../domain/enums';
import { DateTime } from '../scalars';
import { Connection } from './connection';

@ObjectType({ simpleResolvers: true, description: 'An author of a work, recorded apart from the account that holds rights in it.' })
export class Author {
  @Field({ description: 'Name, pseudonym or corporate name.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Nationality (ISO 3166-1 alpha-2); null when stateless or not known.' }) nationality: string | null;
  @Field(() => String, { nullable: true, description: 'Country of habitual residence (ISO 3166-1 alpha-2), or a corporate author\'s principal office.' }) habitualResidence: string | null;
  @Field(() => Int, { nullable: true, description: 'Year of death; null while living or not known.' }) deathYear: number | null;
  @Field({ description: 'Made public anonymously or under a pseudonym that is not well known (Art. 52).' }) anonymous: boolean;
  @Field({ description: 'A juridical person is the author (Arts. 15, 53).' }) corporate: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'A registered work of a creator.' })
export class Work {
  @Field(() => ID, { description: 'Identifier; complaints name it in workIds.' }) id: string;
  @Field({ description: 'Title.' }) title: string;
  @Field(() => WorkKind, { description: 'Kind of work.' }) kind: WorkKind;
  @Field(() => DateTime, { nullable: true, description: 'First publication.' }) firstPublishedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Country of first publication (ISO 3166-1 alpha-2).' }) firstPublicationCountry: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Also published in Japan within 30 days of first publication abroad (Art. 6(ii)).' }) publishedInJapanWithin30Days: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Year the author died, for the term of protection.' }) authorDeathYear: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Published under a corporate name (term counted from publication).' }) isCorporateWork: boolean | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the content, lowercase hex.' }) contentHash: string | null;
  @Field(() => String, { nullable: true, description: 'Canonical URL.' }) canonicalUrl: string | null;
  @Field(() => DateTime, { description: 'When it was registered.' }) createdAt: Date;
  @Field(() => RightsHolderRole, { description: 'In what role the registering account holds rights in the work.' }) holderRole: RightsHolderRole;
}

export const WorkConnection = Connection(Work, 'Work', 'work');
