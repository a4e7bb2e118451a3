import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795314624211 implements MigrationInterface {
  name = 'Initial1795314624211';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "account" ("id" character varying(36) NOT NULL, "email" character varying(320) NOT NULL, "passwordHash" character varying(200) NOT NULL, "displayName" character varying(200) NOT NULL, "role" character varying(16) NOT NULL, "locale" character varying(8) NOT NULL DEFAULT 'ja', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_4c8f96ccf523e9a3faefd5bdd4" ON "account"  ("email") `);
    await q.query(`CREATE TABLE "ai_firm" ("id" character varying(36) NOT NULL, "accountId" character varying(36) NOT NULL, "legalName" character varying(300) NOT NULL, "country" character varying(2) NOT NULL, "servesJapaneseUsers" boolean NOT NULL, "webhookUrl" character varying(2000), "webhookSecret" character varying(100), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b319425c8f10b1fd955aa92643f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_29b9fcc775e1b461616cfdc4e3" ON "ai_firm"  ("accountId") `);
    await q.query(`CREATE TABLE "ai_system" ("id" character varying(36) NOT NULL, "firmId" character varying(36) NOT NULL, "name" character varying(300) NOT NULL, "modality" character varying(16) NOT NULL, "purpose" character varying(16) NOT NULL, "trainingServerInJapan" boolean NOT NULL, "servesJapaneseUsers" boolean NOT NULL, "usesRag" boolean NOT NULL DEFAULT false, "disclosedAt" TIMESTAMP WITH TIME ZONE, "trainingDataCategories" text, "trainingCutoff" TIMESTAMP WITH TIME ZONE, "suppressionMeasures" text, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc3f92b26cfb682d0a31b1fc5c2" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_e4676d776e902f90f6a9dc1638" ON "ai_system"  ("firmId") `);
    await q.query(`CREATE TABLE "api_key" ("id" character varying(36) NOT NULL, "accountId" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(20) NOT NULL, "secretHash" character varying(64) NOT NULL, "revokedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_4551b283dcaa2667f62d917d2b" ON "api_key"  ("accountId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_b783aca587d2cfb4c54f2bb321" ON "api_key"  ("secretHash") `);
    await q.query(`CREATE TABLE "assessment" ("id" character varying(36) NOT NULL, "caseId" character varying(36) NOT NULL, "number" integer NOT NULL, "ruleSetVersion" character varying(20) NOT NULL, "decision" character varying(24) NOT NULL, "strength" character varying(16), "tier" character varying(24), "findings" text NOT NULL, "missingFacts" text NOT NULL, "recommendedRemedies" text NOT NULL, "eligibility" text NOT NULL, "ordersDisclosure" boolean NOT NULL DEFAULT false, "trigger" character varying(24) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a4e02e2f536aae5753dbac649b" ON "assessment"  ("caseId", "createdAt") `);
    await q.query(`CREATE TABLE "case" ("id" character varying(36) NOT NULL, "reference" character varying(20) NOT NULL, "status" character varying(24) NOT NULL, "outcome" character varying(16), "resolution" character varying(32), "claimType" character varying(40) NOT NULL, "stage" character varying(16) NOT NULL, "complainantId" character varying(36) NOT NULL, "respondentFirmId" character varying(36) NOT NULL, "aiSystemId" character varying(36), "mediatorId" character varying(36), "facts" text NOT NULL, "requestedRemedies" text NOT NULL, "claimedAmountJpy" bigint, "statement" text NOT NULL, "dedupKey" character varying(64) NOT NULL, "machine" text NOT NULL, "ruleSetVersion" character varying(20), "noticeSentAt" TIMESTAMP WITH TIME ZONE, "closedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_a1b20a2aef6fc438389d2c4aca0" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_056b52dccfbe938c2a32eaf0c1" ON "case"  ("reference") `);
    await q.query(`CREATE INDEX "IDX_debf09d087cebe3ff272ce2cb4" ON "case"  ("dedupKey") `);
    await q.query(`CREATE INDEX "IDX_ce3d15b85bc4c56b9b3466dac8" ON "case"  ("status", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_85e60f1a54555fcfe28f84149f" ON "case"  ("mediatorId", "status") `);
    await q.query(`CREATE INDEX "IDX_4b49a887c3456f92c5c28142c8" ON "case"  ("respondentFirmId", "status") `);
    await q.query(`CREATE INDEX "IDX_c32efd59036262d3e9d8c00ae1" ON "case"  ("complainantId", "createdAt") `);
    await q.query(`CREATE TABLE "case_event" ("id" SERIAL NOT NULL, "caseId" character varying(36) NOT NULL, "seq" integer NOT NULL, "type" character varying(64) NOT NULL, "fromStatus" character varying(24), "toStatus" character varying(24), "actorId" character varying(36), "actorRole" character varying(16) NOT NULL, "detail" text NOT NULL, "idempotencyKey" character varying(120), "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5b6e18b2d4fd178711a2269645e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_00bc387dc944844143f4a3db3d" ON "case_event"  ("idempotencyKey") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_febbd9a77579d59b2338702cf6" ON "case_event"  ("caseId", "seq") `);
    await q.query(`CREATE TABLE "case_work" ("caseId" character varying(36) NOT NULL, "workId" character varying(36) NOT NULL, CONSTRAINT "PK_3f71ead403185c35351abb771eb" PRIMARY KEY ("caseId", "workId"))`);
    await q.query(`CREATE INDEX "IDX_4897fe304ea731d0e3ef98e1ec" ON "case_work"  ("workId") `);
    await q.query(`CREATE TABLE "deadline" ("id" character varying(36) NOT NULL, "caseId" character varying(36) NOT NULL, "kind" character varying(24) NOT NULL, "startsAt" TIMESTAMP WITH TIME ZONE NOT NULL, "dueAt" TIMESTAMP WITH TIME ZONE NOT NULL, "state" character varying(12) NOT NULL, "remindersSent" integer NOT NULL DEFAULT '0', "firedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9b68db28fc035ed8a84691bfbaf" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a7e00e08576fa41eb689478f18" ON "deadline"  ("caseId", "state") `);
    await q.query(`CREATE INDEX "IDX_3cfb7deef17ffff57260ba519d" ON "deadline"  ("state", "dueAt") `);
    await q.query(`CREATE TABLE "creator_profile" ("accountId" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "nationality" character varying(2) NOT NULL, "principalOfficeCountry" character varying(2), CONSTRAINT "PK_7ea16e3ba1e6a815eba704dc9a0" PRIMARY KEY ("accountId"))`);
    await q.query(`CREATE TABLE "evidence" ("id" character varying(36) NOT NULL, "caseId" character varying(36) NOT NULL, "submittedById" character varying(36) NOT NULL, "kind" character varying(32) NOT NULL, "description" text NOT NULL, "url" character varying(2000), "sha256" character varying(64), "textExcerpt" text, "similarityScore" double precision, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_0f445106819fe5c8f06b7c2bd0" ON "evidence"  ("caseId", "createdAt") `);
    await q.query(`CREATE TABLE "mediator_profile" ("accountId" character varying(36) NOT NULL, "languages" text NOT NULL, "specialties" text NOT NULL, "capacity" integer NOT NULL, "conflicts" text NOT NULL, CONSTRAINT "PK_e53c989ea8ecbd4c35f860c1f3d" PRIMARY KEY ("accountId"))`);
    await q.query(`CREATE TABLE "outbox" ("id" SERIAL NOT NULL, "queue" character varying(40) NOT NULL, "name" character varying(60) NOT NULL, "jobId" character varying(160) NOT NULL, "payload" text NOT NULL, "runAt" TIMESTAMP WITH TIME ZONE, "dispatchedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_6400d9d7f733bbf0a597c1b3a7" ON "outbox"  ("dispatchedAt", "id") `);
    await q.query(`CREATE TABLE "reference_counter" ("name" character varying(20) NOT NULL, "value" integer NOT NULL, CONSTRAINT "PK_357bc7d12282808be87d62335c8" PRIMARY KEY ("name"))`);
    await q.query(`CREATE TABLE "work" ("id" character varying(36) NOT NULL, "ownerId" character varying(36) NOT NULL, "title" character varying(500) NOT NULL, "kind" character varying(16) NOT NULL, "firstPublishedAt" TIMESTAMP WITH TIME ZONE, "firstPublicationCountry" character varying(2), "publishedInJapanWithin30Days" boolean, "authorDeathYear" integer, "isCorporateWork" boolean, "contentHash" character varying(64), "canonicalUrl" character varying(2000), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1ad2a9dfd058d66c37e6d495222" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_45837a676703f025f270b9af62" ON "work"  ("contentHash") `);
    await q.query(`CREATE INDEX "IDX_e1955af9dc2d2ab50e5c9d0617" ON "work"  ("ownerId", "createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_e1955af9dc2d2ab50e5c9d0617"`);
    await q.query(`DROP INDEX "public"."IDX_45837a676703f025f270b9af62"`);
    await q.query(`DROP TABLE "work"`);
    await q.query(`DROP TABLE "reference_counter"`);
    await q.query(`DROP INDEX "public"."IDX_6400d9d7f733bbf0a597c1b3a7"`);
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP TABLE "mediator_profile"`);
    await q.query(`DROP INDEX "public"."IDX_0f445106819fe5c8f06b7c2bd0"`);
    await q.query(`DROP TABLE "evidence"`);
    await q.query(`DROP TABLE "creator_profile"`);
    await q.query(`DROP INDEX "public"."IDX_3cfb7deef17ffff57260ba519d"`);
    await q.query(`DROP INDEX "public"."IDX_a7e00e08576fa41eb689478f18"`);
    await q.query(`DROP TABLE "deadline"`);
    await q.query(`DROP INDEX "public"."IDX_4897fe304ea731d0e3ef98e1ec"`);
    await q.query(`DROP TABLE "case_work"`);
    await q.query(`DROP INDEX "public"."IDX_febbd9a77579d59b2338702cf6"`);
    await q.query(`DROP INDEX "public"."IDX_00bc387dc944844143f4a3db3d"`);
    await q.query(`DROP TABLE "case_event"`);
    await q.query(`DROP INDEX "public"."IDX_c32efd59036262d3e9d8c00ae1"`);
    await q.query(`DROP INDEX "public"."IDX_4b49a887c3456f92c5c28142c8"`);
    await q.query(`DROP INDEX "public"."IDX_85e60f1a54555fcfe28f84149f"`);
    await q.query(`DROP INDEX "public"."IDX_ce3d15b85bc4c56b9b3466dac8"`);
    await q.query(`DROP INDEX "public"."IDX_debf09d087cebe3ff272ce2cb4"`);
    await q.query(`DROP INDEX "public"."IDX_056b52dccfbe938c2a32eaf0c1"`);
    await q.query(`DROP TABLE "case"`);
    await q.query(`DROP INDEX "public"."IDX_a4e02e2f536aae5753dbac649b"`);
    await q.query(`DROP TABLE "assessment"`);
    await q.query(`DROP INDEX "public"."IDX_b783aca587d2cfb4c54f2bb321"`);
    await q.query(`DROP INDEX "public"."IDX_4551b283dcaa2667f62d917d2b"`);
    await q.query(`DROP TABLE "api_key"`);
    await q.query(`DROP INDEX "public"."IDX_e4676d776e902f90f6a9dc1638"`);
    await q.query(`DROP TABLE "ai_system"`);
    await q.query(`DROP INDEX "public"."IDX_29b9fcc775e1b461616cfdc4e3"`);
    await q.query(`DROP TABLE "ai_firm"`);
    await q.query(`DROP INDEX "public"."IDX_4c8f96ccf523e9a3faefd5bdd4"`);
    await q.query(`DROP TABLE "account"`);
  }
}
