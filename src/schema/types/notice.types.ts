import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import { NoticeResponseKind, ServiceChannel } from '../../domain/enums';
import { DateTime } from '../scalars';

registerEnumType(ServiceChannel, {
  name: 'ServiceChannel', description: 'How a notice is served on the respondent.',
  valuesConfig: {
    API: { description: 'In Chōtei: the enrolled firm reads it through the API (served when sent).' },
    WEBHOOK: { description: 'POSTed to the enrolled firm\'s webhook URL.' },
    EMAIL: { description: 'By email: the contact address of a firm not on Chōtei, or the account\'s address of an enrolled firm.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One attempt to serve a notice on one channel.' })
export class ServiceAttempt {
  @Field(() => ServiceChannel, { description: 'The channel tried.' }) channel: ServiceChannel;
  @Field(() => DateTime, { description: 'When it was tried.' }) at: Date;
  @Field({ description: 'true: the notice reached the respondent this way.' }) ok: boolean;
  @Field(() => String, { nullable: true, description: 'Why it failed, in neutral words (an SMTP reply code, never host names or addresses); null when it worked.' }) error: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The notice a firm received: complaint summary, assessment and its answer.' })
export class Notice {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => DateTime, { description: 'When the firm got it.' }) sentAt: Date;
  @Field(() => DateTime, { nullable: true, description: 'When the firm acknowledged it.' }) acknowledgedAt: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'When the firm answered.' }) respondedAt: Date | null;
  @Field(() => NoticeResponseKind, { nullable: true, description: 'How the firm answered.' }) responseKind: NoticeResponseKind | null;
  @Field(() => String, { nullable: true, description: 'The firm\'s statement.' }) responseStatement: string | null;
  @Field(() => DateTime, { nullable: true, description: 'The first successful service on any channel; null while the notice has not reached the respondent. For a firm not on Chōtei the response windows run from here.' }) servedAt: Date | null;
  @Field(() => [ServiceChannel], { description: 'The channels the notice reached the respondent through.' }) servedVia: ServiceChannel[];
  @Field(() => [ServiceAttempt], { description: 'Every attempt to serve the notice, oldest first.' }) serviceAttempts: ServiceAttempt[];
  @Field(() => JSONObjectResolver, { description: 'Complaint summary: reference, claim, works, requested remedies, assessment.' }) summary: Record<string, unknown>;
}
