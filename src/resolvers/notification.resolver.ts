import { WebhookDeliveryStatus } from '../domain/enums';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ArgLimits, RULES } from '../schema/validation/rules';
import type { AiFirmEntity, NotificationEntity, WebhookDeliveryEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { AiFirm } from '../schema/types/account.types';
import { toConnection } from '../schema/types/connection';
import {
  Notification, NotificationConnection, WebhookAttempt, WebhookDelivery, WebhookDeliveryConnection, WebhookSecretPayload,
} from '../schema/types/notification.types';
import { presentedTo } from '../policies/context';
import { fields } from '../policies';
import { notificationTitle } from '../infra/i18n/i18n';

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first: what happened on your cases that you must know or act on.' })
  async myNotifications(
    @Arg('unreadOnly', () => Boolean, { nullable: true, description: 'Only those not yet marked read.' }) unreadOnly: boolean | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from the previous page.' }) after: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return toConnection(await services.notifications.myNotifications(ctx, { unreadOnly, first, after }));
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@Ctx() { ctx, services }: GraphQLContext) {
    return services.notifications.unreadCount(ctx);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read — the ones named, or all — and answers how many were unread.' })
  @ArgLimits({ ids: { maxItems: 500 } })
  markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true, description: 'The notifications to mark read (at most 500).' }) ids: string[] | null,
    @Arg('all', () => Boolean, { nullable: true, description: 'Mark every notification read instead.' }) all: boolean | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.notifications.markRead(ctx, { ids, all });
  }

  @FieldResolver(() => Boolean, { description: 'True once marked read.' })
  read(@Root() row: NotificationEntity): boolean {
    return row.readAt != null;
  }

  @FieldResolver(() => String, { description: 'What happened, in one line in your language (Accept-Language, then your account\'s locale): the same line as the notification mail.' })
  title(@Root() row: NotificationEntity, @Ctx() { ctx }: GraphQLContext): string {
    return notificationTitle(ctx.locale, row.type, row.payload?.status);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookResolver {
  @Query(() => WebhookDeliveryConnection, { description: 'AI_FIRM: webhook messages to your endpoint, newest first, each with its attempts.' })
  async webhookDeliveries(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from the previous page.' }) after: string | null,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' }) status: WebhookDeliveryStatus | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return toConnection(await services.webhooks.deliveries(ctx, { first, after, status }));
  }

  @Mutation(() => WebhookSecretPayload, { description: 'AI_FIRM: makes a new webhook signing secret and shows it this once; deliveries from now on are signed with it.' })
  async rotateWebhookSecret(@Ctx() { ctx, services }: GraphQLContext) {
    return { secret: await services.webhooks.rotateSecret(ctx) };
  }

  @Mutation(() => AiFirm, { description: 'AI_FIRM: sets your webhook URL (https or http; public addresses only outside development), or removes it with null.' })
  @ArgLimits({ url: RULES.url })
  updateWebhookUrl(
    @Arg('url', () => String, { nullable: true, description: 'Where to POST notifications; null removes the webhook.' }) url: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.webhooks.updateUrl(ctx, url);
  }

  @Mutation(() => WebhookDelivery, { description: 'AI_FIRM: sends one of your deliveries again (DELIVERED or FAILED; a PENDING one is on its way already: CONFLICT) — the same body and webhook-id, to your current URL, signed afresh; its attempts are added to the delivery\'s.' })
  redeliverWebhook(
    @Arg('deliveryId', () => ID, { description: 'The delivery to send again (webhookDeliveries).' }) deliveryId: string,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.webhooks.redeliver(ctx, deliveryId);
  }

  @Mutation(() => WebhookDelivery, { description: 'AI_FIRM: sends a test event (type "ping", data { test: true }) to your webhook URL, signed and recorded like any delivery; without a URL: BAD_USER_INPUT.' })
  pingWebhook(@Ctx() { ctx, services }: GraphQLContext) {
    return services.webhooks.ping(ctx);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The case it is about.' })
  caseId(@Root() row: WebhookDeliveryEntity): string | null {
    return (row.body?.caseId as string | null | undefined) ?? null;
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attempts(@Root() row: WebhookDeliveryEntity): WebhookAttempt[] {
    return (row.attempts ?? []).map((a) => ({ ...a, at: new Date(a.at), error: fields.webhookAttemptError(a.error) }));
  }
}

@Resolver(() => AiFirm)
export class AiFirmWebhookResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Where notifications are POSTed as signed webhooks. Shown to the firm itself and admins only.' })
  webhookUrl(@Root() firm: AiFirmEntity, @Ctx() { ctx }: GraphQLContext): string | null {
    return fields.firmWebhookUrl(presentedTo(ctx), firm);
  }
}
