/**
 * Point 8 of issue 15: a training-data disclosure presumes reliance only when it covers the work —
 * it lists the work, its source, or a category that contains it. Pure: screening passes in what is
 * stored (the firm's disclosed categories; the text and address of disclosure evidence).
 */
import { WorkKind, TrainingDataCategory } from '../enums';

/** Disclosure categories (TrainingDataCategory) that contain works of each kind. Broad ones (PUBLIC_WEB_CRAWL, OTHER …) contain no kind for sure. */
export const CATEGORIES_CONTAINING: Readonly<Record<WorkKind, readonly string[]>> = {
  [WorkKind.MANGA]: ['MANGA_ANIME'],
  [WorkKind.ANIME]: ['MANGA_ANIME', 'VIDEO'],
  [WorkKind.ILLUSTRATION]: ['ILLUSTRATION'],
  [WorkKind.PHOTOGRAPH]: ['PHOTOGRAPHS', 'STOCK_IMAGES'],
  [WorkKind.LITERATURE]: ['BOOKS'],
  [WorkKind.MUSIC]: ['MUSIC'],
  [WorkKind.CODE]: ['CODE_REPOSITORIES'],
  [WorkKind.VIDEO]: ['VIDEO'],
  [WorkKind.GAME]: [],
  [WorkKind.DATABASE]: [],
  [WorkKind.OTHER]: [],
};

export interface CoverageInput {
  work: { kind: WorkKind; title: string; canonicalUrl: string | null };
  /** The firm's disclosed categories; null when it has not disclosed. */
  categories: readonly string[] | null;
  /** Disclosure evidence: its address and text excerpt. */
  disclosures: { url: string | null; text: string | null }[];
}

export type Coverage = 'WORK' | 'SOURCE' | 'CATEGORY' | null;

/** How a disclosure covers the work, most specific first; null when none does. */
export function disclosureCoverage(input: CoverageInput): Coverage {
  const title = input.work.title.trim().toLowerCase();
  const url = input.work.canonicalUrl?.trim().toLowerCase() || null;
  let origin: string | null = null;
  if (url) {
    try { origin = new URL(url).host; } catch { origin = null; }
  }
  for (const d of input.disclosures) {
    const text = (d.text ?? '').toLowerCase();
    if ((title.length >= 2 && text.includes(title)) || (url && (text.includes(url) || d.url?.toLowerCase() === url))) return 'WORK';
  }
  for (const d of input.disclosures) {
    if (origin && (d.text ?? '').toLowerCase().includes(origin)) return 'SOURCE';
  }
  const containing = CATEGORIES_CONTAINING[input.work.kind] ?? [];
  if (input.categories && input.categories.some((c) => containing.includes(c))) return 'CATEGORY';
  return null;
}
