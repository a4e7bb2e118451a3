import type { CaseStatus } from '../domain/enums';
import type { Database } from '../persistence/database';
import * as cases from '../persistence/repositories/case.repository';
import * as outbox from '../persistence/repositories/outbox.repository';

/**
 * What an operator's dashboard reads from the database at scrape time (GET /metrics, src/infra/metrics):
 * the outbox lag and the cases per status. Reads only, on the read connection; no viewer (the figures are
 * counts, never rows).
 */
export class OperationsService {
  constructor(private readonly db: Database) {}

  /** Outbox rows not yet handed to BullMQ, and the age in seconds of the oldest (0 when none). */
  async outboxLag(now: Date): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const { pending, oldestCreatedAt } = await outbox.undispatchedLag(this.db.reads);
    return { pending, oldestAgeSeconds: oldestCreatedAt ? Math.max(0, (now.getTime() - oldestCreatedAt.getTime()) / 1000) : 0 };
  }

  /** Cases per status (statuses with none are absent). */
  casesByStatus(): Promise<Partial<Record<CaseStatus, number>>> {
    return cases.caseCountsByStatus(this.db.reads);
  }
}
