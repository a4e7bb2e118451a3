/**
 * Which opt-out decides (issue 15 point 10). An opt-out has a scope (what it reserves) and the signals
 * that express it. For the use complained of, the opt-outs whose scope covers it count; where they
 * disagree, the most restrictive wins, and the assessment names the signal that decided.
 *
 * Uses: TRAINING (stages TRAINING, FINE_TUNE, or none given), INFERENCE (RAG, GENERATION: the work as an
 * input at inference time), SEARCH (an inference use incidental to a search result, the Art. 47-5 fact).
 */
import { OptOutScope, OptOutSignal, Purpose, UseStage } from './enums';

export type OptOutUse = 'TRAINING' | 'INFERENCE' | 'SEARCH';
/** The uses as a vocabulary (the GraphQL enum OptOutUse). */
export const OptOutUses: { readonly [U in OptOutUse]: U } = { TRAINING: 'TRAINING', INFERENCE: 'INFERENCE', SEARCH: 'SEARCH' };

/** The uses each scope reserves, and how restrictive it is (more uses reserved = more restrictive). */
const COVERS: Readonly<Record<OptOutScope, readonly OptOutUse[]>> = {
  [OptOutScope.ALL_AI_USE]: ['TRAINING', 'INFERENCE', 'SEARCH'],
  [OptOutScope.ALL_AI_USE_EXCEPT_SEARCH]: ['TRAINING', 'INFERENCE'],
  [OptOutScope.ALL_AI_TRAINING]: ['TRAINING'],
  [OptOutScope.GENERATIVE_TRAINING]: ['TRAINING'],
  [OptOutScope.COMMERCIAL_TRAINING]: ['TRAINING'],
  [OptOutScope.AI_INFERENCE]: ['INFERENCE', 'SEARCH'],
};

/** Most restrictive first; ties are broken in this order. */
const RESTRICTIVENESS: readonly OptOutScope[] = [
  OptOutScope.ALL_AI_USE, OptOutScope.ALL_AI_USE_EXCEPT_SEARCH, OptOutScope.ALL_AI_TRAINING, OptOutScope.AI_INFERENCE,
  OptOutScope.GENERATIVE_TRAINING, OptOutScope.COMMERCIAL_TRAINING,
];

/** Which of an opt-out's signals is named as the one that decided: the registry, then the standards, then the rest. */
export const SIGNAL_PRECEDENCE: readonly OptOutSignal[] = [
  OptOutSignal.REGISTRY, OptOutSignal.AI_PREFERENCES, OptOutSignal.CONTENT_SIGNAL, OptOutSignal.RSL, OptOutSignal.TDMREP,
  OptOutSignal.ROBOTS_TXT, OptOutSignal.X_ROBOTS_TAG_NOAI, OptOutSignal.CAWG, OptOutSignal.IPTC_DMI, OptOutSignal.AI_TXT,
];

export interface OptOutEntry { scope: OptOutScope; signals: OptOutSignal[] }

export interface OptOutDecision {
  use: OptOutUse;
  /** Whether any opt-out's scope reserves this use. */
  covers: boolean;
  /** The opt-out that decided: the most restrictive that covers the use (the most restrictive of all when none does). */
  scope: OptOutScope | null;
  signal: OptOutSignal | null;
}

export function useOf(stage: UseStage | null | undefined, searchResult: boolean): OptOutUse {
  if (stage === UseStage.RAG || stage === UseStage.GENERATION) return searchResult ? 'SEARCH' : 'INFERENCE';
  return 'TRAINING';
}

/** Whether `scope` reserves `use` for a system of this purpose (COMMERCIAL_TRAINING: only commercial systems). */
export function scopeCovers(scope: OptOutScope, use: OptOutUse, purpose: Purpose | null | undefined): boolean {
  if (scope === OptOutScope.COMMERCIAL_TRAINING && purpose != null && purpose !== Purpose.COMMERCIAL) return false;
  return (COVERS[scope] ?? []).includes(use);
}

export function decideOptOut(entries: OptOutEntry[], use: OptOutUse, purpose: Purpose | null | undefined): OptOutDecision {
  if (entries.length === 0) return { use, covers: false, scope: null, signal: null };
  const rank = (e: OptOutEntry) => { const i = RESTRICTIVENESS.indexOf(e.scope); return i < 0 ? RESTRICTIVENESS.length : i; };
  const covering = entries.filter((e) => scopeCovers(e.scope, use, purpose));
  const pool = covering.length ? covering : entries;
  const best = [...pool].sort((a, b) => rank(a) - rank(b))[0];
  const signalRank = (s: OptOutSignal) => { const i = SIGNAL_PRECEDENCE.indexOf(s); return i < 0 ? SIGNAL_PRECEDENCE.length : i; };
  // Among the opt-outs of that same scope, the signal that ranks first decided.
  const signals = pool.filter((e) => e.scope === best.scope).flatMap((e) => e.signals).sort((a, b) => signalRank(a) - signalRank(b));
  return { use, covers: covering.length > 0, scope: best.scope, signal: signals[0] ?? null };
}
