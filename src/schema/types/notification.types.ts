import { WebhookDeliveryStatus } from '../../domain/enums';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import { DateTime } from '../scalars';
import { Connection } from './connection';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet answered with 2xx; retried with exponential backoff for 24 hours.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Gave up: no 2xx within 24 hours (or the webhook URL was removed).' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Something you must know or act on, usually a case event. Carries ids and event types only: open the case for the details.' })
export class Notification {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field({ description: 'What happened: the case event type (NOTICE_SENT, OFFER_MADE, DEADLINE_REMINDER …).' }) type: string;
  @Field(() => ID, { nullable: true, description: 'The case it is about, when it is about one.' }) caseId: string | null;
  @Field(() => JSONObjectResolver, { description: 'Ids and event types (caseId, caseReference, eventSeq, eventType, status, offerId, deadlineId …); never statements, amounts or personal data.' })
  payload: Record<string, unknown>;
  @Field({ description: 'True once marked read.' }) read: boolean;
  @Field(() => DateTime, { nullable: true, description: 'When it was marked read.' }) readAt: Date | null;
  @Field(() => DateTime, { description: 'When it happened.' }) createdAt: Date;
}

export const NotificationConnection = Connection(Notification, 'Notification', 'notification');

@ObjectType({ simpleResolvers: true, description: 'One try at delivering a webhook.' })
export class WebhookAttempt {
  @Field(() => DateTime, { description: 'When the attempt started (the t of its Chotei-Signature).' }) at: Date;
  @Field(() => Int, { nullable: true, description: 'HTTP status the endpoint answered; null when there was no answer.' }) statusCode: number | null;
  @Field(() => String, { nullable: true, description: 'Why it failed (HTTP status, timeout, refused address …); null when delivered.' }) error: string | null;
  @Field(() => Int, { description: 'How long the attempt took, in milliseconds.' }) durationMs: number;
}

@ObjectType({ simpleResolvers: true, description: 'One webhook message to your endpoint, with every attempt to deliver it.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Delivery id: the body\'s id, the webhook-id and the Chotei-Delivery header, the same on every attempt and redelivery. Deduplicate on it: a message may arrive more than once.' }) id: string;
  @Field({ description: 'The event type (the body\'s type).' }) eventType: string;
  @Field(() => ID, { nullable: true, description: 'The case it is about.' }) caseId: string | null;
  @Field({ description: 'The URL of the latest attempt.' }) url: string;
  @Field(() => WebhookDeliveryStatus, { description: 'PENDING, DELIVERED or FAILED.' }) status: WebhookDeliveryStatus;
  @Field(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' }) attempts: WebhookAttempt[];
  @Field(() => JSONObjectResolver, { description: 'The JSON body sent: { id, type, caseId, occurredAt, data } with ids only.' }) body: Record<string, unknown>;
  @Field(() => DateTime, { nullable: true, description: 'When the endpoint answered 2xx.' }) deliveredAt: Date | null;
  @Field(() => DateTime, { description: 'When the message was created.' }) createdAt: Date;
  @Field(() => Int, { description: 'How many times you had it sent again with redeliverWebhook.' }) redeliveries: number;
  @Field(() => DateTime, { nullable: true, description: 'When you last asked for it to be sent again (its retries run for 24 hours from then).' }) redeliveredAt: Date | null;
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery', 'webhook delivery');

@ObjectType({ simpleResolvers: true, description: 'A new webhook signing secret. It is shown this once: store it to verify webhook-signature (Standard Webhooks) or Chotei-Signature.' })
export class WebhookSecretPayload {
  @Field({ description: 'whsec_ + standard base64 of the key bytes: pass it as it is to a Standard Webhooks library (new Webhook(secret).verify(rawBody, headers)). Chotei-Signature is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> keyed with this whole string, as Stripe signs: stripe.webhooks.constructEvent(rawBody, chotei-signature header, secret) verifies it.' }) secret: string;
}
