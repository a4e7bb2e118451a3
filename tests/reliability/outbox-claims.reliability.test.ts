import { IsNull, Not } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/env';
import { createLogger } from '../../src/config/logger';
import { QueueName } from '../../src/domain/queues';
import { OutboxRelay } from '../../src/jobs/outbox-relay';
import { QueueRegistry } from '../../src/jobs/queue-registry';
import { redisConnection } from '../../src/jobs/redis';
import { Database } from '../../src/persistence/database';
import { OutboxEntity } from '../../src/persistence/entities';
import { freshDatabase, waitFor } from '../support/harness';
import { PrivateRedis, REDIS_SERVER } from './support';

/** The BullMQ queues of one relay, noting every job id the relay hands to BullMQ (the queues themselves are real). */
class CountingQueues extends QueueRegistry {
  readonly sent: string[] = [];
  private readonly counted = new Set<string>();

  override get(name: string) {
    const queue = super.get(name);
    if (!this.counted.has(name)) {
      this.counted.add(name);
      const addBulk = queue.addBulk.bind(queue);
      queue.addBulk = async (jobs) => {
        this.sent.push(...jobs.map((j) => String(j.opts?.jobId)));
        return addBulk(jobs);
      };
    }
    return queue;
  }
}

/**
 * The outbox relay claims rows before it sends them: several relays (each with its own Redis connection;
 * on PostgreSQL each with its own connection pool, as separate processes have) never send the same row,
 * and a row is stamped dispatched only once BullMQ has its job.
 */
describe.skipIf(!REDIS_SERVER)('the outbox relay', () => {
  let redis: PrivateRedis;
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  const dbs: Database[] = [];
  const connections: Redis[] = [];
  const relays: OutboxRelay[] = [];
  const registries: CountingQueues[] = [];
  const log = createLogger('silent');
  const prefix = `oc${Date.now().toString(36)}`;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    fresh = await freshDatabase();
    const config = loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, JWT_SECRET: 'x'.repeat(40) });
    dbs.push(await Database.open(config));
    // PostgreSQL: three pools, as three processes have. SQLite: better-sqlite3 waits for the file's write lock
    // synchronously, so two writers in ONE process would wait on each other's event loop; the relays of one
    // process share its one writer (processes each have their own), which serialises their claims the same way.
    for (let i = 1; i < 3; i += 1) dbs.push(config.database.kind === 'postgres' ? await Database.open(config, { migrate: false }) : dbs[0]);
    for (const db of dbs) {
      const connection = redisConnection(redis.url);
      connection.on('error', () => undefined); // the outage test stops Redis on purpose
      connections.push(connection);
      const queues = new CountingQueues(connection, prefix);
      registries.push(queues);
      relays.push(new OutboxRelay(db, queues, log, 20));
    }
  });
  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    for (const queues of registries) await queues.close().catch(() => undefined);
    for (const c of connections) c.disconnect();
    for (const db of new Set(dbs)) await db.close();
    await fresh?.drop();
    await redis?.destroy();
  });

  const write = (db: Database, ids: string[]) => db.transaction(async (tx) => {
    for (const jobId of ids) await tx.enqueue({ queue: QueueName.INTAKE, name: 'intake', jobId, payload: { caseId: jobId } });
  });
  const undispatched = async (ids: string[]) => {
    dbs[0].freshReads();
    const rows = await dbs[0].reads.em.find(OutboxEntity, { where: { dispatchedAt: IsNull() } });
    return rows.filter((r) => ids.includes(r.jobId));
  };

  it('has three relays over one database send each of 1,200 rows exactly once', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => `claims-${i}`);
    await write(dbs[0], ids.slice(0, 600));
    await write(dbs[1], ids.slice(600));
    for (const relay of relays) relay.start();
    await waitFor(async () => (await undispatched(ids)).length === 0, 'every row dispatched', 30_000);

    const sent = registries.flatMap((r) => r.sent).filter((id) => id.startsWith('claims-'));
    expect(sent).toHaveLength(ids.length);
    expect(new Set(sent).size).toBe(ids.length);
    // More than one relay did the work (they shared it rather than all sending everything).
    expect(registries.filter((r) => r.sent.some((id) => id.startsWith('claims-'))).length).toBeGreaterThan(1);
    const counts = await registries[0].get(QueueName.INTAKE).getJobCounts('waiting');
    expect(counts.waiting).toBe(ids.length);
  });

  it('stamps a row dispatched only once BullMQ has its job (Redis away: claimed, not dispatched)', async () => {
    await redis.stop();
    const ids = ['outage-1', 'outage-2', 'outage-3'];
    await write(dbs[2], ids);
    // A relay claims them and waits for Redis; nothing is stamped dispatched meanwhile.
    await waitFor(async () => {
      dbs[0].freshReads();
      const rows = await dbs[0].reads.em.find(OutboxEntity, { where: { claimedBy: Not(IsNull()) } });
      return ids.every((id) => rows.some((r) => r.jobId === id));
    }, 'a relay to claim the rows', 10_000);
    expect(await undispatched(ids)).toHaveLength(ids.length);

    await redis.restart();
    await waitFor(async () => (await undispatched(ids)).length === 0, 'the rows dispatched once Redis is back', 30_000);
    for (const id of ids) expect(await registries[0].get(QueueName.INTAKE).getJob(id)).toBeTruthy();
  });
});
