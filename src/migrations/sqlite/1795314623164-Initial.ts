import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795314623164 implements MigrationInterface {
  name = 'Initial1795314623164';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "account" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(320) NOT NULL, "passwordHash" varchar(200) NOT NULL, "displayName" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "locale" varchar(8) NOT NULL DEFAULT ('ja'), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_4c8f96ccf523e9a3faefd5bdd4" ON "account" ("email") `);
    await q.query(`CREATE TABLE "ai_firm" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "legalName" varchar(300) NOT NULL, "country" varchar(2) NOT NULL, "servesJapaneseUsers" boolean NOT NULL, "webhookUrl" varchar(2000), "webhookSecret" varchar(100), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_29b9fcc775e1b461616cfdc4e3" ON "ai_firm" ("accountId") `);
    await q.query(`CREATE TABLE "ai_system" ("id" varchar(36) PRIMARY KEY NOT NULL, "firmId" varchar(36) NOT NULL, "name" varchar(300) NOT NULL, "modality" varchar(16) NOT NULL, "purpose" varchar(16) NOT NULL, "trainingServerInJapan" boolean NOT NULL, "servesJapaneseUsers" boolean NOT NULL, "usesRag" boolean NOT NULL DEFAULT (0), "disclosedAt" datetime, "trainingDataCategories" text, "trainingCutoff" datetime, "suppressionMeasures" text, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_e4676d776e902f90f6a9dc1638" ON "ai_system" ("firmId") `);
    await q.query(`CREATE TABLE "api_key" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "prefix" varchar(20) NOT NULL, "secretHash" varchar(64) NOT NULL, "revokedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_4551b283dcaa2667f62d917d2b" ON "api_key" ("accountId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_b783aca587d2cfb4c54f2bb321" ON "api_key" ("secretHash") `);
    await q.query(`CREATE TABLE "assessment" ("id" varchar(36) PRIMARY KEY NOT NULL, "caseId" varchar(36) NOT NULL, "number" integer NOT NULL, "ruleSetVersion" varchar(20) NOT NULL, "decision" varchar(24) NOT NULL, "strength" varchar(16), "tier" varchar(24), "findings" text NOT NULL, "missingFacts" text NOT NULL, "recommendedRemedies" text NOT NULL, "eligibility" text NOT NULL, "ordersDisclosure" boolean NOT NULL DEFAULT (0), "trigger" varchar(24) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_a4e02e2f536aae5753dbac649b" ON "assessment" ("caseId", "createdAt") `);
    await q.query(`CREATE TABLE "case" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(20) NOT NULL, "status" varchar(24) NOT NULL, "outcome" varchar(16), "resolution" varchar(32), "claimType" varchar(40) NOT NULL, "stage" varchar(16) NOT NULL, "complainantId" varchar(36) NOT NULL, "respondentFirmId" varchar(36) NOT NULL, "aiSystemId" varchar(36), "mediatorId" varchar(36), "facts" text NOT NULL, "requestedRemedies" text NOT NULL, "claimedAmountJpy" integer, "statement" text NOT NULL, "dedupKey" varchar(64) NOT NULL, "machine" text NOT NULL, "ruleSetVersion" varchar(20), "noticeSentAt" datetime, "closedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "version" integer NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_056b52dccfbe938c2a32eaf0c1" ON "case" ("reference") `);
    await q.query(`CREATE INDEX "IDX_debf09d087cebe3ff272ce2cb4" ON "case" ("dedupKey") `);
    await q.query(`CREATE INDEX "IDX_ce3d15b85bc4c56b9b3466dac8" ON "case" ("status", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_85e60f1a54555fcfe28f84149f" ON "case" ("mediatorId", "status") `);
    await q.query(`CREATE INDEX "IDX_4b49a887c3456f92c5c28142c8" ON "case" ("respondentFirmId", "status") `);
    await q.query(`CREATE INDEX "IDX_c32efd59036262d3e9d8c00ae1" ON "case" ("complainantId", "createdAt") `);
    await q.query(`CREATE TABLE "case_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "caseId" varchar(36) NOT NULL, "seq" integer NOT NULL, "type" varchar(64) NOT NULL, "fromStatus" varchar(24), "toStatus" varchar(24), "actorId" varchar(36), "actorRole" varchar(16) NOT NULL, "detail" text NOT NULL, "idempotencyKey" varchar(120), "at" datetime NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_00bc387dc944844143f4a3db3d" ON "case_event" ("idempotencyKey") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_febbd9a77579d59b2338702cf6" ON "case_event" ("caseId", "seq") `);
    await q.query(`CREATE TABLE "case_work" ("caseId" varchar(36) NOT NULL, "workId" varchar(36) NOT NULL, PRIMARY KEY ("caseId", "workId"))`);
    await q.query(`CREATE INDEX "IDX_4897fe304ea731d0e3ef98e1ec" ON "case_work" ("workId") `);
    await q.query(`CREATE TABLE "deadline" ("id" varchar(36) PRIMARY KEY NOT NULL, "caseId" varchar(36) NOT NULL, "kind" varchar(24) NOT NULL, "startsAt" datetime NOT NULL, "dueAt" datetime NOT NULL, "state" varchar(12) NOT NULL, "remindersSent" integer NOT NULL DEFAULT (0), "firedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_a7e00e08576fa41eb689478f18" ON "deadline" ("caseId", "state") `);
    await q.query(`CREATE INDEX "IDX_3cfb7deef17ffff57260ba519d" ON "deadline" ("state", "dueAt") `);
    await q.query(`CREATE TABLE "creator_profile" ("accountId" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL, "nationality" varchar(2) NOT NULL, "principalOfficeCountry" varchar(2))`);
    await q.query(`CREATE TABLE "evidence" ("id" varchar(36) PRIMARY KEY NOT NULL, "caseId" varchar(36) NOT NULL, "submittedById" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "description" text NOT NULL, "url" varchar(2000), "sha256" varchar(64), "textExcerpt" text, "similarityScore" float, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_0f445106819fe5c8f06b7c2bd0" ON "evidence" ("caseId", "createdAt") `);
    await q.query(`CREATE TABLE "mediator_profile" ("accountId" varchar(36) PRIMARY KEY NOT NULL, "languages" text NOT NULL, "specialties" text NOT NULL, "capacity" integer NOT NULL, "conflicts" text NOT NULL)`);
    await q.query(`CREATE TABLE "outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "queue" varchar(40) NOT NULL, "name" varchar(60) NOT NULL, "jobId" varchar(160) NOT NULL, "payload" text NOT NULL, "runAt" datetime, "dispatchedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_6400d9d7f733bbf0a597c1b3a7" ON "outbox" ("dispatchedAt", "id") `);
    await q.query(`CREATE TABLE "reference_counter" ("name" varchar(20) PRIMARY KEY NOT NULL, "value" integer NOT NULL)`);
    await q.query(`CREATE TABLE "work" ("id" varchar(36) PRIMARY KEY NOT NULL, "ownerId" varchar(36) NOT NULL, "title" varchar(500) NOT NULL, "kind" varchar(16) NOT NULL, "firstPublishedAt" datetime, "firstPublicationCountry" varchar(2), "publishedInJapanWithin30Days" boolean, "authorDeathYear" integer, "isCorporateWork" boolean, "contentHash" varchar(64), "canonicalUrl" varchar(2000), "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await q.query(`CREATE INDEX "IDX_45837a676703f025f270b9af62" ON "work" ("contentHash") `);
    await q.query(`CREATE INDEX "IDX_e1955af9dc2d2ab50e5c9d0617" ON "work" ("ownerId", "createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_e1955af9dc2d2ab50e5c9d0617"`);
    await q.query(`DROP INDEX "IDX_45837a676703f025f270b9af62"`);
    await q.query(`DROP TABLE "work"`);
    await q.query(`DROP TABLE "reference_counter"`);
    await q.query(`DROP INDEX "IDX_6400d9d7f733bbf0a597c1b3a7"`);
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP TABLE "mediator_profile"`);
    await q.query(`DROP INDEX "IDX_0f445106819fe5c8f06b7c2bd0"`);
    await q.query(`DROP TABLE "evidence"`);
    await q.query(`DROP TABLE "creator_profile"`);
    await q.query(`DROP INDEX "IDX_3cfb7deef17ffff57260ba519d"`);
    await q.query(`DROP INDEX "IDX_a7e00e08576fa41eb689478f18"`);
    await q.query(`DROP TABLE "deadline"`);
    await q.query(`DROP INDEX "IDX_4897fe304ea731d0e3ef98e1ec"`);
    await q.query(`DROP TABLE "case_work"`);
    await q.query(`DROP INDEX "IDX_febbd9a77579d59b2338702cf6"`);
    await q.query(`DROP INDEX "IDX_00bc387dc944844143f4a3db3d"`);
    await q.query(`DROP TABLE "case_event"`);
    await q.query(`DROP INDEX "IDX_c32efd59036262d3e9d8c00ae1"`);
    await q.query(`DROP INDEX "IDX_4b49a887c3456f92c5c28142c8"`);
    await q.query(`DROP INDEX "IDX_85e60f1a54555fcfe28f84149f"`);
    await q.query(`DROP INDEX "IDX_ce3d15b85bc4c56b9b3466dac8"`);
    await q.query(`DROP INDEX "IDX_debf09d087cebe3ff272ce2cb4"`);
    await q.query(`DROP INDEX "IDX_056b52dccfbe938c2a32eaf0c1"`);
    await q.query(`DROP TABLE "case"`);
    await q.query(`DROP INDEX "IDX_a4e02e2f536aae5753dbac649b"`);
    await q.query(`DROP TABLE "assessment"`);
    await q.query(`DROP INDEX "IDX_b783aca587d2cfb4c54f2bb321"`);
    await q.query(`DROP INDEX "IDX_4551b283dcaa2667f62d917d2b"`);
    await q.query(`DROP TABLE "api_key"`);
    await q.query(`DROP INDEX "IDX_e4676d776e902f90f6a9dc1638"`);
    await q.query(`DROP TABLE "ai_system"`);
    await q.query(`DROP INDEX "IDX_29b9fcc775e1b461616cfdc4e3"`);
    await q.query(`DROP TABLE "ai_firm"`);
    await q.query(`DROP INDEX "IDX_4c8f96ccf523e9a3faefd5bdd4"`);
    await q.query(`DROP TABLE "account"`);
  }
}
