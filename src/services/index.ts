import type { Config } from '../config/env';
import type { Database } from '../config/database';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { CaseService } from './case.service';
import { CaseWorkflow } from './case-workflow';
import { ReferenceService } from './reference.service';
import { WorkService } from './work.service';

/** Every use case, built once per process. */
export function createServices(config: Config, db: Database, workflow: CaseWorkflow) {
  const reference = new ReferenceService(db);
  const auth = new AuthService(db, config);
  return {
    config,
    reference,
    auth,
    accounts: new AccountService(db, auth, reference),
    works: new WorkService(db, reference),
    cases: new CaseService(db, workflow),
  };
}

export type Services = ReturnType<typeof createServices>;
