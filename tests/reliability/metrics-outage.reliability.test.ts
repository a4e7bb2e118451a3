import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { PrivateRedis, REDIS_SERVER } from './support';

/**
 * GET /metrics while Redis is away (SIGKILL of a private redis-server): it answers at once, with the figures it can
 * read (the database's: cases, outbox) and without the queue depth, which `chotei_scrape_source_up` says is missing;
 * when Redis is back the queue depth returns by itself. Skipped where redis-server is not installed.
 */
describe.skipIf(!REDIS_SERVER)('/metrics during a Redis outage', () => {
  let redis: PrivateRedis;
  let app: TestApp;
  let url: string;

  const scrape = async () => {
    const started = performance.now();
    const res = await fetch(url);
    const text = await res.text();
    const line = (name: string) => new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? null;
    return { ms: performance.now() - started, status: res.status, text, line };
  };

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await startTestApp({ REDIS_URL: redis.url, STORAGE_MIN_FREE_MB: '0' });
    url = app.url.replace('/graphql', '/metrics');
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.destroy();
  });

  it('answers within the scrape timeout, leaving out the queue depth and saying so; it returns with Redis', async () => {
    const up = await scrape();
    expect(up.line('chotei_scrape_source_up{source="queueDepth"}')).toBe('1');
    expect(up.line('chotei_queue_jobs{queue="intake",state="waiting"}')).not.toBeNull();

    await redis.stop(true);
    // Past the 2 s during which scrapes share one reading.
    const down = await waitFor(async () => {
      const s = await scrape();
      return s.line('chotei_scrape_source_up{source="queueDepth"}') === '0' && s;
    }, 'the queue depth to be reported missing', 10_000, 250);
    expect(down.status).toBe(200);
    expect(down.ms).toBeLessThan(1_500);
    expect(down.line('chotei_queue_jobs{queue="intake",state="waiting"}')).toBeNull();
    expect(down.line('chotei_scrape_source_up{source="casesByStatus"}')).toBe('1');
    expect(down.line('chotei_cases{status="FILED"}')).toBe('0');
    for (let i = 0; i < 3; i += 1) expect((await scrape()).ms).toBeLessThan(1_500);

    await redis.restart();
    await waitFor(async () => (await scrape()).line('chotei_scrape_source_up{source="queueDepth"}') === '1', 'the queue depth to return', 20_000, 250);
  });
});
