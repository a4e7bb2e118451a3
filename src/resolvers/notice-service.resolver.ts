import { ServiceChannel } from '../domain/enums';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { NoticeEntity, ServiceAttemptData } from '../persistence/entities/notice.entity';
import { fields } from '../policies';
import { Notice, ServiceAttempt } from '../schema/types/notice.types';

/** Notice.servedVia and Notice.serviceAttempts (the notice is visible to the case's viewers: src/policies). */
@Resolver(() => Notice)
export class NoticeServiceResolver {
  @FieldResolver(() => [ServiceChannel], { description: 'The channels the notice reached the respondent through.' })
  servedVia(@Root() notice: NoticeEntity): ServiceChannel[] {
    return [...new Set((notice.serviceAttempts ?? []).filter((a) => a.ok).map((a) => a.channel))];
  }

  @FieldResolver(() => [ServiceAttempt], { description: 'Every attempt to serve the notice, oldest first.' })
  serviceAttempts(@Root() notice: NoticeEntity): ServiceAttempt[] {
    return (notice.serviceAttempts ?? []).map((a: ServiceAttemptData) => ({
      channel: a.channel, at: new Date(a.at), ok: a.ok, error: fields.serviceAttemptError(a.error),
    }));
  }
}
