import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Database } from '../persistence/database';
import { OptOutScope, OptOutSignal, Role, WorkKind, OptOutChangeKind } from '../domain/enums';
import { OptOutEntity, WorkEntity } from '../persistence/entities';
import * as accounts from '../persistence/repositories/account.repository';
import * as optOuts from '../persistence/repositories/opt-out.repository';
import * as works from '../persistence/repositories/work.repository';
import type { RequestContext } from '../policies/context';
import { AppError, InputCheck } from '../domain/errors';
import { checkEffectiveFrom, normaliseSignals, OptOutService } from './opt-out.service';
import type { ReferenceService } from './reference.service';
import { isHttpUrl, SHA256_HEX } from './work.service';
import { isCalendarDate, readDateTime, stringProblem } from '../schema/validation/strings';

/** Columns of an import file; title, kind, contentHash and scope are required. */
export const IMPORT_COLUMNS = ['title', 'kind', 'contentHash', 'scope', 'signals', 'effectiveFrom', 'canonicalUrl'] as const;
const REQUIRED_COLUMNS = ['title', 'kind', 'contentHash', 'scope'];
export const DEFAULT_IMPORT_BATCH = 500;
/**
 * The earliest effectiveFrom an import from an existing registry keeps: 1 January 1994, the year of robots.txt, the
 * first machine-readable way to refuse crawlers; an earlier date can only be a mistyped year.
 */
export const HISTORICAL_EFFECTIVE_FROM_MIN = new Date('1994-01-01T00:00:00Z');
/** Longest registry name (--from-registry), as stored in opt_out.importedFrom. */
export const REGISTRY_NAME_MAX = 200;

export interface ImportProgress { total: number; done: number; imported: number; bad: number }

export interface ImportOptions {
  /** Rows (records) to process in this run at most: the import stops there, resumable (tests use it to interrupt). */
  maxRows?: number;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Aborting stops after the batch in flight; its checkpoint is committed. */
  signal?: AbortSignal;
  now?: () => Date;
}

export interface ImportSummary {
  importId: string;
  fileName: string;
  /** Data records in the file (bad ones included). */
  totalRows: number;
  /** The run started from an earlier, interrupted run of the same file by the same account. */
  resumed: boolean;
  /** Records this run processed. */
  processedThisRun: number;
  importedThisRun: number;
  worksCreatedThisRun: number;
  /** Opt-outs imported from this file over every run. */
  imported: number;
  /** Every bad row of the file so far, by line number. */
  badRows: Array<{ line: number; reason: string }>;
  finished: boolean;
  /** The existing registry the opt-outs were carried over from (--from-registry), or null. */
  fromRegistry: string | null;
}

interface Rec { line: number; record: Record<string, string> | null; error?: string }
interface GoodRow { line: number; title: string; kind: WorkKind; contentHash: string; scope: OptOutScope; signals: OptOutSignal[]; effectiveFrom: Date; canonicalUrl: string | null }

/**
 * Where the file's opt-outs come from. Without a registry they start now or later, as through the API. With one
 * (`--from-registry NAME`: the opt-outs were registered first in an existing registry), a row keeps its registry's
 * effectiveFrom even when past — back to HISTORICAL_EFFECTIVE_FROM_MIN — and the opt-out shows that registry as
 * `importedFrom`, so a firm reading it knows the date rests on that registry, not on this one. A future date is
 * kept as through the API (a registry may hold opt-outs that start later); "now" has a few minutes of tolerance.
 */
export interface ImportSource { fromRegistry?: string | null }

/**
 * Bulk import of opt-outs from a CSV file for collectives and publishers
 * (`npx chotei import-opt-outs FILE.csv --as EMAIL`). Each good row registers
 * the work (unless the account already has a work with that content hash) and
 * an opt-out for it; every bad row is reported by line number and reason, and
 * the good rows around it are kept.
 *
 * Resumable: the import's id is SHA-256(file bytes + account id); each batch
 * commits its opt-outs, works, feed changes and the `linesDone` checkpoint in
 * one transaction, and every opt-out carries the unique importKey
 * "<import id>:<line>", so running the same file again continues after the
 * last committed batch and never adds a row twice.
 */
export class OptOutImportService {
  private readonly optOuts: OptOutService;

  constructor(private readonly db: Database, reference: ReferenceService) {
    this.optOuts = new OptOutService(db, reference);
  }

  async importFile(_ctx: RequestContext, args: { file: string; asEmail: string; bytes?: Buffer } & ImportSource, options: ImportOptions = {}): Promise<ImportSummary> {
    const now = options.now ?? (() => new Date());
    const registry = checkRegistryName(args.fromRegistry);
    const account = await accounts.findAccountByEmail(this.db.reads, args.asEmail);
    if (!account) throw new AppError('NOT_FOUND', `No account has the email ${args.asEmail}`);
    if (account.role !== Role.CREATOR) throw new AppError('FORBIDDEN', `${args.asEmail} is a ${account.role} account; opt-outs are imported for CREATOR accounts`);
    const profile = await accounts.findCreatorProfile(this.db.reads, account.id);
    if (!profile) throw new AppError('FORBIDDEN', `${args.asEmail} has no creator profile`);

    const bytes = args.bytes ?? readFileSync(args.file);
    // The registry is part of the import's identity: the same file run again with --from-registry is another import.
    const hash = createHash('sha256').update(bytes).update(account.id);
    if (registry) hash.update(`\0registry:${registry}`);
    const importId = hash.digest('hex');
    const records = parseImportFile(bytes);
    const total = records.length;

    const state = await this.db.transaction(async (tx) => {
      const existing = await optOuts.optOutImportById(tx, importId);
      if (existing) return { row: existing, resumed: existing.linesDone > 0 || existing.finishedAt !== null };
      const row = await optOuts.insertOptOutImport(tx, { id: importId, accountId: account.id, fileName: basename(args.file).slice(0, 1000) });
      return { row, resumed: false };
    });
    let { row } = state;
    const summary = (processed: number, importedRun: number, works: number): ImportSummary => ({
      importId, fileName: row.fileName, totalRows: total, resumed: state.resumed, processedThisRun: processed, importedThisRun: importedRun,
      worksCreatedThisRun: works, imported: row.imported, badRows: row.badRows, finished: row.finishedAt !== null, fromRegistry: registry,
    });
    const pending = records.filter((r) => r.line > row.linesDone);
    const limit = options.maxRows ?? Number.POSITIVE_INFINITY;
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_IMPORT_BATCH);
    let processed = 0;
    let importedRun = 0;
    let worksRun = 0;
    options.onProgress?.({ total, done: total - pending.length, imported: row.imported, bad: row.badRows.length });
    if (row.finishedAt) return summary(0, 0, 0);

    const recognitionCache = new Map<string, Promise<{ recognised: boolean; reason: string | null }>>();
    const recognise = (w: Pick<WorkEntity, 'kind' | 'firstPublicationCountry' | 'firstPublishedAt' | 'publishedInJapanWithin30Days' | 'authorDeathYear' | 'isCorporateWork'>, at: Date) => {
      const key = JSON.stringify([w.kind, w.firstPublicationCountry, w.firstPublishedAt?.toISOString() ?? null, w.publishedInJapanWithin30Days, w.authorDeathYear, w.isCorporateWork]);
      let p = recognitionCache.get(key);
      if (!p) { p = this.optOuts.recognition(profile, w, at); recognitionCache.set(key, p); }
      return p;
    };

    while (processed < pending.length && processed < limit && !options.signal?.aborted) {
      const batch = pending.slice(processed, Math.min(processed + batchSize, pending.length, processed + (limit - processed)));
      const at = now();
      const bad: Array<{ line: number; reason: string }> = [];
      const good: GoodRow[] = [];
      for (const rec of batch) {
        const result = validateRow(rec, at, registry);
        if ('reason' in result) bad.push({ line: rec.line, reason: result.reason });
        else good.push(result);
      }
      const outcome = await this.db.transaction(async (tx) => {
        const keyOf = (line: number) => `${importId}:${line}`;
        const done = await optOuts.importedKeys(tx, good.map((g) => keyOf(g.line)));
        const hashes = [...new Set(good.map((g) => g.contentHash))];
        const byHash = new Map<string, WorkEntity>();
        for (const w of await works.worksOfOwnerWithHashes(tx, account.id, hashes)) if (!byHash.has(w.contentHash!)) byHash.set(w.contentHash!, w);
        const workIds = [...byHash.values()].map((w) => w.id);
        const active = await optOuts.activeOptOutsOfWorks(tx, workIds);
        const activeKey = new Map(active.map((o) => [`${o.workId}|${o.scope}`, o]));
        const seenInBatch = new Map<string, number>();
        const newWorks: WorkEntity[] = [];
        const newOptOuts: OptOutEntity[] = [];
        for (const g of good) {
          if (done.has(keyOf(g.line))) continue;
          const dupLine = seenInBatch.get(`${g.contentHash}|${g.scope}`);
          if (dupLine !== undefined) { bad.push({ line: g.line, reason: `the same contentHash and scope as line ${dupLine}` }); continue; }
          let work = byHash.get(g.contentHash);
          if (work) {
            const existing = activeKey.get(`${work.id}|${g.scope}`);
            if (existing) {
              const line = existing.importKey?.startsWith(`${importId}:`) ? existing.importKey.slice(importId.length + 1) : null;
              bad.push({ line: g.line, reason: line ? `the same contentHash and scope as line ${line}`
                : `the work with this contentHash already has an active ${g.scope} opt-out (${existing.id})` });
              continue;
            }
          } else {
            work = Object.assign(new WorkEntity(), {
              id: randomUUID(), ownerId: account.id, title: g.title, kind: g.kind, firstPublishedAt: null, firstPublicationCountry: null,
              publishedInJapanWithin30Days: null, authorDeathYear: null, isCorporateWork: null, contentHash: g.contentHash, canonicalUrl: g.canonicalUrl, createdAt: at,
            });
            byHash.set(g.contentHash, work);
            newWorks.push(work);
          }
          seenInBatch.set(`${g.contentHash}|${g.scope}`, g.line);
          const recognition = await recognise(work, at);
          newOptOuts.push(Object.assign(new OptOutEntity(), {
            id: randomUUID(), ownerId: account.id, workId: work.id, allWorks: false, scope: g.scope, signals: g.signals, effectiveFrom: g.effectiveFrom,
            withdrawnAt: null, recognised: recognition.recognised, notRecognisedReason: recognition.reason, contentHash: g.contentHash,
            importKey: keyOf(g.line), importedFrom: registry, createdAt: at,
          }));
        }
        await works.insertWorks(tx, newWorks);
        await optOuts.insertOptOuts(tx, newOptOuts);
        await optOuts.appendOptOutChanges(tx, newOptOuts.map((o) => ({ optOutId: o.id, kind: OptOutChangeKind.REGISTERED, at })));
        const current = (await optOuts.optOutImportById(tx, importId))!;
        const badRows = [...current.badRows, ...bad.sort((a, b) => a.line - b.line)];
        const linesDone = Math.max(current.linesDone, batch[batch.length - 1].line);
        const imported = current.imported + newOptOuts.length;
        const finishedAt = pending.length - (processed + batch.length) === 0 ? at : null;
        await optOuts.updateOptOutImport(tx, importId, { badRows, linesDone, imported, finishedAt });
        return { row: Object.assign(current, { badRows, linesDone, imported, finishedAt }), added: newOptOuts.length, works: newWorks.length };
      });
      row = outcome.row;
      processed += batch.length;
      importedRun += outcome.added;
      worksRun += outcome.works;
      options.onProgress?.({ total, done: total - pending.length + processed, imported: row.imported, bad: row.badRows.length });
    }
    if (pending.length === 0 && !row.finishedAt) {
      // Nothing left (e.g. a file with no data rows): mark it finished.
      const at = now();
      await this.db.transaction((tx) => optOuts.updateOptOutImport(tx, importId, { finishedAt: at }));
      row = Object.assign(row, { finishedAt: at });
    }
    return summary(processed, importedRun, worksRun);
  }
}

/**
 * Parses the file: every data record with the line it starts on, records the
 * parser could not read as errors on their line. Throws (no import starts)
 * when the header lacks a required column or names an unknown one.
 */
export function parseImportFile(bytes: Buffer): Rec[] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const out: Rec[] = [];
  let header: string[] = [];
  const parsed = parse(text, {
    columns: (h: string[]) => { header = h.map((c) => c.trim()); return header; },
    skip_empty_lines: true, trim: true, info: true, raw: true, skip_records_with_error: true,
    on_skip: (err: { lines?: number; message: string } | undefined) => {
      if (err) out.push({ line: err.lines ?? 0, record: null, error: `unreadable CSV: ${err.message.replace(/ on line \d+$/, '')}` });
    },
  }) as Array<{ record: Record<string, string>; info: { lines: number }; raw: string }>;
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (header.length && (missing.length || unknown.length)) {
    throw new AppError('BAD_USER_INPUT', `The header of the file (line 1) ${missing.length ? `lacks the column(s) ${missing.join(', ')}` : ''}${missing.length && unknown.length ? ' and ' : ''}${unknown.length ? `names unknown column(s) ${unknown.join(', ')}` : ''}; the columns are ${IMPORT_COLUMNS.join(', ')}`);
  }
  for (const p of parsed) {
    const body = p.raw.replace(/^\n+/, '').replace(/\n$/, '');
    out.push({ line: p.info.lines - (body.match(/\n/g)?.length ?? 0), record: p.record });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The --from-registry name, trimmed (null without one); a bad one refuses the import before it starts. */
export function checkRegistryName(value: string | null | undefined): string | null {
  if (value == null) return null;
  const name = value.trim();
  const problem = name.length === 0 ? 'must not be empty' : stringProblem(name, { maxLength: REGISTRY_NAME_MAX }, 'en');
  if (problem) throw new AppError('BAD_USER_INPUT', `--from-registry: ${problem}`, { fields: [{ field: 'fromRegistry', message: problem }] });
  return name;
}

function validateRow(rec: Rec, now: Date, registry: string | null): GoodRow | { reason: string } {
  if (!rec.record) return { reason: rec.error ?? 'unreadable CSV' };
  const r = rec.record;
  const check = new InputCheck('row');
  const title = (r.title ?? '').trim();
  // The API's checks (src/schema/validation): no control characters, lone surrogates or bidi controls, a length bound.
  const titleProblem = stringProblem(title, { maxLength: 500 }, 'en');
  check.check(title.length > 0, 'title', 'must not be empty');
  if (titleProblem) check.add('title', titleProblem);
  const kind = (r.kind ?? '').trim().toUpperCase();
  check.check((Object.values(WorkKind) as string[]).includes(kind), 'kind', `"${r.kind ?? ''}" is not one of ${Object.values(WorkKind).join(', ')}`);
  const contentHash = (r.contentHash ?? '').trim();
  check.check(SHA256_HEX.test(contentHash), 'contentHash', 'must be a lowercase hex SHA-256 (64 characters 0-9a-f)');
  const scope = (r.scope ?? '').trim().toUpperCase();
  check.check((Object.values(OptOutScope) as string[]).includes(scope), 'scope', `"${r.scope ?? ''}" is not one of ${Object.values(OptOutScope).join(', ')}`);
  const signalText = (r.signals ?? '').trim();
  const signals = normaliseSignals(signalText ? signalText.split(/[|;, ]+/).filter(Boolean).map((s) => s.toUpperCase() as OptOutSignal) : null, check, 'signals');
  const effectiveText = (r.effectiveFrom ?? '').trim();
  let effectiveFrom = now;
  if (effectiveText) {
    // A day (YYYY-MM-DD, from 00:00 UTC) or a date-time with its zone; an impossible one (2026-02-30) is refused, never shifted.
    const read = isCalendarDate(effectiveText) ? new Date(`${effectiveText}T00:00:00Z`) : readDateTime(effectiveText);
    if (!(read instanceof Date)) check.add('effectiveFrom', `"${effectiveText}" is not an ISO 8601 date-time`);
    else if (registry) {
      effectiveFrom = read;
      check.check(read.getTime() >= HISTORICAL_EFFECTIVE_FROM_MIN.getTime(), 'effectiveFrom',
        `must not be before ${HISTORICAL_EFFECTIVE_FROM_MIN.toISOString().slice(0, 10)} (no machine-readable opt-out existed earlier: check the year)`);
    } else {
      const before = check.problems.length;
      checkEffectiveFrom((effectiveFrom = read), now, check, 'effectiveFrom');
      if (check.problems.length > before && read.getTime() < now.getTime()) {
        check.problems[check.problems.length - 1].message += '; to keep the dates of an existing registry, import with --from-registry NAME';
      }
    }
  }
  const canonicalUrl = (r.canonicalUrl ?? '').trim() || null;
  check.check(canonicalUrl === null || (!stringProblem(canonicalUrl, { maxLength: 2000 }, 'en') && isHttpUrl(canonicalUrl)), 'canonicalUrl', 'must be an http(s) URL');
  if (check.problems.length) return { reason: check.problems.map((p) => `${p.field}: ${p.message}`).join('; ') };
  return { line: rec.line, title, kind: kind as WorkKind, contentHash, scope: scope as OptOutScope, signals, effectiveFrom, canonicalUrl };
}
