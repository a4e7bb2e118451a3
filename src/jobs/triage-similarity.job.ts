import type { Processor } from './job-context';

/** An output sample with a file was added to a case whose works have reference files. Ids only. */
export interface TriageSimilarityJobData { caseId: string; evidenceId: string }

/**
 * Similarity triage of one evidence file against the case's reference files (job id `triage-<evidenceId>`,
 * queue screen): the score on the evidence, a TRIAGED event, then a re-assessment of a case past screening.
 * Idempotent (an evidence triaged already is skipped).
 */
export const processTriageSimilarity: Processor<TriageSimilarityJobData> = async (ctx, { caseId, evidenceId }) =>
  ctx.services.triage.triageEvidence(caseId, evidenceId, ctx.now());
