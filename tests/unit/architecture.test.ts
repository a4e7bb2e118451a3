import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseEffect, TRANSITION_EFFECTS, EVENT_EFFECTS } from '../../src/domain/case/effects';

/**
 * The layering of ARCHITECTURE.md that an import checker cannot see (the
 * import rules themselves run as `npm run lint:imports`, before the tests):
 * data access spelled inside the layers above the repositories.
 */
const ROOT = join(__dirname, '..', '..');
const filesUnder = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** What only src/persistence may write: the ORM's handles, query builders, raw SQL calls, the engine's helpers. */
const DATA_ACCESS = /\bEntityManager\b|createQueryBuilder|getRepository|\btx\.query\(|\.em\b|db\.reader\b|\breadRows\b|\breadJoined\b|\bwriteRows\b|\bsqlText\b|\brunSql\b|from 'typeorm'|kind === 'postgres'/;

describe('one way to the data', () => {
  for (const layer of ['src/services', 'src/jobs', 'src/resolvers', 'src/graphql', 'src/http', 'src/policies', 'src/infra']) {
    it(`${layer} holds no SQL and no ORM call (repositories do)`, () => {
      const offending = filesUnder(layer).flatMap((file) => readFileSync(join(ROOT, file), 'utf8').split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line.trim() }))
        .filter(({ text }) => !text.startsWith('*') && !text.startsWith('//') && DATA_ACCESS.test(text)));
      expect(offending.map((o) => `${relative(ROOT, join(ROOT, o.file))}:${o.line}: ${o.text}`)).toEqual([]);
    });
  }

  it('works and opt-outs are only inserted (and opt-outs withdrawn): what the SQLite hash index of checkOptOuts relies on', () => {
    // src/persistence/sqlite/README.md "The content-hash index": new rows are found by rowid, and a work's hash and owner,
    // an opt-out's work, owner and allWorks flag never change. A delete or such an update must teach the index first.
    const changes = filesUnder('src').flatMap((file) => readFileSync(join(ROOT, file), 'utf8').split('\n')
      .map((line, i) => ({ at: `${file}:${i + 1}`, text: line.trim() }))
      .filter(({ text }) => /(DELETE FROM|UPDATE) "(work|opt_out)"|\.(delete|remove|update|save|upsert)\((WorkEntity|OptOutEntity)\b|update\((WorkEntity|OptOutEntity)\)/.test(text)));
    expect(changes.map((c) => c.at)).toEqual([expect.stringMatching(/^src\/persistence\/repositories\/opt-out\.repository\.ts:\d+$/)]);
    const withdraw = readFileSync(join(ROOT, 'src/persistence/repositories/opt-out.repository.ts'), 'utf8');
    expect(withdraw).toMatch(/update\(OptOutEntity\)\.set\(\{ withdrawnAt: now \}\)/);
  });

  it('src/config holds only environment parsing and the logger', () => {
    expect(readdirSync(join(ROOT, 'src/config')).sort()).toEqual(['env.ts', 'logger.ts']);
  });

  it('no service subscribes to the workflow: what a change sets off is the effects table', () => {
    const subscribing = filesUnder('src/services').filter((file) => /\.(onTransition|onEvents)\(|register\(workflow\)/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(subscribing).toEqual([]);
  });

  it('every effect of the table is listed once, for events or for moves', () => {
    const listed = [...EVENT_EFFECTS, ...TRANSITION_EFFECTS.map((r) => r.effect)];
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(Object.values(CaseEffect).sort());
  });
});
