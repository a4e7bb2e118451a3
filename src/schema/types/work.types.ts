import { Field, ID, Int, ObjectType } from 'type-graphql';
import { WorkKind } from '../../domain/enums';
import { DateTime } from '../scalars';
import { Connection } from './connection';

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
}

export const WorkConnection = Connection(Work, 'Work', 'work');
