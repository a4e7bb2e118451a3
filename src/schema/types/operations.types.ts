import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../scalars';

@ObjectType({ simpleResolvers: true, description: 'ADMIN: a background job whose retries ran out (it sits in its queue\'s failed set). The reconciler tries it again, with backoff, while the case still needs it; after its ceiling it is left here.' })
export class FailedJob {
  @Field(() => String, { description: 'The queue (intake, screen, deadline, mail, webhook, mediation, maintenance …).' }) queue: string;
  @Field(() => ID, { description: 'The job\'s deterministic id, e.g. screen-<caseId> or serve-notice-<noticeId>.' }) jobId: string;
  @Field(() => String, { description: 'The job\'s name within its queue (intake, screen, serve-notice …).' }) name: string;
  @Field(() => String, { description: 'The error of its last attempt.' }) failedReason: string;
  @Field(() => Int, { description: 'Attempts made before it failed for good.' }) attemptsMade: number;
  @Field(() => DateTime, { nullable: true, description: 'When its last attempt failed.' }) finishedOn: Date | null;
}
