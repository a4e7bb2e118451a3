import type { Database, Queryable, Tx } from '../persistence/database';
import { SYSTEM_ACTOR } from '../domain/case/case-machine';
import { CaseStatus, EvidenceKind } from '../domain/enums';
import { jobId, QueueName } from '../domain/queues';
import { imageScore, TRIAGE_METHODS, triageBand, triageCitation, triageKindOf, type TriageCitationData } from '../domain/triage';
import type { CaseEntity, EvidenceEntity, StoredFileEntity } from '../persistence/entities';
import * as evidenceRows from '../persistence/repositories/evidence.repository';
import * as files from '../persistence/repositories/stored-file.repository';
import * as works from '../persistence/repositories/work.repository';
import { hammingDistance } from '../infra/similarity/phash';
import { estimatedContainment, parseFingerprint } from '../infra/similarity/text-fingerprint';
import type { CaseWorkflow } from './case-workflow';

/** Statuses in which a new triage score is followed by a re-assessment (before them, screening reads it itself). */
const REASSESSED: ReadonlySet<CaseStatus> = new Set([
  CaseStatus.MEDIATOR_REVIEW, CaseStatus.NOTICE_SENT, CaseStatus.NEGOTIATION, CaseStatus.MEDIATION, CaseStatus.RECOMMENDATION_ISSUED,
  CaseStatus.REMEDY_IN_PROGRESS, CaseStatus.VERIFICATION,
]);

/** Does this evidence take part in triage: an output sample with a file. */
export const triaged = (e: Pick<EvidenceEntity, 'kind' | 'fileId'>) => e.kind === EvidenceKind.OUTPUT_SAMPLE && !!e.fileId;

/**
 * The score of an output file against a reference file of the same kind, or null when they cannot be compared
 * (different kinds, a kind triage does not compare, a fingerprint missing). src/domain/triage.ts names the methods.
 */
export function compareFiles(output: StoredFileEntity, reference: StoredFileEntity): { score: number; method: string } | null {
  const kind = triageKindOf(output.mediaType);
  if (!kind || kind !== triageKindOf(reference.mediaType)) return null;
  if (kind === 'image') {
    if (!output.perceptualHash || !reference.perceptualHash) return null;
    return { score: imageScore(hammingDistance(output.perceptualHash, reference.perceptualHash)), method: TRIAGE_METHODS.image };
  }
  const a = output.textFingerprint ? parseFingerprint(output.textFingerprint) : null;
  const b = reference.textFingerprint ? parseFingerprint(reference.textFingerprint) : null;
  if (!a || !b || a.mode !== b.mode) return null;
  return { score: estimatedContainment(a, b), method: a.mode === 'c3' ? TRIAGE_METHODS.textChars : TRIAGE_METHODS.textWords };
}

/**
 * Triage of every output-sample file of the case not triaged yet (or only `evidenceId`) against the reference
 * files of the case's works: the best score is stored on the evidence with its method and work, and a TRIAGED
 * event (score, method, band; "triage only, not a finding") is appended. Stored fingerprints are compared, no file
 * is read, so screening runs it inside its own transaction. Returns the evidence ids triaged now.
 */
export async function triagePending(tx: Tx, workflow: CaseWorkflow, row: CaseEntity, now: Date, evidenceId?: string): Promise<string[]> {
  const pending = (await evidenceRows.evidenceOf(tx, row.id)).filter((e) => triaged(e) && e.triageComputedAt == null && (!evidenceId || e.id === evidenceId));
  if (!pending.length) return [];
  const caseWorks = (await works.worksOfCase(tx, row.id)).filter((w) => w.referenceFileId);
  if (!caseWorks.length) return [];
  const stored = await files.storedFilesWithIds(tx, [...new Set([...pending.map((e) => e.fileId!), ...caseWorks.map((w) => w.referenceFileId!)])]);
  const byId = new Map(stored.map((f) => [f.id, f]));
  const done: string[] = [];
  for (const evidence of pending) {
    const output = byId.get(evidence.fileId!);
    if (!output) continue;
    let best: { score: number; method: string; workId: string } | null = null;
    for (const work of caseWorks) {
      const reference = byId.get(work.referenceFileId!);
      const compared = reference ? compareFiles(output, reference) : null;
      if (compared && (!best || compared.score > best.score)) best = { ...compared, workId: work.id };
    }
    if (!best) {
      // Nothing of the case compares with it (another kind of file): marked, so that nothing waits for its triage.
      await evidenceRows.setEvidenceTriage(tx, evidence.id, { score: null, method: null, workId: null, computedAt: now });
      continue;
    }
    const score = Math.round(best.score * 1000) / 1000;
    if (!(await evidenceRows.setEvidenceTriage(tx, evidence.id, { score, method: best.method, workId: best.workId, computedAt: now }))) continue;
    Object.assign(evidence, { triageScore: score, triageMethod: best.method, triageWorkId: best.workId, triageComputedAt: now });
    await workflow.record(tx, row, [{
      type: 'TRIAGED', fromStatus: row.status, toStatus: row.status,
      detail: { evidenceId: evidence.id, workId: best.workId, score, method: best.method, band: triageBand(best.method, score), note: 'triage only, not a finding' },
    }], SYSTEM_ACTOR, now);
    done.push(evidence.id);
  }
  return done;
}

/** What an assessment of the case cites as TRIAGE: every triaged evidence file, in evidence order. */
export async function triageCitationsOf(q: Queryable, caseId: string): Promise<TriageCitationData[]> {
  return (await evidenceRows.evidenceOf(q, caseId))
    .filter((e) => e.triageScore != null && e.triageMethod && e.triageWorkId)
    .map((e) => triageCitation(e.id, e.triageWorkId!, e.triageMethod!, e.triageScore!));
}

/** Similarity triage (issue 17): the triage-similarity job's use case. */
export class TriageService {
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow) {}

  /**
   * Triage of one evidence file (the job, enqueued by addEvidence). Idempotent: an evidence triaged already (by an
   * earlier run or by screening) is skipped. A case past screening is then re-assessed, so its assessment cites
   * the score; before that, screening reads it.
   */
  async triageEvidence(caseId: string, evidenceId: string, now: Date): Promise<string> {
    return this.db.transaction(async (tx) => {
      const row = await this.workflow.load(tx, caseId);
      if (row.status === CaseStatus.CLOSED) return 'skipped';
      const done = await triagePending(tx, this.workflow, row, now, evidenceId);
      if (REASSESSED.has(row.status)) {
        await tx.enqueue({ queue: QueueName.SCREEN, name: 'reassess', jobId: jobId('reassess', caseId, evidenceId), payload: { caseId, evidenceId } });
      }
      return done.length ? 'triaged' : 'skipped';
    });
  }
}
