import type { Logger } from 'pino';
import type { Config } from '../config/env';
import type { Database } from '../persistence/database';
import { createLogger } from '../config/logger';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { CaseEventBus } from './case-event-bus';
import { CaseService } from './case.service';
import { CaseWorkflow } from './case-workflow';
import { DeadlineService } from './deadline.service';
import { IdempotencyService } from './idempotency.service';
import { LicenseTemplateService } from './license-template.service';
import { MandateService } from './mandate.service';
import { MediationService } from './mediation.service';
import { MediatorAssignmentService } from './mediator-assignment.service';
import { NoticeService } from './notice.service';
import { DossierService } from './dossier.service';
import { NotificationService } from './notification.service';
import { OperationsService } from './operations.service';
import { NegotiationService } from './negotiation.service';
import { OfferService } from './offer.service';
import { OptOutImportService } from './opt-out-import.service';
import { OptOutService } from './opt-out.service';
import { ReferenceService } from './reference.service';
import { ReconcilerService } from './reconciler.service';
import { RemedyService } from './remedy.service';
import { ScreeningService } from './screening.service';
import { TransparencyService } from './transparency.service';
import { WebhookService } from './webhook.service';
import { WorkService } from './work.service';
import { FileService } from './file.service';
import { TriageService } from './triage.service';
import { CaseEffect } from '../domain/case/effects';

/** Every use case, built once per process around one CaseWorkflow. */
export function createServices(config: Config, db: Database, workflow: CaseWorkflow, log: Logger = createLogger(config.logLevel)) {
  const reference = new ReferenceService(db);
  const auth = new AuthService(db, config);
  const webhooks = new WebhookService(db, config);
  const notifications = new NotificationService(db, webhooks, log, config);
  const caseEvents = new CaseEventBus(db, config.redisPrefix, log);
  const cases = new CaseService(db, workflow);
  const files = new FileService(db, config.files);
  const mediators = new MediatorAssignmentService(workflow);
  const offers = new OfferService(workflow);
  const deadlines = new DeadlineService(db, config, workflow, log);
  const notices = new NoticeService(db, workflow, offers, config, deadlines, notifications);
  const screening = new ScreeningService(db, workflow, reference, cases, mediators);
  const licenseTemplates = new LicenseTemplateService(db);
  const negotiation = new NegotiationService(db, config, workflow, offers);
  const mediation = new MediationService(db, workflow, mediators);
  const remedies = new RemedyService(db, workflow);
  // What a case's change sets off: one handler per effect of the table in src/domain/case/effects.ts, which decides
  // when each runs and in what order (CaseWorkflow runs them). No service subscribes to the workflow itself.
  workflow.useEffects({
    [CaseEffect.NOTIFY]: (tx, row, events) => notifications.notifyCaseEvents(tx, row, events),
    [CaseEffect.PUBLISH]: (tx, row, events) => caseEvents.publishAfterCommit(tx, row, events),
    [CaseEffect.WINDOWS]: (tx, row, move, now) => deadlines.applyWindows(tx, row, move, now),
    [CaseEffect.NOTICE]: (tx, row, _move, now) => notices.createNotice(tx, row, now),
    [CaseEffect.CROSS_BORDER_REFERRAL]: (tx, row, move, now) => screening.afterNotice(tx, row, move.eligibility, now),
    [CaseEffect.LAPSE_OFFERS]: async (tx, row, _move, now) => { await offers.lapseOpen(tx, row.id, now); },
    [CaseEffect.QUEUE_MEDIATOR_ASSIGNMENT]: (tx, row) => mediation.queueAssignment(tx, row),
    [CaseEffect.ASSIGN_REVIEWER]: async (tx, row, _move, now) => { await mediators.assign(tx, row, now); },
  });
  return {
    config, db, workflow, reference, auth, cases, mediators, offers, deadlines, notices, screening,
    webhooks, notifications, caseEvents,
    licenseTemplates, negotiation, mediation, remedies,
    /** Re-creates jobs BullMQ lost or failed for good (the maintenance queue's reconcile job); given its JobInspector by src/app.ts. */
    reconciler: new ReconcilerService(db, config, workflow, log),
    accounts: new AccountService(db, auth, reference, webhooks.urlProblem, config),
    works: new WorkService(db, reference),
    /** Mandates: who may file for whom (issue 14). */
    mandates: new MandateService(db, workflow),
    optOuts: new OptOutService(db, reference),
    optOutImport: new OptOutImportService(db, reference),
    transparency: new TransparencyService(db),
    /** The case dossier PDF (GET /cases/{id}/dossier.pdf), recorded as DOSSIER_ISSUED with its SHA-256. */
    dossiers: new DossierService(db, workflow),
    /** Uploads and downloads of evidence files and works' reference files (issue 17). */
    files,
    /** Similarity triage of evidence files against works' reference files (the triage-similarity job). */
    triage: new TriageService(db, workflow),
    /** What GET /metrics reads from the database at scrape time: outbox lag, cases per status. */
    operations: new OperationsService(db),
    /** Client Idempotency-Keys (src/graphql/idempotency.ts). */
    idempotency: new IdempotencyService(db, config, log),
    /** Seeds reference data on an empty database. */
    bootstrap: async () => { await reference.bootstrap(); await licenseTemplates.bootstrap(); },
  };
}

export type Services = ReturnType<typeof createServices>;
