import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 (tracing): the W3C traceparent of the span that wrote an outbox row (null when tracing is off or
 * nothing was traced), so the relay hands it to the job and the job's span continues the request's trace.
 */
export class OutboxTraceparent1796016300000 implements MigrationInterface {
  name = 'OutboxTraceparent1796016300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" ADD COLUMN "traceparent" varchar(55)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "traceparent"`);
  }
}
