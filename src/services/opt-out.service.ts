import { randomUUID } from 'node:crypto';
import { Brackets, EntityManager, In, IsNull } from 'typeorm';
import type { Database, Tx } from '../persistence/database';
import { ClaimType, OptOutScope, OptOutSignal, Protection, Role, OptOutChangeKind } from '../domain/enums';
import type { AssessmentFacts, EligibilityOutcome } from '../domain/types';
import {
  CreatorProfileEntity, OptOutAcknowledgementEntity, OptOutChangeEntity, OptOutEntity, WorkEntity,
} from '../persistence/entities';
import type { RequestContext } from './context';
import { systemContext } from './context';
import { AppError, badInput, FieldProblem, InputCheck, notFound } from '../domain/errors';
import { requireFirm, requireRole } from './guards';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, toPage } from '../persistence/paging/cursor';
import type { ReferenceService } from './reference.service';
import { SHA256_HEX } from './work.service';
import { ownListScope, scopedQuery, sharedFirmSurface } from '../policies';

export interface OptOutData {
  workId?: string | null; allWorks?: boolean | null; scope: OptOutScope; signals?: OptOutSignal[] | null; effectiveFrom?: Date | null;
}


export interface OptOutFeedItem { seq: number; change: OptOutChangeKind; at: Date; optOut: OptOutEntity }
export interface OptOutMatchData { contentHash: string; optOut: OptOutEntity }

/** Most hashes one checkOptOuts call takes (API.md). */
export const MAX_CHECK_HASHES = 10_000;
/** Most ids one acknowledgeOptOuts call takes. */
export const MAX_ACK_IDS = 10_000;
/** Hashes or ids per statement: well under SQLite's and PostgreSQL's bound-variable limits. */
export const SQL_CHUNK = 500;
/** Hashes per checkOptOuts statement (one bound parameter each, so no variable limit applies). */
export const CHECK_CHUNK = 5_000;
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

  async registerOptOut(ctx: RequestContext, input: OptOutData, now = new Date()): Promise<OptOutEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    const check = new InputCheck('input');
    const allWorks = input.allWorks === true;
    if (allWorks && input.workId) check.add('workId', 'give either workId or allWorks: true, not both');
    if (!allWorks && !input.workId) check.add('workId', 'name one of your works, or set allWorks: true for all of them');
    const signals = normaliseSignals(input.signals, check, 'signals');
    const effectiveFrom = input.effectiveFrom ?? now;
    checkEffectiveFrom(effectiveFrom, now, check, 'effectiveFrom');
    check.throwIfAny();

    const profile = await this.db.reader.findOne(CreatorProfileEntity, { where: { accountId: viewer.accountId } });
    if (!profile) throw new AppError('FORBIDDEN', 'This CREATOR account has no creator profile');
    let work: WorkEntity | null = null;
    if (input.workId) {
      work = await this.db.reader.findOne(WorkEntity, { where: { id: input.workId } });
      // Another creator's work is reported exactly like a missing one.
      if (!work || work.ownerId !== viewer.accountId) check.add('workId', `no work of yours has the id ${input.workId}`).throwIfAny();
    }
    const recognition = await this.recognition(profile, work, now);

    return this.db.transaction(async (tx) => {
      // Taken first on PostgreSQL: it also serialises two registrations of the same opt-out, so the duplicate check holds.
      await lockOptOutFeed(tx);
      const duplicate = await tx.em.findOne(OptOutEntity, {
        where: { ownerId: viewer.accountId, ...(work ? { workId: work.id } : { allWorks: true }), scope: input.scope, withdrawnAt: IsNull() },
      });
      if (duplicate) {
        check.add(work ? 'workId' : 'allWorks',
          `you already have an active ${input.scope} opt-out for ${work ? 'this work' : 'all your works'} (${duplicate.id}); withdraw it first to change it`).throwIfAny();
      }
      const row = tx.em.create(OptOutEntity, {
        id: randomUUID(), ownerId: viewer.accountId, workId: work?.id ?? null, allWorks, scope: input.scope, signals, effectiveFrom,
        withdrawnAt: null, recognised: recognition.recognised, notRecognisedReason: recognition.reason, contentHash: work?.contentHash ?? null,
        importKey: null, createdAt: now,
      });
      await tx.em.insert(OptOutEntity, row);
      await appendOptOutChanges(tx, [{ optOutId: row.id, kind: OptOutChangeKind.REGISTERED, at: now }]);
      return row;
    });
  }

  /**
   * Owner only (others get NOT_FOUND, as for a missing id). Withdrawing an
   * opt-out that is already withdrawn is idempotent: it returns the opt-out
   * unchanged and appends nothing to the feed (a retried request is safe).
   */
  async withdrawOptOut(ctx: RequestContext, id: string, now = new Date()): Promise<OptOutEntity> {
    const own = ownListScope(ctx, 'optOuts');
    return this.db.transaction(async (tx) => {
      const row = await tx.em.findOne(OptOutEntity, { where: { id } });
      if (!row || !own.owns(row.ownerId)) throw notFound('Opt-out', id);
      if (row.withdrawnAt) return row;
      // Guarded: of two concurrent withdrawals only one moves the row and appends the change.
      const result = await tx.em.createQueryBuilder().update(OptOutEntity).set({ withdrawnAt: now })
        .where('id = :id AND "withdrawnAt" IS NULL', { id }).execute();
      if (!result.affected) return (await tx.em.findOne(OptOutEntity, { where: { id } }))!;
      await appendOptOutChanges(tx, [{ optOutId: id, kind: OptOutChangeKind.WITHDRAWN, at: now }]);
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
    const known = new Set<string>();
    for (const chunk of chunks(unique, SQL_CHUNK)) {
      const rows = await this.db.reader.find(OptOutEntity, { select: { id: true }, where: { id: In(chunk) } });
      for (const r of rows) known.add(r.id);
    }
    const problems: FieldProblem[] = [];
    ids.forEach((id, i) => { if (!known.has(id)) problems.push({ field: `ids[${i}]`, message: `no opt-out has the id ${id}`, argument: 'ids' }); });
    if (problems.length) throw listProblems(problems, 'ids');
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const chunk of chunks(unique, SQL_CHUNK)) {
        const params: unknown[] = [];
        const values = chunk.map((id) => {
          params.push(id, viewer.firmId, sqlDate(tx.kind, now));
          const n = params.length;
          return `(${ph(tx.kind, n - 2)}, ${ph(tx.kind, n - 1)}, ${ph(tx.kind, n)})`;
        });
        const rows = await tx.em.query(
          `INSERT INTO "opt_out_acknowledgement" ("optOutId", "firmId", "acknowledgedAt") VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING "optOutId"`,
          params,
        ) as unknown[];
        added += Array.isArray(rows) ? rows.length : 0;
      }
      return added;
    });
  }

  /** AI_FIRM: every registration and withdrawal in commit order; the cursor is the change's seq. */
  async optOutFeed(ctx: RequestContext, args: PageArgs): Promise<Page<OptOutFeedItem>> {
    sharedFirmSurface(ctx);
    const first = pageSize(args);
    const after = decodeCursor(args.after, 'optOutFeed');
    const afterSeq = after ? Number(after[0]) : 0;
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) new InputCheck('after').add('after', 'is not a cursor this list gave out').throwIfAny();
    const kind = this.db.kind;
    const rows = await this.db.reader.query(
      `SELECT c."seq" AS "changeSeq", c."kind" AS "changeKind", c."at" AS "changeAt", ${OPT_OUT_COLUMNS('o')}
       FROM "opt_out_change" c JOIN "opt_out" o ON o."id" = c."optOutId"
       WHERE c."seq" > ${ph(kind, 1)} ORDER BY c."seq" ASC LIMIT ${ph(kind, 2)}`,
      [afterSeq, first + 1],
    ) as Array<Record<string, unknown>>;
    const items = rows.map((r): OptOutFeedItem => ({
      seq: Number(r.changeSeq), change: r.changeKind as OptOutChangeKind, at: toDate(r.changeAt)!, optOut: hydrateOptOut(r),
    }));
    return toPage(items, first, (item) => encodeCursor('optOutFeed', item.seq));
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
    const found = await findActiveOptOutsByHash(this.db.reader, this.db.kind, hashes, now);
    const out: OptOutMatchData[] = [];
    for (const hash of hashes) for (const optOut of found.get(hash) ?? []) out.push({ contentHash: hash, optOut });
    return out;
  }

  /** CREATOR: your opt-outs, oldest first. */
  async myOptOuts(ctx: RequestContext, args: PageArgs): Promise<Page<OptOutEntity>> {
    const own = ownListScope(ctx, 'optOuts');
    const first = pageSize(args);
    const after = decodeCursor(args.after, 'myOptOuts');
    const qb = scopedQuery(this.db.reader, OptOutEntity, 'o', own.sql('o'));
    if (after) {
      qb.andWhere(new Brackets((b) => b.where('o.createdAt > :at', { at: new Date(after[0]) })
        .orWhere('o.createdAt = :at AND o.id > :id', { at: new Date(after[0]), id: after[1] })));
    }
    const rows = await qb.orderBy('o.createdAt', 'ASC').addOrderBy('o.id', 'ASC').take(first + 1).getMany();
    return toPage(rows, first, (o) => encodeCursor('myOptOuts', o.createdAt.toISOString(), o.id));
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

/**
 * PostgreSQL: one writer of the feed at a time until commit, so seq order is
 * commit order (readers are not blocked: EXCLUSIVE allows ACCESS SHARE).
 * SQLite serialises every write transaction already. Taking it twice in one
 * transaction is harmless.
 */
export async function lockOptOutFeed(tx: Tx): Promise<void> {
  if (tx.kind === 'postgres') await tx.em.query('LOCK TABLE "opt_out_change" IN EXCLUSIVE MODE');
}

/** Appends feed changes in the current write transaction (see lockOptOutFeed). */
export async function appendOptOutChanges(tx: Tx, changes: Array<{ optOutId: string; kind: OptOutChangeKind; at: Date }>): Promise<void> {
  if (!changes.length) return;
  await lockOptOutFeed(tx);
  for (const chunk of chunks(changes, SQL_CHUNK)) await tx.em.insert(OptOutChangeEntity, chunk);
}

/**
 * Active (recognised, not withdrawn, effective at `now`) opt-outs covering
 * each hash. One statement per chunk finds the works with the hash through
 * the indexed work.contentHash column and, joined through the workId index,
 * their per-work opt-outs (whose contentHash is a copy of the work's); the
 * works' owners then find allWorks opt-outs. Each chunk is one bound
 * parameter (json_each on SQLite, an array on PostgreSQL), so SQLite's
 * variable limit never applies. allWorks opt-outs are read through the
 * workId index (they are the rows whose workId is NULL), not the owner
 * index, so a collective with a large catalogue costs no more than a single
 * creator. (Joining from the work saves the second contentHash probe per
 * hash that looking up opt_out.contentHash and work.contentHash separately
 * would cost: about a fifth of the time at 1,000,000 opt-outs.)
 */
export async function findActiveOptOutsByHash(em: EntityManager, kind: 'sqlite' | 'postgres', hashes: string[], now: Date): Promise<Map<string, OptOutEntity[]>> {
  const out = new Map<string, OptOutEntity[]>();
  const add = (hash: string, o: OptOutEntity) => {
    const list = out.get(hash);
    if (!list) out.set(hash, [o]);
    else if (!list.some((x) => x.id === o.id)) list.push(o);
  };
  const nowParam = sqlDate(kind, now);
  const active = (n: number) => `o."recognised" = ${bool(kind, true)} AND o."withdrawnAt" IS NULL AND o."effectiveFrom" <= ${ph(kind, n)}`;
  const isIn = (column: string, n: number) => (kind === 'postgres'
    ? `${column} = ANY(${ph(kind, n)}::varchar[])` : `${column} IN (SELECT value FROM json_each(${ph(kind, n)}))`);
  const bind = (values: string[]) => (kind === 'postgres' ? values : JSON.stringify(values));
  const hydrate = hydrator();

  const ownersByHash = new Map<string, Set<string>>();
  for (const chunk of chunks(hashes, CHECK_CHUNK)) {
    const rows = await em.query(
      `SELECT w."contentHash" AS "matchedHash", w."ownerId" AS "workOwnerId", ${OPT_OUT_COLUMNS('o')}
       FROM "work" w LEFT JOIN "opt_out" o ON o."workId" = w."id" AND ${active(1)}
       WHERE ${isIn('w."contentHash"', 2)}`,
      [nowParam, bind(chunk)],
    ) as Array<Record<string, unknown>>;
    for (const r of rows) {
      const hash = String(r.matchedHash);
      const owners = ownersByHash.get(hash) ?? new Set<string>();
      owners.add(String(r.workOwnerId));
      ownersByHash.set(hash, owners);
      if (r.id != null) add(hash, hydrate(r));
    }
  }
  const owners = [...new Set([...ownersByHash.values()].flatMap((set) => [...set]))];
  const allWorksByOwner = new Map<string, OptOutEntity[]>();
  for (const chunk of chunks(owners, CHECK_CHUNK)) {
    // `+` keeps SQLite off the (ownerId, createdAt) index, which would read every opt-out of a large catalogue.
    const owner = kind === 'postgres' ? 'o."ownerId"' : '+o."ownerId"';
    const rows = await em.query(`SELECT ${OPT_OUT_COLUMNS('o')} FROM "opt_out" o WHERE o."workId" IS NULL AND ${isIn(owner, 1)} AND ${active(2)}`,
      [bind(chunk), nowParam]) as Array<Record<string, unknown>>;
    for (const r of rows) {
      const o = hydrate(r);
      if (!o.allWorks) continue;
      allWorksByOwner.set(o.ownerId, [...(allWorksByOwner.get(o.ownerId) ?? []), o]);
    }
  }
  if (allWorksByOwner.size) {
    for (const [hash, set] of ownersByHash) for (const owner of set) for (const o of allWorksByOwner.get(owner) ?? []) add(hash, o);
  }
  for (const entries of out.values()) if (entries.length > 1) entries.sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.id.localeCompare(b.id));
  return out;
}

/**
 * The opt-out facts of a complaint for the criteria (AssessmentFacts['optOut']):
 * opt-outs of the complainant covering any of the works (one of them, or all
 * their works) that were not withdrawn before the use (or are not withdrawn,
 * when the use date is unknown).
 * - registered: such an opt-out exists;
 * - recognised: one of them is recognised;
 * - signals: the signals of the recognised ones (of all, when none is);
 * - acknowledgedByFirm: the firm acknowledged one of them;
 * - effectiveBeforeUse: a recognised one (any, when none is) took effect on or
 *   before the use date; null when the use date is unknown or none is registered.
 */
export async function optOutFactsFor(
  em: EntityManager, args: { workIds: string[]; complainantId: string; firmId: string; useDate?: Date | null; /** Also each counted opt-out's scope and signals (the most restrictive covering the use decides). */ withEntries?: boolean },
): Promise<AssessmentFacts['optOut']> {
  const none: AssessmentFacts['optOut'] = { registered: false, recognised: false, signals: [], acknowledgedByFirm: false, effectiveBeforeUse: null };
  const qb = em.createQueryBuilder(OptOutEntity, 'o').where('o.ownerId = :owner', { owner: args.complainantId })
    .andWhere(new Brackets((b) => {
      b.where('o.allWorks = :all', { all: true });
      if (args.workIds.length) b.orWhere('o.workId IN (:...workIds)', { workIds: args.workIds });
    }));
  const useDate = args.useDate ?? null;
  if (useDate) qb.andWhere(new Brackets((b) => b.where('o.withdrawnAt IS NULL').orWhere('o.withdrawnAt > :use', { use: useDate })));
  else qb.andWhere('o.withdrawnAt IS NULL');
  const rows = await qb.getMany();
  if (!rows.length) return none;
  const recognised = rows.filter((r) => r.recognised);
  const relevant = recognised.length ? recognised : rows;
  const signals = [...new Set(relevant.flatMap((r) => r.signals))];
  const acks = await em.count(OptOutAcknowledgementEntity, { where: { firmId: args.firmId, optOutId: In(rows.map((r) => r.id)) } });
  return {
    registered: true,
    recognised: recognised.length > 0,
    signals,
    ...(args.withEntries ? { entries: relevant.map((r) => ({ scope: r.scope, signals: [...r.signals] })) } : {}),
    acknowledgedByFirm: acks > 0,
    effectiveBeforeUse: useDate ? relevant.some((r) => r.effectiveFrom.getTime() <= useDate.getTime()) : null,
  };
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

// ---------------------------------------------------------------- raw SQL helpers (both drivers)

export const OPT_OUT_COLUMNS = (a: string) => ['id', 'ownerId', 'workId', 'allWorks', 'scope', 'signals', 'effectiveFrom', 'withdrawnAt', 'recognised',
  'notRecognisedReason', 'contentHash', 'importKey', 'createdAt'].map((c) => `${a}."${c}" AS "${c}"`).join(', ');

/** The n-th (1-based) bound parameter. */
export const ph = (kind: 'sqlite' | 'postgres', n: number) => (kind === 'postgres' ? `$${n}` : '?');
export const bool = (kind: 'sqlite' | 'postgres', v: boolean) => (kind === 'postgres' ? (v ? 'TRUE' : 'FALSE') : v ? '1' : '0');

/** A date as the driver stores it: TypeORM keeps SQLite datetimes as UTC "YYYY-MM-DD HH:MM:SS.SSS" text. */
export function sqlDate(kind: 'sqlite' | 'postgres', d: Date): Date | string {
  return kind === 'postgres' ? d : d.toISOString().replace('T', ' ').replace('Z', '');
}

/** A date from a raw row (a Date on PostgreSQL, text on SQLite). */
export function toDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d/.test(s) ? `${s.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? '' : 'Z'}` : s);
}

/** hydrateOptOut with the parsed signal lists shared (a few distinct lists over thousands of rows). */
export function hydrator(): (r: Record<string, unknown>) => OptOutEntity {
  const signals = new Map<string, OptOutSignal[]>();
  return (r) => {
    if (typeof r.signals !== 'string') return hydrateOptOut(r);
    let parsed = signals.get(r.signals);
    if (!parsed) { parsed = JSON.parse(r.signals) as OptOutSignal[]; signals.set(r.signals, parsed); }
    return hydrateOptOut({ ...r, signals: [...parsed] });
  };
}

export function hydrateOptOut(r: Record<string, unknown>): OptOutEntity {
  return Object.assign(new OptOutEntity(), {
    id: String(r.id), ownerId: String(r.ownerId), workId: (r.workId as string | null) ?? null, allWorks: r.allWorks === true || r.allWorks === 1,
    scope: r.scope as OptOutScope, signals: (typeof r.signals === 'string' ? JSON.parse(r.signals) : r.signals) as OptOutSignal[],
    effectiveFrom: toDate(r.effectiveFrom)!, withdrawnAt: toDate(r.withdrawnAt), recognised: r.recognised === true || r.recognised === 1,
    notRecognisedReason: (r.notRecognisedReason as string | null) ?? null, contentHash: (r.contentHash as string | null) ?? null,
    importKey: (r.importKey as string | null) ?? null, createdAt: toDate(r.createdAt)!,
  });
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
