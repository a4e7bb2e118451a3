import { MigrationInterface, QueryRunner } from 'typeorm';

/** redeliverWebhook: how many times a delivery was sent again, and when the latest round began. */
export class WebhookRedelivery1796016160000 implements MigrationInterface {
  name = 'WebhookRedelivery1796016160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_delivery" ADD COLUMN "redeliveries" integer NOT NULL DEFAULT (0)`);
    await q.query(`ALTER TABLE "webhook_delivery" ADD COLUMN "redeliveredAt" datetime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_delivery" DROP COLUMN "redeliveredAt"`);
    await q.query(`ALTER TABLE "webhook_delivery" DROP COLUMN "redeliveries"`);
  }
}
