import { WebhookDeliveryStatus } from '../domain/enums';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '../config/env';
import type { Database, Tx } from '../persistence/database';
import { AiFirmEntity, WebhookDeliveryEntity } from '../persistence/entities';
import { jobId, QueueName } from '../jobs/queues';
import type { RequestContext } from './context';
import { InputCheck, notFound } from '../domain/errors';
import { requireFirm } from './guards';
import { keysetAfter, Page, PageArgs, pageSize, toPage } from '../persistence/paging/keyset';
import { webhookUrlProblem } from './webhook-url';
import { insertRows } from '../persistence/sqlite/fast-write';
import { narrow, ownListScope, scopedQuery } from '../policies';


/** What a firm's endpoint receives (the JSON body). Ids and event types only. */
export interface WebhookBody {
  id: string;
  type: string;
  caseId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, base64url, with a recognisable prefix (49 characters). */
export const newWebhookSecret = () => WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url');

/**
 * A firm's webhook endpoint: its URL (checked against the SSRF policy), its
 * signing secret (rotatable, shown once) and the deliveries with every attempt.
 *
 * The secret: a firm that gives a webhookUrl (at sign-up or later) gets a
 * secret generated for it no later than the first delivery — sign-up cannot
 * show it, so a firm calls rotateWebhookSecret once to obtain the secret it
 * verifies signatures with. Deliveries are signed with the secret current at
 * the moment of each attempt.
 */
export class WebhookService {
  constructor(private readonly db: Database, private readonly config: Config) {}

  /** The SSRF policy on a URL as written; null when acceptable. AccountService uses it for sign-up. */
  readonly urlProblem = (url: string): string | null => webhookUrlProblem(url, this.config.allowPrivateWebhooks);

  /** AI_FIRM: a new signing secret, returned once; deliveries from now on are signed with it. */
  async rotateSecret(ctx: RequestContext): Promise<string> {
    const viewer = requireFirm(ctx);
    const secret = newWebhookSecret();
    await this.db.transaction(async (tx) => {
      const result = await tx.em.update(AiFirmEntity, { id: viewer.firmId }, { webhookSecret: secret });
      if (result.affected === 0) throw notFound('AI firm', viewer.firmId);
    });
    return secret;
  }

  /** AI_FIRM: sets (or with null removes) the webhook URL. A secret is generated if the firm has none yet (rotate to see it). */
  async updateUrl(ctx: RequestContext, url: string | null | undefined): Promise<AiFirmEntity> {
    const viewer = requireFirm(ctx);
    const value = url?.trim() ? url.trim() : null;
    if (value) {
      const problem = this.urlProblem(value);
      new InputCheck('url').check(!problem, 'url', problem ?? '').throwIfAny();
    }
    return this.db.transaction(async (tx) => {
      const firm = await tx.em.findOne(AiFirmEntity, { where: { id: viewer.firmId } });
      if (!firm) throw notFound('AI firm', viewer.firmId);
      const changes: Partial<AiFirmEntity> = { webhookUrl: value };
      if (value && !firm.webhookSecret) changes.webhookSecret = newWebhookSecret();
      await tx.em.update(AiFirmEntity, { id: firm.id }, changes);
      return Object.assign(firm, changes);
    });
  }

  /** AI_FIRM: the firm's deliveries, newest first, each with its attempts. */
  async deliveries(ctx: RequestContext, args: PageArgs & { status?: WebhookDeliveryStatus | null }): Promise<Page<WebhookDeliveryEntity>> {
    const own = ownListScope(ctx, 'webhookDeliveries');
    const first = pageSize(args);
    const qb = scopedQuery(this.db.reader, WebhookDeliveryEntity, 'd', own.sql('d'));
    if (args.status) narrow(qb, 'd.status = :filterStatus', { filterStatus: args.status });
    keysetAfter(qb, 'd', 'webhook_delivery', args.after);
    const rows = await qb.orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'DESC').take(first + 1).getMany();
    return toPage(rows, first, 'webhook_delivery');
  }

  /**
   * Creates a PENDING delivery of one message to the firm's current URL and
   * the outbox job that delivers it (job id webhook-<deliveryId>). Makes sure
   * the firm has a signing secret. No-op (null) when the firm has no URL.
   */
  async enqueueDelivery(tx: Tx, firm: AiFirmEntity, message: { type: string; caseId: string | null; notificationId: string | null; occurredAt: Date; data: Record<string, unknown> }, now: Date): Promise<WebhookDeliveryEntity | null> {
    if (!firm.webhookUrl) return null;
    if (!firm.webhookSecret) {
      const secret = newWebhookSecret();
      await tx.em.createQueryBuilder().update(AiFirmEntity).set({ webhookSecret: secret })
        .where('id = :id AND webhookSecret IS NULL', { id: firm.id }).execute();
      firm.webhookSecret = secret;
    }
    const id = randomUUID();
    const body: WebhookBody = { id, type: message.type, caseId: message.caseId, occurredAt: message.occurredAt.toISOString(), data: message.data };
    const delivery = tx.em.create(WebhookDeliveryEntity, {
      id, firmId: firm.id, notificationId: message.notificationId, eventType: message.type, url: firm.webhookUrl, body,
      status: WebhookDeliveryStatus.PENDING, attempts: [], deliveredAt: null, createdAt: now,
    });
    await insertRows(tx.em, WebhookDeliveryEntity, [delivery]);
    await tx.enqueue({ queue: QueueName.WEBHOOK, name: 'deliver', jobId: jobId('webhook', id), payload: { deliveryId: id } });
    return delivery;
  }
}
