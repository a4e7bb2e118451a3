import { randomUUID } from 'node:crypto';
import type { Database } from '../persistence/database';
import { Modality, Purpose, RightsHolderRole, Role, WorkKind } from '../domain/enums';
import type { AuthorFacts } from '../domain/types';
import type { AiSystemEntity, WorkEntity } from '../persistence/entities';
import * as aiSystems from '../persistence/repositories/ai-system.repository';
import * as works from '../persistence/repositories/work.repository';
import * as perceptual from '../persistence/repositories/perceptual-opt-out.repository';
import type { RequestContext } from '../policies/context';
import { InputCheck } from '../domain/errors';
import { requireFirm, requireRole } from '../policies/guards';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, toPage } from '../persistence/paging/cursor';
import type { ReferenceService } from './reference.service';
import { ownListScope } from '../policies';
import { ownFile } from './file.service';

export interface WorkData {
  title: string; kind: WorkKind; firstPublishedAt?: Date | null; firstPublicationCountry?: string | null;
  publishedInJapanWithin30Days?: boolean | null; authorDeathYear?: number | null; isCorporateWork?: boolean | null;
  contentHash?: string | null; canonicalUrl?: string | null;
  /** The authors, apart from the holder; omitted: the holder is the only author (the shorthand fields describe it). */
  authors?: AuthorFacts[] | null; holderRole?: RightsHolderRole | null;
  /** The original as a file the creator uploaded (POST /files), for similarity triage (issue 17). */
  referenceFileId?: string | null;
}

export interface AiSystemData {
  name: string; modality: Modality; purpose: Purpose; trainingServerInJapan: boolean; servesJapaneseUsers: boolean; usesRag?: boolean | null;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Creators' works and firms' AI systems. */
export class WorkService {
  constructor(private readonly db: Database, private readonly reference: ReferenceService) {}

  async registerWork(ctx: RequestContext, input: WorkData, now = new Date()): Promise<WorkEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    const check = new InputCheck('input');
    check.check(input.title.trim().length > 0, 'title', 'must not be empty');
    if (input.firstPublicationCountry != null) {
      check.check(this.reference.isKnownCountry(input.firstPublicationCountry.toUpperCase()), 'firstPublicationCountry',
        `"${input.firstPublicationCountry}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`, { key: 'validation.notCountry', params: { code: input.firstPublicationCountry } });
    }
    check.check(!input.firstPublishedAt || input.firstPublishedAt.getTime() <= now.getTime(), 'firstPublishedAt', 'must not be in the future');
    check.check(input.authorDeathYear == null || (input.authorDeathYear >= 1800 && input.authorDeathYear <= now.getUTCFullYear()), 'authorDeathYear',
      `must be a year between 1800 and ${now.getUTCFullYear()}`, { key: 'validation.yearBetween', params: { from: 1800, to: now.getUTCFullYear() } });
    const holderRole = input.holderRole ?? RightsHolderRole.AUTHOR;
    const authors = input.authors?.length ? input.authors : null;
    check.check(authors !== null || holderRole === RightsHolderRole.AUTHOR, 'authors', `must name the authors when the holder's role is ${holderRole}`);
    if (authors) {
      check.check(input.authorDeathYear == null && input.isCorporateWork == null, 'authors',
        'give either authors or the single-author shorthand (authorDeathYear, isCorporateWork), not both');
      authors.forEach((a, i) => {
        check.check(a.name.trim().length > 0, `authors[${i}].name`, 'must not be empty');
        for (const key of ['nationality', 'habitualResidence'] as const) {
          const code = a[key];
          check.check(code == null || this.reference.isKnownCountry(code.toUpperCase()), `authors[${i}].${key}`, `"${code}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`,
            { key: 'validation.notCountry', params: { code: String(code) } });
        }
        check.check(a.deathYear == null || (a.deathYear >= 1800 && a.deathYear <= now.getUTCFullYear()), `authors[${i}].deathYear`,
          `must be a year between 1800 and ${now.getUTCFullYear()}`, { key: 'validation.yearBetween', params: { from: 1800, to: now.getUTCFullYear() } });
      });
    }
    check.check(input.contentHash == null || SHA256_HEX.test(input.contentHash), 'contentHash', 'must be a lowercase hex SHA-256 (64 characters 0-9a-f)');
    check.check(input.canonicalUrl == null || isHttpUrl(input.canonicalUrl), 'canonicalUrl', 'must be an http(s) URL');
    const referenceFile = input.referenceFileId != null ? await ownFile(this.db.reads, viewer, input.referenceFileId, check, 'referenceFileId') : null;
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const work = await works.insertWork(tx, {
      id: randomUUID(), ownerId: viewer.accountId, title: input.title.trim(), kind: input.kind,
      firstPublishedAt: input.firstPublishedAt ?? null, firstPublicationCountry: input.firstPublicationCountry?.toUpperCase() ?? null,
      publishedInJapanWithin30Days: input.publishedInJapanWithin30Days ?? null, authorDeathYear: input.authorDeathYear ?? null,
      isCorporateWork: input.isCorporateWork ?? null, contentHash: input.contentHash ?? null, canonicalUrl: input.canonicalUrl ?? null,
      holderRole, referenceFileId: referenceFile?.id ?? null,
      authors: authors?.map((a) => ({
        name: a.name.trim(), nationality: a.nationality?.toUpperCase() || null, habitualResidence: a.habitualResidence?.toUpperCase() || null,
        deathYear: a.deathYear ?? null, anonymous: a.anonymous === true, corporate: a.corporate === true,
      })) ?? null,
      });
      // An image registered after an allWorks opt-out is covered by it: its perceptual hash joins that opt-out now
      // (checkOptOutsPerceptual), as the opt-out registers the reference images of the works that existed before it.
      if (referenceFile?.perceptualHash) await perceptual.registerReferenceImageWithOptOuts(tx, work, referenceFile.perceptualHash, new Date());
      return work;
    });
  }

  async myWorks(ctx: RequestContext, args: PageArgs): Promise<Page<WorkEntity>> {
    const own = ownListScope(ctx, 'works');
    const first = pageSize(args);
    const after = decodeCursor(args.after, 'myWorks');
    // The cursor is the last work's id (its time is read in the same statement).
    const rows = await works.worksPage(this.db.reads, own.sql('w'), after ? after[0] : null, first + 1);
    return toPage(rows, first, (w) => encodeCursor('myWorks', w.id), after);
  }

  async registerAiSystem(ctx: RequestContext, input: AiSystemData): Promise<AiSystemEntity> {
    const viewer = requireFirm(ctx);
    new InputCheck('input').check(input.name.trim().length > 0, 'name', 'must not be empty').throwIfAny();
    return this.db.transaction((tx) => aiSystems.insertAiSystem(tx, {
      id: randomUUID(), firmId: viewer.firmId, name: input.name.trim(), modality: input.modality, purpose: input.purpose,
      trainingServerInJapan: input.trainingServerInJapan, servesJapaneseUsers: input.servesJapaneseUsers, usesRag: input.usesRag ?? false,
    }));
  }

  /** Public: every registered AI system, or one firm's. */
  async aiSystems(_ctx: RequestContext, firmId?: string | null): Promise<AiSystemEntity[]> {
    return aiSystems.aiSystemsList(this.db.reads, firmId ?? null);
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
