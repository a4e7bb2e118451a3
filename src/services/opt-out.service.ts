import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../persistence/database';
import { ClaimType, OptOutScope, OptOutSignal, Protection, Role, OptOutChangeKind } from '../domain/enums';
import type { EligibilityOutcome } from '../domain/types';
import type { CreatorProfileEntity, OptOutEntity, WorkEntity } from '../persistence/entities';
import * as accounts from '../persistence/repositories/account.repository';
import * as optOuts from '../persistence/repositories/opt-out.repository';
import * as optOutExport from '../persistence/repositories/opt-out-export.repository';
export type { OptOutExport, OptOutExportLine } from '../persistence/repositories/opt-out-export.repository';
import type { OptOutFeedItem } from '../persistence/repositories/opt-out.repository';
import * as works from '../persistence/repositories/work.repository';
import * as perceptual from '../persistence/repositories/perceptual-opt-out.repository';
import { isPerceptualHash } from '../infra/similarity/phash';
import type { RequestContext } from '../policies/context';
import { systemContext } from '../policies/context';
import { AppError, badInput, FieldProblem, InputCheck, notFound } from '../domain/errors';
import { requireFirm, requireRole, requireViewer } from '../policies/guards';
import { combineReadings, isSignalProblem, readSignalValue, scopeCoversReading, SignalReading } from '../domain/opt-out-signal-values';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, toPage } from '../persistence/paging/cursor';
import type { ReferenceService } from './reference.service';
import { SHA256_HEX } from './work.service';
import { ownListScope, sharedFirmSurface } from '../policies';

// Data access lives in src/persistence/repositories/opt-out.repository.ts; these stay reachable from here.
export { appendOptOutChanges, lockOptOutFeed, optOutFactsFor, SQL_CHUNK } from '../persistence/repositories/opt-out.repository';
export type { OptOutFeedItem } from '../persistence/repositories/opt-out.repository';

export interface OptOutData {
  workId?: string | null; allWorks?: boolean | null; scope: OptOutScope; signals?: OptOutSignal[] | null; effectiveFrom?: Date | null;
  /** An image perceptual hash to register with it (src/infra/similarity/README.md), besides the work's reference image. */
  perceptualHash?: string | null;
  /** Signal values as seen (a Content-Usage header, an XMP Data Mining value …): read, checked against the scope, not stored. */
  signalValues?: OptOutSignalValueData[] | null;
}

export interface OptOutSignalValueData { signal: OptOutSignal; value: string }

export interface PerceptualOptOutMatchData { hash: string; distance: number; optOut: OptOutEntity }

/** Most hashes one checkOptOutsPerceptual call takes (API.md). */
export const MAX_PERCEPTUAL_HASHES = 10_000;
/** checkOptOutsPerceptual's maxDistance: default and largest (bits of 64). */
export const DEFAULT_PERCEPTUAL_DISTANCE = 10;
export const MAX_PERCEPTUAL_DISTANCE = 16;

export interface OptOutMatchData { contentHash: string; optOut: OptOutEntity }

/** Most hashes one checkOptOuts call takes (API.md). */
export const MAX_CHECK_HASHES = 10_000;
/** Most ids one acknowledgeOptOuts call takes. */
export const MAX_ACK_IDS = 10_000;
/** How far in the past effectiveFrom may lie (clock skew between client and server); an opt-out is never backdated. */
export const BACKDATE_TOLERANCE_MS = 5 * 60_000;
/** Problems listed in one BAD_USER_INPUT for a long list (the message stays readable). */
const MAX_LISTED_PROBLEMS = 100;

/**
 * The opt-out registry: creators register and withdraw opt-outs; AI firms
 * follow the feed, check content hashes and acknowledge what they saw.
 *
 * Feed order: every registration and withdrawal appends an `opt_out_change`
 * row in the same transaction. On SQLite writes are serialised (one writer
 * at a time, BEGIN IMMEDIATE), so the autoincrement `seq` is also the commit
 * order; on PostgreSQL the writing transaction takes
 * `LOCK TABLE opt_out_change IN EXCLUSIVE MODE` before it appends, so no
 * change with a lower seq can commit after one with a higher seq is visible.
 * A reader paging with `seq > cursor` therefore never skips or repeats one.
 */
export class OptOutService {
  constructor(private readonly db: Database, private readonly reference: ReferenceService) {}

  /**
   * The public export `GET /opt-outs.jsonl` (src/http/opt-outs-export.route.ts): the recognised opt-outs in force at
   * `now`, in one snapshot of the database that the caller reads in batches and must close.
   */
  openExport(now: Date): Promise<optOutExport.OptOutExport> {
    return optOutExport.openOptOutExport(this.db.reads, now);
  }

  async registerOptOut(ctx: RequestContext, input: OptOutData, now = new Date()): Promise<OptOutEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    const check = new InputCheck('input');
    const allWorks = input.allWorks === true;
    if (allWorks && input.workId) check.add('workId', 'give either workId or allWorks: true, not both');
    if (!allWorks && !input.workId) check.add('workId', 'name one of your works, or set allWorks: true for all of them');
    const read = readSignalValues(input.signalValues ?? [], input.scope, check);
    const signals = [...new Set([...normaliseSignals(input.signals, check, 'signals'), ...read.map((v) => v.signal)])];
    const effectiveFrom = input.effectiveFrom ?? now;
    checkEffectiveFrom(effectiveFrom, now, check, 'effectiveFrom');
    if (input.perceptualHash != null && !isPerceptualHash(input.perceptualHash)) {
      check.add('perceptualHash', 'must be a 64-bit image perceptual hash: 16 lowercase hex characters (0-9a-f), computed as src/infra/similarity/README.md says');
    }
    check.throwIfAny();

    const profile = await accounts.findCreatorProfile(this.db.reads, viewer.accountId);
    if (!profile) throw new AppError('FORBIDDEN', 'This CREATOR account has no creator profile');
    let work: WorkEntity | null = null;
    if (input.workId) {
      work = await works.workById(this.db.reads, input.workId);
      // Another creator's work is reported exactly like a missing one.
      if (!work || work.ownerId !== viewer.accountId) check.add('workId', `no work of yours has the id ${input.workId}`).throwIfAny();
    }
    const recognition = await this.recognition(profile, work, now);

    return this.db.transaction(async (tx) => {
      // Taken first on PostgreSQL: it also serialises two registrations of the same opt-out, so the duplicate check holds.
      await optOuts.lockOptOutFeed(tx);
      const duplicate = await optOuts.activeOptOutLike(tx, { ownerId: viewer.accountId, workId: work?.id ?? null, scope: input.scope });
      if (duplicate) {
        check.add(work ? 'workId' : 'allWorks',
          `you already have an active ${input.scope} opt-out for ${work ? 'this work' : 'all your works'} (${duplicate.id}); withdraw it first to change it`).throwIfAny();
      }
      const row = await optOuts.insertOptOut(tx, {
        id: randomUUID(), ownerId: viewer.accountId, workId: work?.id ?? null, allWorks, scope: input.scope, signals, effectiveFrom,
        withdrawnAt: null, recognised: recognition.recognised, notRecognisedReason: recognition.reason, contentHash: work?.contentHash ?? null,
        importKey: null, createdAt: now,
      });
      await optOuts.appendOptOutChanges(tx, [{ optOutId: row.id, kind: OptOutChangeKind.REGISTERED, at: now }]);
      await this.registerPerceptualHashes(tx, row, input.perceptualHash ?? null, now);
      return row;
    });
  }

  /**
   * What an opt-out signal's value reserves (src/domain/opt-out-signal-values.ts), for any signed-in viewer: a rights
   * office checks what the value it saw calls for before it registers. A value outside the signal's vocabulary is
   * refused on `value`, saying what the vocabulary accepts.
   */
  readOptOutSignal(ctx: RequestContext, signal: OptOutSignal, value: string): SignalReading {
    requireViewer(ctx);
    const check = new InputCheck('value');
    const reading = readOne(signal, value, check, 'value');
    check.throwIfAny();
    return reading!;
  }

  /**
   * The perceptual hashes checkOptOutsPerceptual matches for a new opt-out: the one the creator gave, and the
   * reference image of the work it covers (of each of the creator's works, for allWorks).
   */
  private async registerPerceptualHashes(tx: Queryable, row: OptOutEntity, given: string | null, now: Date): Promise<void> {
    const workIds = row.workId ? [row.workId] : row.allWorks ? await perceptual.ownerWorksWithReferenceImage(tx, row.ownerId) : [];
    const references = workIds.length ? await perceptual.referenceImageHashes(tx, workIds) : new Map<string, string>();
    const entries = [
      ...(given ? [{ hash: given, source: 'GIVEN' as const }] : []),
      ...[...references.values()].map((hash) => ({ hash, source: 'REFERENCE_FILE' as const })),
    ];
    if (entries.length) await perceptual.addPerceptualHashes(tx, row.id, entries, now);
  }

  /**
   * Owner only (others get NOT_FOUND, as for a missing id). Withdrawing an
   * opt-out that is already withdrawn is idempotent: it returns the opt-out
   * unchanged and appends nothing to the feed (a retried request is safe).
   */
  async withdrawOptOut(ctx: RequestContext, id: string, now = new Date()): Promise<OptOutEntity> {
    const own = ownListScope(ctx, 'optOuts');
    return this.db.transaction(async (tx) => {
      const row = await optOuts.optOutById(tx, id);
      if (!row || !own.owns(row.ownerId)) throw notFound('Opt-out', id);
      if (row.withdrawnAt) return row;
      // Guarded: of two concurrent withdrawals only one moves the row and appends the change.
      if (!(await optOuts.markOptOutWithdrawn(tx, id, now))) return (await optOuts.optOutById(tx, id))!;
      await optOuts.appendOptOutChanges(tx, [{ optOutId: id, kind: OptOutChangeKind.WITHDRAWN, at: now }]);
      row.withdrawnAt = now;
      return row;
    });
  }

  /** AI_FIRM: records that the firm saw these opt-outs. Idempotent; returns how many were newly acknowledged. */
  async acknowledgeOptOuts(ctx: RequestContext, ids: string[], now = new Date()): Promise<number> {
    const viewer = requireFirm(ctx);
    const check = new InputCheck('ids');
    if (ids.length > MAX_ACK_IDS) {
      check.add(`ids[${MAX_ACK_IDS}]`, `at most ${MAX_ACK_IDS} ids a call (got ${ids.length}); send the rest in another call`).throwIfAny();
    }
    const unique = [...new Set(ids)];
    if (unique.length === 0) return 0;
    const known = await optOuts.knownOptOutIds(this.db.reads, unique);
    const problems: FieldProblem[] = [];
    ids.forEach((id, i) => { if (!known.has(id)) problems.push({ field: `ids[${i}]`, message: `no opt-out has the id ${id}`, argument: 'ids' }); });
    if (problems.length) throw listProblems(problems, 'ids');
    return this.db.transaction((tx) => optOuts.acknowledgeOptOuts(tx, unique, viewer.firmId, now));
  }

  /** AI_FIRM: every registration and withdrawal in commit order; the cursor is the change's seq. */
  async optOutFeed(ctx: RequestContext, args: PageArgs): Promise<Page<OptOutFeedItem>> {
    sharedFirmSurface(ctx);
    const first = pageSize(args);
    const after = decodeCursor(args.after, 'optOutFeed');
    const afterSeq = after ? Number(after[0]) : 0;
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) new InputCheck('after').add('after', 'is not a cursor this list gave out').throwIfAny();
    const items = await optOuts.optOutFeedAfter(this.db.reads, afterSeq, first + 1);
    return toPage(items, first, (item) => encodeCursor('optOutFeed', item.seq), after);
  }

  /**
   * Builds checkOptOuts' in-memory index of the works' hashes now, in the background (SQLite; nothing on
   * PostgreSQL): an API process calls it at start so the first checks do not wait for it. Resolves once it answers.
   */
  warmUp(): Promise<void> {
    return optOuts.warmOptOutHashIndex(this.db.reads);
  }

  /** The size of that index once built (null before, and on PostgreSQL). */
  hashIndexSize(): { works: number; bytes: number } | null {
    return optOuts.optOutHashIndexSize(this.db.reads);
  }

  /**
   * AI_FIRM: which of these content hashes an opt-out covers now: recognised,
   * not withdrawn and already effective. A hash matches an opt-out for the
   * work with that hash, and an allWorks opt-out of the creator of a work with
   * that hash. Up to 10,000 hashes; one match per (hash, opt-out), in the
   * order the hashes were given.
   */
  async checkOptOuts(ctx: RequestContext, contentHashes: string[], now = new Date()): Promise<OptOutMatchData[]> {
    sharedFirmSurface(ctx);
    const problems: FieldProblem[] = [];
    if (contentHashes.length > MAX_CHECK_HASHES) {
      problems.push({ field: `contentHashes[${MAX_CHECK_HASHES}]`, argument: 'contentHashes',
        message: `at most ${MAX_CHECK_HASHES} hashes a call (got ${contentHashes.length}); send the rest from this position in another call` });
      throw listProblems(problems, 'contentHashes');
    }
    contentHashes.forEach((h, i) => {
      if (typeof h !== 'string' || !SHA256_HEX.test(h)) {
        problems.push({ field: `contentHashes[${i}]`, argument: 'contentHashes', message: 'must be a lowercase hex SHA-256 (64 characters 0-9a-f)' });
      }
    });
    if (problems.length) throw listProblems(problems, 'contentHashes');
    const hashes = [...new Set(contentHashes)];
    const found = await optOuts.activeOptOutsByHash(this.db.reads, hashes, now);
    const out: OptOutMatchData[] = [];
    for (const hash of hashes) for (const optOut of found.get(hash) ?? []) out.push({ contentHash: hash, optOut });
    return out;
  }

  /**
   * AI_FIRM: which opt-outs cover images whose perceptual hashes (src/infra/similarity/README.md) lie within
   * `maxDistance` bits (default 10, at most 16) of these: the same opt-outs checkOptOuts would apply (recognised,
   * not withdrawn, already effective). Up to 10,000 hashes; one match per (hash, opt-out), the nearest of that
   * opt-out's registered hashes; in the order the hashes were given, nearest first. Searched with multi-index
   * hashing (src/persistence/perceptual/README.md): exact for every allowed distance.
   */
  async checkOptOutsPerceptual(ctx: RequestContext, hashes: string[], maxDistance: number | null | undefined, now = new Date()): Promise<PerceptualOptOutMatchData[]> {
    sharedFirmSurface(ctx);
    const problems: FieldProblem[] = [];
    if (hashes.length > MAX_PERCEPTUAL_HASHES) {
      problems.push({ field: `hashes[${MAX_PERCEPTUAL_HASHES}]`, argument: 'hashes',
        message: `at most ${MAX_PERCEPTUAL_HASHES} hashes a call (got ${hashes.length}); send the rest from this position in another call` });
      throw listProblems(problems, 'hashes');
    }
    const distance = maxDistance ?? DEFAULT_PERCEPTUAL_DISTANCE;
    if (!Number.isInteger(distance) || distance < 0 || distance > MAX_PERCEPTUAL_DISTANCE) {
      new InputCheck('maxDistance').add('maxDistance', `must be a whole number of bits from 0 to ${MAX_PERCEPTUAL_DISTANCE} (default ${DEFAULT_PERCEPTUAL_DISTANCE})`).throwIfAny();
    }
    hashes.forEach((h, i) => {
      if (typeof h !== 'string' || !isPerceptualHash(h)) {
        problems.push({ field: `hashes[${i}]`, argument: 'hashes', message: 'must be a 64-bit image perceptual hash: 16 lowercase hex characters (0-9a-f)' });
      }
    });
    if (problems.length) throw listProblems(problems, 'hashes');
    const unique = [...new Set(hashes)];
    const rows = await perceptual.activeOptOutsWithinDistance(this.db.reads, unique, distance, now);
    return rows.map((r) => ({ hash: unique[r.query]!, distance: r.distance, optOut: r.optOut }));
  }

  /** CREATOR: your opt-outs, oldest first. */
  async myOptOuts(ctx: RequestContext, args: PageArgs): Promise<Page<OptOutEntity>> {
    const own = ownListScope(ctx, 'optOuts');
    const first = pageSize(args);
    const after = decodeCursor(args.after, 'myOptOuts');
    const rows = await optOuts.optOutsPage(this.db.reads, own.sql('o'), after ? { createdAt: new Date(after[0]), id: after[1] } : null, first + 1);
    return toPage(rows, first, (o) => encodeCursor('myOptOuts', o.createdAt.toISOString(), o.id), after);
  }

  /**
   * Whether Japan recognises an opt-out of this creator (for this work, or for
   * all works when `work` is null): eligibility must grant OPT_OUT_RECOGNITION.
   * Otherwise the reason is the English explanation of the rule that withheld it.
   */
  async recognition(profile: Pick<CreatorProfileEntity, 'nationality' | 'kind' | 'principalOfficeCountry'>,
    work: Pick<WorkEntity, 'kind' | 'firstPublicationCountry' | 'firstPublishedAt' | 'publishedInJapanWithin30Days' | 'authorDeathYear' | 'isCorporateWork'>
      & Partial<Pick<WorkEntity, 'authors'>> | null,
    now: Date): Promise<{ recognised: boolean; reason: string | null }> {
    const outcome = await this.reference.eligibility(systemContext(), {
      creatorNationality: profile.nationality, creatorKind: profile.kind, creatorPrincipalOfficeCountry: profile.principalOfficeCountry,
      workKind: work?.kind ?? null, workFirstPublicationCountry: work?.firstPublicationCountry ?? null, workFirstPublishedAt: work?.firstPublishedAt ?? null,
      publishedInJapanWithin30Days: work?.publishedInJapanWithin30Days ?? null, authorDeathYear: work?.authorDeathYear ?? null,
      isCorporateWork: work?.isCorporateWork ?? null, claimType: ClaimType.OPT_OUT_IGNORED, respondentCountry: 'JP', asOf: now,
      // The same eligibility screening asks: the recorded authors' law, else the holder as the author.
      authors: work?.authors?.length ? work.authors : null,
    });
    return recognitionFrom(outcome);
  }
}

/** Reads the eligibility outcome: recognised when it grants OPT_OUT_RECOGNITION, else why not (English). */
export function recognitionFrom(outcome: EligibilityOutcome): { recognised: boolean; reason: string | null } {
  if (outcome.protections.includes(Protection.OPT_OUT_RECOGNITION)) return { recognised: true, reason: null };
  const protections = outcome.rules.find((r) => r.code === 'PROTECTIONS');
  const art6 = outcome.rules.find((r) => r.code === 'PROTECTED_WORK');
  const parts: string[] = [];
  if (art6 && art6.finding !== 'MET' && protections?.finding !== 'MET') parts.push(art6.explanation.en);
  if (protections) parts.push(protections.explanation.en);
  if (!parts.length) {
    const claim = outcome.rules.find((r) => r.code === 'CLAIM_ACCESS');
    parts.push(claim?.explanation.en ?? 'Eligibility does not grant OPT_OUT_RECOGNITION.');
  }
  return { recognised: false, reason: `Recorded, but not recognised in Japan: ${parts.join(' ')}` };
}

// ---------------------------------------------------------------- input helpers (shared with the import)

/** Signals: default [REGISTRY], duplicates removed, an empty list refused. */
export function normaliseSignals(signals: OptOutSignal[] | null | undefined, check: InputCheck, field: string): OptOutSignal[] {
  if (signals == null) return [OptOutSignal.REGISTRY];
  if (signals.length === 0) check.add(field, 'list at least one signal, or leave it out for [REGISTRY]');
  const known = new Set<string>(Object.values(OptOutSignal));
  signals.forEach((s, i) => { if (!known.has(s)) check.add(`${field}[${i}]`, `"${s}" is not one of ${[...known].join(', ')}`); });
  return [...new Set(signals)];
}

/** One signal value read, or a problem on `field` saying what its vocabulary accepts. */
function readOne(signal: OptOutSignal, value: string, check: InputCheck, field: string): SignalReading | null {
  const result = readSignalValue(signal, value);
  if (!isSignalProblem(result)) return result;
  check.add(field, `is not a value of ${signal} that Chōtei can read: ${result.problem.en}`,
    { key: 'validation.signalValueUnreadable', params: { signal, problem: result.problem } });
  return null;
}

/**
 * Reads a registration's signal values (issue 15; their count and length are checked by the validation layer,
 * src/schema/inputs/opt-out.inputs.ts): each must be a value of its signal's vocabulary that reserves some AI use
 * (a value that reserves nothing is not an opt-out), and together they must not reserve a use that `scope` leaves
 * open — the problem then names the scope they call for. Returns the values read; problems go to `check`.
 */
export function readSignalValues(values: OptOutSignalValueData[], scope: OptOutScope, check: InputCheck): Array<OptOutSignalValueData & { reading: SignalReading }> {
  const read: Array<OptOutSignalValueData & { reading: SignalReading }> = [];
  values.forEach(({ signal, value }, i) => {
    const field = `signalValues[${i}].value`;
    const reading = readOne(signal, value, check, field);
    if (!reading) return;
    if (reading.uses.length === 0) {
      check.add(field, `reserves no AI use: not an opt-out (${reading.explanation.en})`,
        { key: 'validation.signalValueReservesNothing', params: { explanation: reading.explanation } });
      return;
    }
    read.push({ signal, value, reading });
  });
  if (read.length === values.length && read.length > 0) {
    const together = combineReadings(read.map((v) => v.reading));
    if (!scopeCoversReading(scope, together)) {
      const uses = together.uses.join(', ');
      check.add('scope', `does not cover every use that signalValues reserve (${uses}): they call for ${together.scope}`,
        { key: 'validation.scopeNarrowerThanSignalValues', params: { uses, needed: String(together.scope) } });
    }
  }
  return read;
}

/** An opt-out is never backdated: it speaks from its registration on (a few minutes' clock skew allowed). */
export function checkEffectiveFrom(effectiveFrom: Date, now: Date, check: InputCheck, field: string): void {
  if (Number.isNaN(effectiveFrom.getTime())) { check.add(field, 'is not a valid date-time'); return; }
  check.check(effectiveFrom.getTime() >= now.getTime() - BACKDATE_TOLERANCE_MS, field,
    'must not be in the past: an opt-out takes effect from its registration, or from a later date you choose');
}

function listProblems(problems: FieldProblem[], argument: string): AppError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const error = badInput(listed, argument);
  if (problems.length > listed.length) {
    return new AppError('BAD_USER_INPUT', `${error.message} (and ${problems.length - listed.length} more)`, { ...error.details, more: problems.length - listed.length });
  }
  return error;
}
