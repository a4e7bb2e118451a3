import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerImportCommand } from '../../src/cli/import-opt-outs.command';
import { Role, OptOutChangeKind } from '../../src/domain/enums';
import { OptOutChangeEntity, OptOutEntity, OptOutImportEntity, WorkEntity } from '../../src/persistence/entities';
import { systemContext } from '../../src/policies/context';
import { ok } from '../support/client';
import { registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { startTestApp, TestApp } from '../support/harness';

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'chotei-import-'));
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const h = (s: string) => createHash('sha256').update(s).digest('hex');
const future = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const ctx = systemContext('test');

async function collective() {
  const email = `collective-${randomBytes(4).toString('hex')}@example.jp`;
  const created = await signUpCreator(app.url, { email }, { kind: 'COLLECTIVE', nationality: 'JP', principalOfficeCountry: 'JP' });
  return { ...created, email };
}

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('import-opt-outs', () => {
  it('imports the good rows, reports every bad row by line number and reason, and reuses the account\'s works by hash', async () => {
    const owner = await collective();
    const existing = await registerWork(app.url, owner.token, { contentHash: h('existing'), title: 'Already registered' });
    const eff = future();
    const path = file('mixed.csv', [
      'title,kind,contentHash,scope,signals,effectiveFrom,canonicalUrl', // 1
      `Harbour,MANGA,${h('a')},ALL_AI_TRAINING,,,https://example.jp/a`, // 2 good
      `Bad kind,SCULPTURE,${h('b')},ALL_AI_TRAINING,,,`, // 3 bad kind
      `Bad hash,MANGA,XYZ,ALL_AI_TRAINING,,,`, // 4 bad hash
      '', // 5 empty (skipped)
      `"Quoted, with comma",ILLUSTRATION,${h('c')},generative_training,ROBOTS_TXT|TDMREP,${eff},`, // 6 good (lower-case scope accepted)
      `Bad scope,MANGA,${h('d')},SOME_TRAINING,,,`, // 7 bad scope
      `Backdated,MANGA,${h('e')},ALL_AI_TRAINING,,2020-01-01T00:00:00Z,`, // 8 backdated
      `Too few columns,MANGA`, // 9 unreadable
      `Dup,MANGA,${h('a')},ALL_AI_TRAINING,,,`, // 10 same hash and scope as line 2
      `Same work other scope,MANGA,${h('a')},COMMERCIAL_TRAINING,,,`, // 11 good: same work, another scope
      `Existing work,MANGA,${h('existing')},ALL_AI_TRAINING,REGISTRY,,`, // 12 good: reuses the registered work
      `Bad signal,MANGA,${h('f')},ALL_AI_TRAINING,SMOKE_SIGNAL,,ftp://x`, // 13 bad signal and url
    ]);
    const progress: number[] = [];
    const summary = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: owner.email }, { batchSize: 4, onProgress: (p) => progress.push(p.done) });
    expect(summary).toMatchObject({ totalRows: 11, processedThisRun: 11, importedThisRun: 4, worksCreatedThisRun: 2, imported: 4, finished: true, resumed: false });
    expect(summary.badRows.map((b) => b.line)).toEqual([3, 4, 7, 8, 9, 10, 13]);
    const reason = (line: number) => summary.badRows.find((b) => b.line === line)!.reason;
    expect(reason(3)).toMatch(/^kind: "SCULPTURE" is not one of/);
    expect(reason(4)).toMatch(/^contentHash: must be a lowercase hex SHA-256/);
    expect(reason(7)).toMatch(/^scope: "SOME_TRAINING" is not one of/);
    expect(reason(8)).toMatch(/^effectiveFrom: must not be in the past/);
    expect(reason(9)).toMatch(/^unreadable CSV: Invalid Record Length/);
    expect(reason(10)).toBe('the same contentHash and scope as line 2');
    expect(reason(13)).toMatch(/signals\[0\]: "SMOKE_SIGNAL" is not one of .*; canonicalUrl: must be an http\(s\) URL/);
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(11);

    const optOuts = await app.db.reader.find(OptOutEntity, { where: { ownerId: owner.account.id }, order: { importKey: 'ASC' } });
    expect(optOuts.map((o) => [o.importKey!.split(':')[1], o.contentHash, o.scope, o.recognised])).toEqual([
      ['11', h('a'), 'COMMERCIAL_TRAINING', true], ['12', h('existing'), 'ALL_AI_TRAINING', true],
      ['2', h('a'), 'ALL_AI_TRAINING', true], ['6', h('c'), 'GENERATIVE_TRAINING', true],
    ]);
    const six = optOuts.find((o) => o.contentHash === h('c'))!;
    expect(six.signals).toEqual(['ROBOTS_TXT', 'TDMREP']);
    expect(six.effectiveFrom.toISOString()).toBe(eff);
    const works = await app.db.reader.find(WorkEntity, { where: { ownerId: owner.account.id } });
    expect(works.map((w) => w.contentHash).sort()).toEqual([h('a'), h('c'), h('existing')].sort());
    expect(works.find((w) => w.contentHash === h('c'))!.title).toBe('Quoted, with comma');
    expect(optOuts.find((o) => o.contentHash === h('existing'))!.workId).toBe(existing.id);
    const changes = await app.db.reader.count(OptOutChangeEntity, { where: optOuts.map((o) => ({ optOutId: o.id, kind: OptOutChangeKind.REGISTERED })) });
    expect(changes).toBe(4);

    // The imported opt-outs are what firms check against.
    const firm = await signUpFirm(app.url);
    const matches = (await ok(app.url, 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { scope } } }', { h: [h('a'), h('c'), h('b')] }, firm.token)).checkOptOuts;
    expect(matches.map((m: any) => [m.contentHash, m.optOut.scope]).sort()).toEqual([[h('a'), 'ALL_AI_TRAINING'], [h('a'), 'COMMERCIAL_TRAINING']].sort());

    // Running the finished file again changes nothing.
    const again = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: owner.email });
    expect(again).toMatchObject({ processedThisRun: 0, importedThisRun: 0, imported: 4, finished: true, resumed: true });
    expect(await app.db.reader.count(OptOutEntity, { where: { ownerId: owner.account.id } })).toBe(4);
  });

  it('resumes an interrupted import where it stopped, without duplicates', async () => {
    const owner = await collective();
    const rows = Array.from({ length: 23 }, (_, i) => `Work ${i},ILLUSTRATION,${h(`resume-${i}`)},ALL_AI_TRAINING,,,`);
    rows[9] = `Broken,ILLUSTRATION,nothex,ALL_AI_TRAINING,,,`; // line 11
    const path = file('resume.csv', ['title,kind,contentHash,scope,signals,effectiveFrom,canonicalUrl', ...rows]);
    const importId = createHash('sha256').update(Buffer.from(`title,kind,contentHash,scope,signals,effectiveFrom,canonicalUrl\n${rows.join('\n')}\n`)).update(owner.account.id).digest('hex');

    // First run: interrupted after 12 rows (batches of 5, 5, 2).
    const first = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: owner.email }, { batchSize: 5, maxRows: 12 });
    expect(first).toMatchObject({ importId, totalRows: 23, processedThisRun: 12, importedThisRun: 11, imported: 11, finished: false, badRows: [{ line: 11 }] });
    const checkpoint = await app.db.reader.findOneByOrFail(OptOutImportEntity, { id: importId });
    expect(checkpoint).toMatchObject({ linesDone: 13, imported: 11, finishedAt: null, accountId: owner.account.id, fileName: 'resume.csv' });

    // Second run: stopped by a signal (Ctrl-C) after its first batch; that batch is committed.
    const controller = new AbortController();
    const second = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: owner.email },
      { batchSize: 5, signal: controller.signal, onProgress: (p) => { if (p.done > 12) controller.abort(); } });
    expect(second).toMatchObject({ resumed: true, processedThisRun: 5, importedThisRun: 5, imported: 16, finished: false });

    // Third run: the rest.
    const third = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: owner.email }, { batchSize: 5 });
    expect(third).toMatchObject({ resumed: true, processedThisRun: 6, importedThisRun: 6, imported: 22, finished: true });
    expect(third.badRows).toEqual([{ line: 11, reason: expect.stringMatching(/^contentHash:/) }]);

    const optOuts = await app.db.reader.find(OptOutEntity, { where: { ownerId: owner.account.id } });
    expect(optOuts).toHaveLength(22);
    expect(new Set(optOuts.map((o) => o.contentHash)).size).toBe(22);
    expect(new Set(optOuts.map((o) => o.importKey)).size).toBe(22);
    expect(await app.db.reader.count(WorkEntity, { where: { ownerId: owner.account.id } })).toBe(22);
    const done = await app.db.reader.findOneByOrFail(OptOutImportEntity, { id: importId });
    expect(done.finishedAt).not.toBeNull();
    expect(done.linesDone).toBe(24);
  });

  it('the same file imported for another account is another import; unknown and non-creator accounts are refused', async () => {
    const a = await collective();
    const b = await collective();
    const path = file('shared.csv', ['title,kind,contentHash,scope', `Shared,MUSIC,${h('shared')},ALL_AI_TRAINING`]);
    const ra = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: a.email });
    const rb = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: b.email });
    expect(ra.importId).not.toBe(rb.importId);
    expect([ra.imported, rb.imported]).toEqual([1, 1]);
    await expect(app.services.optOutImport.importFile(ctx, { file: path, asEmail: 'nobody@example.jp' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const firmEmail = `firm-${randomBytes(4).toString('hex')}@example.com`;
    await app.services.accounts.signUp(ctx, { email: firmEmail, password: 'correct horse battery', displayName: 'Firm', role: Role.AI_FIRM,
      firm: { legalName: 'Import Test KK', country: 'JP', servesJapaneseUsers: true } });
    await expect(app.services.optOutImport.importFile(ctx, { file: path, asEmail: firmEmail })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const badHeader = file('header.csv', ['name,kind,hash,scope', `x,MUSIC,${h('x')},ALL_AI_TRAINING`]);
    await expect(app.services.optOutImport.importFile(ctx, { file: badHeader, asEmail: a.email }))
      .rejects.toThrow(/lacks the column\(s\) title, contentHash and names unknown column\(s\) name, hash/);
  });

  it('runs as `chotei import-opt-outs FILE --as EMAIL` and prints a summary with the bad lines', async () => {
    const owner = await collective();
    const path = file('cli.csv', ['title,kind,contentHash,scope', `One,PHOTOGRAPH,${h('cli-1')},ALL_AI_TRAINING`, `Two,PHOTOGRAPH,bad,ALL_AI_TRAINING`]);
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: app.dbUrl, DATA_DIR: app.env.DATA_DIR, JWT_SECRET: app.env.JWT_SECRET, LOG_LEVEL: 'silent' });
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
    try {
      const program = new Command().exitOverride();
      registerImportCommand(program);
      await program.parseAsync(['node', 'chotei', 'import-opt-outs', path, '--as', owner.email, '--no-progress']);
    } finally {
      spy.mockRestore();
      process.env = saved;
    }
    const text = out.join('');
    expect(text).toContain('Import finished: cli.csv');
    expect(text).toMatch(/opt-outs imported now: +1/);
    expect(text).toMatch(/line 3: contentHash: must be a lowercase hex SHA-256/);
    expect(await app.db.reader.count(OptOutEntity, { where: { ownerId: owner.account.id } })).toBe(1);
  });

  it('refuses what the API refuses: control characters and bidi controls in titles, impossible dates (never shifted)', async () => {
    const owner = await collective();
    const path = file('bad-text.csv', [
      'title,kind,contentHash,scope,signals,effectiveFrom,canonicalUrl', // 1
      `Nul\u0000byte,MANGA,${h('nul')},ALL_AI_TRAINING,,,`, // 2 NUL in the title
      `Bidi \u202Egnp.exe,MANGA,${h('bidi')},ALL_AI_TRAINING,,,`, // 3 right-to-left override in the title
      `Feb 30,MANGA,${h('feb')},ALL_AI_TRAINING,,2031-02-30,`, // 4 no such day
      `Hour 24,MANGA,${h('hour')},ALL_AI_TRAINING,,2031-01-01T24:61:00Z,`, // 5 no such time
      `No zone,MANGA,${h('zone')},ALL_AI_TRAINING,,2031-01-01T10:00:00,`, // 6 no time zone
      `Leap day 海辺 🌊,MANGA,${h('leap')},ALL_AI_TRAINING,,2032-02-29,`, // 7 good
    ]);
    const summary = await app.services.optOutImport.importFile(ctx, { file: path, asEmail: owner.email });
    expect(summary.badRows.map((b) => b.line)).toEqual([2, 3, 4, 5, 6]);
    const reason = (line: number) => summary.badRows.find((b) => b.line === line)!.reason;
    expect(reason(2)).toMatch(/^title: contains a NUL character/);
    expect(reason(3)).toMatch(/^title: contains the bidirectional control U\+202E/);
    for (const line of [4, 5, 6]) expect(reason(line)).toMatch(/^effectiveFrom: ".*" is not an ISO 8601 date-time/);
    const [good] = await app.db.reader.find(OptOutEntity, { where: { ownerId: owner.account.id } });
    expect(good.effectiveFrom.toISOString()).toBe('2032-02-29T00:00:00.000Z');
    const [work] = await app.db.reader.find(WorkEntity, { where: { ownerId: owner.account.id } });
    expect(work.title).toBe('Leap day 海辺 🌊');
  });

  it('carries over an existing registry\'s historical dates with --from-registry, marked as imported from it', async () => {
    const owner = await collective();
    const firm = await signUpFirm(app.url);
    const eff = future();
    const lines = [
      'title,kind,contentHash,scope,signals,effectiveFrom,canonicalUrl', // 1
      `Old harbour,MANGA,${h('hist-a')},ALL_AI_TRAINING,ROBOTS_TXT,2021-04-01,`, // 2 good: a past day kept
      `Older,MANGA,${h('hist-b')},GENERATIVE_TRAINING,,2019-06-30T15:00:00+09:00,`, // 3 good: a past date-time kept
      `Later,MANGA,${h('hist-c')},ALL_AI_TRAINING,,${eff},`, // 4 good: a future date, as through the API
      `Undated,MANGA,${h('hist-d')},ALL_AI_TRAINING,,,`, // 5 good: from now
      `Slip,MANGA,${h('hist-e')},ALL_AI_TRAINING,,1985-04-01,`, // 6 bad: before 1994 (a mistyped year)
    ];
    // Without a registry the past dates are refused, saying how to keep them.
    const plain = await app.services.optOutImport.importFile(ctx, { file: file('registry-plain.csv', lines), asEmail: owner.email }, { maxRows: 1 });
    expect(plain.badRows).toEqual([{ line: 2, reason: expect.stringMatching(/^effectiveFrom: must not be in the past.*import with --from-registry NAME$/) }]);

    const before = Date.now();
    const summary = await app.services.optOutImport.importFile(ctx, { file: file('registry.csv', lines), asEmail: owner.email, fromRegistry: '  Example Collective Registry ' });
    expect(summary).toMatchObject({ imported: 4, finished: true, fromRegistry: 'Example Collective Registry' });
    expect(summary.importId).not.toBe(plain.importId);
    expect(summary.badRows).toEqual([{ line: 6, reason: 'effectiveFrom: must not be before 1994-01-01 (no machine-readable opt-out existed earlier: check the year)' }]);

    // The creator sees them as imported from that registry, with their dates.
    const mine = await ok(app.url, '{ myOptOuts(first: 10) { edges { node { contentHash effectiveFrom createdAt imported importedFrom } } } }', {}, owner.token);
    const byHash = new Map(mine.myOptOuts.edges.map((e: any) => [e.node.contentHash, e.node]));
    expect(byHash.get(h('hist-a'))).toMatchObject({ effectiveFrom: '2021-04-01T00:00:00.000Z', imported: true, importedFrom: 'Example Collective Registry' });
    expect(byHash.get(h('hist-b'))).toMatchObject({ effectiveFrom: '2019-06-30T06:00:00.000Z', imported: true, importedFrom: 'Example Collective Registry' });
    expect((byHash.get(h('hist-c')) as any).effectiveFrom).toBe(new Date(eff).toISOString());
    expect(Date.parse((byHash.get(h('hist-d')) as any).effectiveFrom)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse((byHash.get(h('hist-a')) as any).createdAt)).toBeGreaterThanOrEqual(before - 1000);

    // A firm sees the historical ones in force already, and where their date comes from; the future one not yet.
    const checked = await ok(app.url, 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { effectiveFrom imported importedFrom } } }',
      { h: [h('hist-a'), h('hist-b'), h('hist-c')] }, firm.token);
    expect(checked.checkOptOuts.map((m: any) => m.contentHash).sort()).toEqual([h('hist-a'), h('hist-b')].sort());
    expect(checked.checkOptOuts[0].optOut).toMatchObject({ imported: true, importedFrom: 'Example Collective Registry' });

    // An opt-out registered through the API is neither.
    const work = await registerWork(app.url, owner.token, { contentHash: h('api-registered') });
    const own = await ok(app.url, 'mutation($input: OptOutInput!) { registerOptOut(input: $input) { imported importedFrom } }',
      { input: { workId: work.id, scope: 'ALL_AI_TRAINING' } }, owner.token);
    expect(own.registerOptOut).toEqual({ imported: false, importedFrom: null });

    // A registry name the API would refuse refuses the import before it starts.
    await expect(app.services.optOutImport.importFile(ctx, { file: file('registry-bad.csv', lines), asEmail: owner.email, fromRegistry: 'bad\u0000name' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^--from-registry: contains a NUL character/) });
    await expect(app.services.optOutImport.importFile(ctx, { file: file('registry-empty.csv', lines), asEmail: owner.email, fromRegistry: '  ' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: '--from-registry: must not be empty' });
  });

  it('runs as `chotei import-opt-outs FILE --as EMAIL --from-registry NAME`', async () => {
    const owner = await collective();
    const path = file('cli-registry.csv', ['title,kind,contentHash,scope,effectiveFrom', `One,PHOTOGRAPH,${h('cli-reg-1')},ALL_AI_TRAINING,2022-01-01`]);
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: app.dbUrl, DATA_DIR: app.env.DATA_DIR, JWT_SECRET: app.env.JWT_SECRET, LOG_LEVEL: 'silent' });
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
    try {
      const program = new Command().exitOverride();
      registerImportCommand(program);
      await program.parseAsync(['node', 'chotei', 'import-opt-outs', path, '--as', owner.email, '--from-registry', 'Old Registry', '--no-progress']);
    } finally {
      spy.mockRestore();
      process.env = saved;
    }
    expect(out.join('')).toMatch(/from registry: +Old Registry/);
    const [row] = await app.db.reader.find(OptOutEntity, { where: { ownerId: owner.account.id } });
    expect(row).toMatchObject({ importedFrom: 'Old Registry', effectiveFrom: new Date('2022-01-01T00:00:00Z') });
  });
});
