import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../scalars';

@ObjectType({ simpleResolvers: true, description: 'An uploaded file (POST /files): its bytes are served by GET /files/{id} to those who may see it.' })
export class StoredFile {
  @Field(() => ID, { description: 'Identifier; addEvidence takes it as fileId, registerWork as referenceFileId.' }) id: string;
  @Field({ description: 'SHA-256 of the bytes, lowercase hex.' }) sha256: string;
  @Field(() => Int, { description: 'Size in bytes.' }) size: number;
  @Field({ description: 'Media type sniffed from the content (not the name), e.g. image/png, application/pdf, text/plain.' }) mediaType: string;
  @Field(() => String, { nullable: true, description: 'The name the uploader gave the file (display only).' }) fileName: string | null;
  @Field(() => String, { nullable: true, description: 'Images: the 64-bit DCT perceptual hash, 16 hex characters (the hash checkOptOutsPerceptual compares; algorithm in src/infra/similarity/README.md). Null for other files.' })
  perceptualHash: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Similarity triage of an output sample against a work\'s reference file: orders the work and routes screening, never a finding (SIMILARITY stays a human judgement).' })
export class SimilarityTriage {
  @Field(() => Float, { description: 'Score 0..1: images 1 − hamming(pHash)/64; text the estimated share of the sample\'s shingles found in the reference (MinHash).' }) score: number;
  @Field({ description: 'How the score was computed: image-phash-dct64, text-minhash-w3 (word 3-grams) or text-minhash-c3 (character 3-grams, for Japanese).' }) method: string;
  @Field(() => DateTime, { description: 'When it was computed.' }) computedAt: Date;
  /** The work compared with (resolved by the field resolver `work`). */
  workId: string;
}

@ObjectType({ simpleResolvers: true, description: 'An assessment\'s citation of similarity triage: a separate entry, never a finding.' })
export class TriageCitation {
  @Field({ description: 'Always TRIAGE.' }) code: string;
  @Field(() => ID, { description: 'The evidence whose file was triaged.' }) evidenceId: string;
  @Field(() => ID, { description: 'The work whose reference file it was compared with.' }) workId: string;
  @Field({ description: 'How the score was computed (see SimilarityTriage.method).' }) method: string;
  @Field(() => Float, { description: 'Score 0..1.' }) score: number;
  @Field({ description: 'STRONG (at or above the high threshold), MODERATE, or WEAK (below the low threshold: screening sends the case to a mediator).' }) band: string;
  @Field({ description: 'What the entry rests on: "triage only, not a finding".' }) citation: string;
}
