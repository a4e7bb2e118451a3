import { WebhookDeliveryStatus } from '../../domain/enums';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/** One webhook message to a firm, with its delivery attempts. */
@Entity('webhook_delivery')
@Index(['firmId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) firmId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) notificationId: string | null;
  @Column({ type: 'varchar', length: 64 }) eventType: string;
  @Column({ type: 'varchar', length: 2000 }) url: string;
  @JsonColumn() body: Record<string, any>;
  /** PENDING, DELIVERED or FAILED (gave up after 24 hours). */
  @Column({ type: 'varchar', length: 12 }) status: WebhookDeliveryStatus;
  @JsonColumn() attempts: Array<{ at: string; statusCode: number | null; error: string | null; durationMs: number }>;
  @DateColumn({ nullable: true }) deliveredAt: Date | null;
  /** How many times the firm had it sent again (redeliverWebhook); names the job of each round. */
  @Column({ type: 'integer', default: 0 }) redeliveries: number;
  /** When the latest redelivery was asked for: the 24-hour retry window of that round starts there. */
  @DateColumn({ nullable: true }) redeliveredAt: Date | null;
  @CreatedAt() createdAt: Date;
}
