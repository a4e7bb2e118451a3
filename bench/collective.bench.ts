import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app';
import { loadConfig } from '../src/config/env';
import { createLogger } from '../src/config/logger';
import { clearRedisPrefix, gql, Instance, waitUntil } from './support';

/**
 * A collective's complaint at the scale the framework grew from (issue 14 point 8): one filing for the works of
 * many principals, each of whom granted the collective a mandate over all its works. For 10 and for 500 principals
 * (one work each), through the API of an in-process instance (API + workers, SQLite, Redis): how long filing takes,
 * how long until the notice is served (FILED → SCREENING → NOTICE_SENT), and how many SQL statements each runs —
 * counted by the Database (countQueries), so the whole pass includes the relay's and the sweep's polling meanwhile.
 * The statements should not grow with the works beyond a constant. Prints figures; asserts nothing.
 */
export async function benchCollective(options: { sizes?: number[]; log?: (line: string) => void } = {}): Promise<Record<string, number>> {
  const sizes = options.sizes ?? [10, 500];
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'chotei-bench-collective-'));
  const prefix = `benchc${randomBytes(4).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const config = loadConfig({
    NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'bench.sqlite')}`, DATA_DIR: dir,
    REDIS_URL: redisUrl, REDIS_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent',
    EMAIL_VERIFICATION_REQUIRED: 'false', LOGIN_FAILURES_PER_ADDRESS: '100000',
  });
  const app = await startApp(config, { log: createLogger('silent'), countQueries: true });
  const url = app.url!;
  const figures: Record<string, number> = {};
  try {
    // As a client should: a SERVICE_UNAVAILABLE (the log-in throttle's Redis slow on a loaded machine) is retried after a pause.
    const signUp = async (input: Record<string, unknown>) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return (await gql(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token account { id firm { id } } } }', { input })).signUp;
        } catch (error) {
          if (attempt >= 10 || !String(error).includes('SERVICE_UNAVAILABLE')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    };
    const uniq = () => randomBytes(5).toString('hex');
    const firm = await signUp({ email: `firm-${uniq()}@bench.example`, password: 'bench firm password', displayName: 'Firm', role: 'AI_FIRM', locale: 'en',
      firm: { legalName: `Bench Models ${uniq()} Inc.`, country: 'JP', servesJapaneseUsers: true } });
    const system = (await gql(url, 'mutation { registerAiSystem(input: { name: "Bench Paint", modality: IMAGE, purpose: COMMERCIAL, trainingServerInJapan: true, servesJapaneseUsers: true }) { id } }', {}, firm.token)).registerAiSystem;
    const collective = await signUp({ email: `collective-${uniq()}@bench.example`, password: 'bench collective password', displayName: 'Collective', role: 'CREATOR', locale: 'ja',
      creator: { kind: 'COLLECTIVE', nationality: 'JP' } });

    for (const size of sizes) {
      // The principals: sign-up (a password hash each), one work, a mandate over all works — eight at a time.
      const t = performance.now();
      const principals: Array<{ id: string; workId: string }> = [];
      for (let start = 0; start < size; start += 8) {
        principals.push(...await Promise.all(Array.from({ length: Math.min(8, size - start) }, async () => {
          const p = await signUp({ email: `p-${uniq()}@bench.example`, password: 'bench principal password', displayName: 'Principal', role: 'CREATOR', locale: 'ja',
            creator: { kind: 'INDIVIDUAL', nationality: 'JP' } });
          const work = (await gql(url, `mutation { registerWork(input: { title: "Work ${uniq()}", kind: ILLUSTRATION, firstPublishedAt: "2021-04-01T00:00:00Z", firstPublicationCountry: "JP" }) { id } }`, {}, p.token)).registerWork;
          await gql(url, 'mutation($input: MandateInput!) { grantMandate(input: $input) { id } }', { input: { agentId: collective.account.id, allWorks: true } }, p.token);
          return { id: p.account.id as string, workId: work.id as string };
        })));
      }
      const setupSeconds = (performance.now() - t) / 1000;

      const before = app.db.counter.queries;
      const t0 = performance.now();
      const filed = (await gql(url, 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }', { input: {
        respondentFirmId: firm.account.firm.id, aiSystemId: system.id, workIds: principals.map((p) => p.workId), principalIds: principals.map((p) => p.id),
        claimType: 'OUTPUT_REPRODUCES_WORK', stage: 'GENERATION', requestedRemedies: ['OUTPUT_FILTER'], statement: 'Outputs reproduce our members\' works.', goodFaithDeclaration: true,
        facts: { workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true },
      } }, collective.token)).fileComplaint;
      const filingMs = performance.now() - t0;
      const filingStatements = app.db.counter.queries - before;
      let status = '';
      await waitUntil(async () => {
        status = (await gql(url, 'query($id: ID!) { case(id: $id) { status } }', { id: filed.id }, collective.token)).case.status;
        return status !== 'FILED' && status !== 'SCREENING';
      }, 600_000, 20);
      const passMs = performance.now() - t0;
      const passStatements = app.db.counter.queries - before;
      figures[`filing_ms_${size}`] = filingMs;
      figures[`pass_ms_${size}`] = passMs;
      figures[`filing_statements_${size}`] = filingStatements;
      figures[`pass_statements_${size}`] = passStatements;
      log(`collective complaint, ${size} principals × 1 work (setup ${setupSeconds.toFixed(1)} s): filing ${filingMs.toFixed(0)} ms, ${filingStatements} SQL statements; `
        + `filed → ${status} ${(passMs / 1000).toFixed(2)} s, ${passStatements} statements in all`);
    }
    return figures;
  } finally {
    await app.close();
    await clearRedisPrefix({ env: { REDIS_PREFIX: prefix, REDIS_URL: redisUrl } } as unknown as Instance).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchCollective().then(() => process.exit(0), (error) => {
    console.error(error);
    process.exit(1);
  });
}
