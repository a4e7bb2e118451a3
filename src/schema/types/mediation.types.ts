import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { RecommendationFinding, Remedy, MediationChannel } from '../../domain/enums';
import { DateTime, SafeInt } from '../scalars';

registerEnumType(MediationChannel, {
  name: 'MediationChannel', description: 'How a mediation session is held.',
  valuesConfig: {
    VIDEO: { description: 'Video call.' },
    PHONE: { description: 'Telephone.' },
    IN_PERSON: { description: 'In person.' },
    WRITTEN: { description: 'In writing (exchange of statements).' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A mediator\'s private note on a case. Only the assigned mediator and admins ever see notes.' })
export class MediatorNote {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field({ description: 'The note.' }) text: string;
  @Field(() => ID, { description: 'The mediator or admin who wrote it.' }) authorId: string;
  @Field(() => DateTime, { description: 'When it was written.' }) createdAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A scheduled mediation session; the parties and the mediator see it.' })
export class MediationSession {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => DateTime, { description: 'When it takes place.' }) scheduledAt: Date;
  @Field(() => MediationChannel, { description: 'How it is held.' }) channel: MediationChannel;
  @Field(() => ID, { description: 'Who scheduled it.' }) createdById: string;
  @Field(() => DateTime, { description: 'When it was scheduled.' }) createdAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A mediator\'s recommendation and each party\'s answer. Both accepting moves the case to REMEDY_IN_PROGRESS; a rejection refers it.' })
export class Recommendation {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => RecommendationFinding, { description: 'The mediator\'s finding.' }) finding: RecommendationFinding;
  @Field(() => [Remedy], { description: 'Remedies recommended.' }) remedies: Remedy[];
  @Field(() => SafeInt, { nullable: true, description: 'Amount recommended, whole yen.' }) amountJpy: number | null;
  @Field({ description: 'Why: the mediator\'s reasoning.' }) reasoning: string;
  @Field(() => ID, { description: 'The mediator (or admin) who issued it.' }) mediatorId: string;
  @Field(() => DateTime, { nullable: true, description: 'When the complainant accepted it.' }) acceptedByComplainantAt: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'When the respondent firm accepted it.' }) acceptedByRespondentAt: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'When a party rejected it (the case was referred).' }) rejectedAt: Date | null;
  @Field(() => DateTime, { description: 'When it was issued.' }) createdAt: Date;
}
