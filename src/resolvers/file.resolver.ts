import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import type { EvidenceEntity, WorkEntity } from '../persistence/entities';
import { Evidence } from '../schema/types/case.types';
import { SimilarityTriage, StoredFile } from '../schema/types/file.types';
import { Work } from '../schema/types/work.types';

/** Evidence.file and Evidence.similarity (issue 17). */
@Resolver(() => Evidence)
export class EvidenceFileResolver {
  @FieldResolver(() => StoredFile, { nullable: true, description: 'The uploaded file (POST /files), when one was attached; its bytes: GET /files/{id}.' })
  file(@Root() row: EvidenceEntity, @Ctx() { loaders }: GraphQLContext) {
    // The file rule admits whoever sees the evidence's case: no second check (src/policies/case.policy.ts mayReadFile).
    return row.fileId ? loaders.storedFile.load(row.fileId) : null;
  }

  @FieldResolver(() => SimilarityTriage, { nullable: true, description: 'Similarity triage of an OUTPUT_SAMPLE file against the reference files of the case\'s works (the best score); null until computed or when nothing compares. Triage only, never a finding.' })
  similarity(@Root() row: EvidenceEntity) {
    if (row.triageScore == null || !row.triageMethod || !row.triageWorkId || !row.triageComputedAt) return null;
    return { score: row.triageScore, method: row.triageMethod, workId: row.triageWorkId, computedAt: row.triageComputedAt };
  }
}

/** SimilarityTriage.work. */
@Resolver(() => SimilarityTriage)
export class SimilarityTriageResolver {
  @FieldResolver(() => Work, { description: 'The work whose reference file the sample was compared with.' })
  async work(@Root() triage: SimilarityTriage, @Ctx() { loaders }: GraphQLContext) {
    return loaders.work.load(triage.workId);
  }
}

/** Work.referenceFile. */
@Resolver(() => Work)
export class WorkReferenceFileResolver {
  @FieldResolver(() => StoredFile, { nullable: true, description: 'The original as an uploaded file (registerWork referenceFileId), for similarity triage; its bytes: GET /files/{id}.' })
  referenceFile(@Root() row: WorkEntity, @Ctx() { loaders }: GraphQLContext) {
    // Whoever sees the work (its owner, the viewers of its cases) may read its reference file (mayReadFile).
    return row.referenceFileId ? loaders.storedFile.load(row.referenceFileId) : null;
  }
}
