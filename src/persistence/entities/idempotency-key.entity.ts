import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, JsonColumn } from './columns';

/** Where a request with an Idempotency-Key stands: running now, or done with its answer kept. */
export type IdempotencyStatus = 'RUNNING' | 'DONE';

/** The answer kept for replays: the HTTP status and the GraphQL body (data and errors, without request ids). */
export interface StoredResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: ReadonlyArray<Record<string, unknown>> };
}

/**
 * A client's Idempotency-Key (header on POST /graphql), per account: the first request
 * with the key runs, a retry with the same request gets the kept answer without running
 * again (src/graphql/idempotency.ts, src/services/idempotency.service.ts). Rows older
 * than IDEMPOTENCY_TTL count as absent and are deleted.
 */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_idempotency_key' }) accountId: string;
  /** The client's key: 1 to 255 printable ASCII characters. */
  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'PK_idempotency_key' }) key: string;
  /** SHA-256 (hex) of the operation name, the printed document and the variables: a retry must send the same request. */
  @Column({ type: 'varchar', length: 64 }) requestHash: string;
  @Column({ type: 'varchar', length: 16 }) status: IdempotencyStatus;
  /** The answer, once DONE. */
  @JsonColumn({ nullable: true }) response: StoredResponse | null;
  @Index('IDX_idempotency_key_created') @CreatedAt() createdAt: Date;
}
