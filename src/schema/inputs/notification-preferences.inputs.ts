import { Field, InputType } from 'type-graphql';
import { Limit } from '../validation/rules';
import { NotificationMailGroup } from '../../domain/notification-mail';
import '../types/notification-preferences.types';

@InputType({ description: 'What to receive by email; a field left out stays as it was (give at least one).' })
export class NotificationPreferencesInput {
  @Field(() => Boolean, { nullable: true, description: 'Notification mail on (true) or off (false) as a whole.' }) email?: boolean | null;
  @Field(() => [NotificationMailGroup], { nullable: true, description: 'Replaces the groups mailed while email is on (an empty list: none).' })
  @Limit({ maxItems: 20 }) emailGroups?: NotificationMailGroup[] | null;
}
