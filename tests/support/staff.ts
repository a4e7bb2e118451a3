import { Role } from '../../src/domain/enums';
import type { TestApp } from './harness';
import { ok } from './client';
import { randomBytes } from 'node:crypto';

/** Creates an ADMIN (as the CLI does) and logs in. */
export async function admin(app: TestApp) {
  const email = `admin-${randomBytes(4).toString('hex')}@chotei.example`;
  await app.services.accounts.createStaff(Role.ADMIN, { email, password: 'admin password 1', displayName: 'Admin' });
  const data = await ok(app.url, 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token account { id } } }', { e: email, p: 'admin password 1' });
  return { token: data.logIn.token as string, id: data.logIn.account.id as string };
}

/** An admin creates a mediator through the API; the mediator logs in. */
export async function mediator(app: TestApp, adminToken: string, input: Record<string, unknown> = {}) {
  const email = `mediator-${randomBytes(4).toString('hex')}@chotei.example`;
  const created = await ok(app.url, 'mutation($input: CreateMediatorInput!) { createMediator(input: $input) { id role } }', {
    input: { email, password: 'mediator password', displayName: 'Mediator Sato', languages: ['ja', 'en'], capacity: 10, ...input },
  }, adminToken);
  const data = await ok(app.url, 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }', { e: email, p: 'mediator password' });
  return { token: data.logIn.token as string, id: created.createMediator.id as string };
}
