import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NotificationMailGroup } from '../../domain/notification-mail';

registerEnumType(NotificationMailGroup, {
  name: 'NotificationMailGroup',
  description: 'Groups of notifications an account may also receive by email (updateNotificationPreferences). Default: NOTICES and DEADLINES. '
    + 'The service of a notice on the respondent is mailed whatever the preferences say.',
  valuesConfig: {
    NOTICES: { description: 'A notice was served on the respondent, or could not be; a respondent record was claimed. On by default.' },
    DEADLINES: { description: 'Deadline reminders (7 days, 2 days, the same day) and windows that passed. On by default.' },
    RESPONSES: { description: 'The respondent\'s answer: accepted, contested, licence offered, no answer in time.' },
    NEGOTIATION: { description: 'Offers, blind bids, settlements, mediation requested, negotiation expired.' },
    MEDIATION: { description: 'Mediator assigned, case sent to a mediator\'s review, recommendation issued or accepted.' },
    REMEDY: { description: 'Remedy certified or disputed.' },
    CASE_CLOSED: { description: 'The case closed, whatever closed it.' },
    OTHER: { description: 'Everything else (evidence added by the other party …).' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'What an account receives by email besides the in-app notifications (myNotifications).' })
export class NotificationPreferences {
  @Field({ description: 'Notification mail at all; false: none (the service of a notice on a respondent is mailed all the same).' }) email: boolean;
  @Field(() => [NotificationMailGroup], { description: 'The groups mailed while `email` is true. Default: NOTICES and DEADLINES.' }) emailGroups: NotificationMailGroup[];
}
