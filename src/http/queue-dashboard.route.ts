import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Role } from '../domain/enums';
import type { Viewer } from '../policies/context';
import { sendError } from '../graphql/limits';
import { escapeHtml, htmlPage } from './html-page';

/** Where the dashboard lives. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie a browser log-in sets: the admin's own token, HttpOnly, SameSite=Strict, sent only under QUEUE_DASHBOARD_PATH. */
export const DASHBOARD_COOKIE = 'chotei_admin_token';

export interface QueueDashboardDeps {
  /** The GraphQL context's own authentication (AuthService.authenticate): a JWT session token or an API key. */
  authenticate(authorization: string | undefined): Promise<Viewer | null>;
  /** Every BullMQ queue of the app (src/jobs/queue-registry.ts). */
  queues: Queue[];
  /** Cookies marked Secure (production: the dashboard is served over HTTPS). */
  secureCookie: boolean;
}

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}input{width:100%;font:inherit;padding:.4rem}'
  + 'button{font:inherit;padding:.4rem 1rem;margin-top:.6rem}.error{color:#a00}';

/**
 * GET /admin/queues: Bull Board over every BullMQ queue, for ADMIN accounts only — the page, its static files and
 * its API (/admin/queues/api/…) alike. A request is let in with `Authorization: Bearer <token or API key>` of an
 * ADMIN (the same authentication as /graphql), or with the cookie a browser gets from the log-in form at
 * /admin/queues/login (the token posted once, kept HttpOnly, SameSite=Strict, Path=/admin/queues, for the browser
 * session). No credential: 401; a credential of anyone but an ADMIN: 403.
 */
export function queueDashboardRoutes(app: express.Express, deps: QueueDashboardDeps): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Chōtei queues' } },
  });

  const login = express.Router();
  login.get('/login', (_req, res) => loginPage(res, 200, null));
  login.post('/login', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const { viewer, problem } = await admitted(deps, token ? `Bearer ${token}` : undefined);
    if (!viewer) return loginPage(res, problem.status, problem.message);
    res.setHeader('set-cookie', cookie(encodeURIComponent(token), deps.secureCookie || req.secure));
    res.redirect(303, QUEUE_DASHBOARD_PATH);
  });
  login.post('/logout', (req, res) => {
    res.setHeader('set-cookie', cookie('', deps.secureCookie || req.secure, 0));
    res.redirect(303, `${QUEUE_DASHBOARD_PATH}/login`);
  });

  const guard: RequestHandler = async (req, res, next) => {
    const { viewer, problem } = await admitted(deps, credentialOf(req));
    if (viewer) {
      // Its buttons retry and remove jobs: never inside another site's frame.
      res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
      res.setHeader('X-Frame-Options', 'DENY');
      return next();
    }
    if (problem.status === 401) res.setHeader('www-authenticate', 'Bearer realm="queue dashboard"');
    // A browser asking for the page is shown the log-in form; everything else gets the API's JSON error.
    if (req.method === 'GET' && (req.path === '/' || req.path === '') && req.accepts(['json', 'html']) === 'html') return loginPage(res, problem.status, problem.message);
    sendError(req, res, problem.status, problem.message, problem.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  };

  app.use(QUEUE_DASHBOARD_PATH, login, guard, board.getRouter());
}

/** The request's credential: its Authorization header, else the log-in cookie. */
function credentialOf(req: Request): string | undefined {
  if (req.headers.authorization) return req.headers.authorization;
  const raw = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${DASHBOARD_COOKIE}=`));
  if (!raw) return undefined;
  try {
    const token = decodeURIComponent(raw.slice(DASHBOARD_COOKIE.length + 1));
    return token ? `Bearer ${token}` : undefined;
  } catch {
    return undefined;
  }
}

type Admission = { viewer: Viewer; problem?: undefined } | { viewer: null; problem: { status: 401 | 403; message: string } };

/** An ADMIN viewer, or why not: 401 without a valid credential, 403 for anyone else. */
async function admitted(deps: QueueDashboardDeps, authorization: string | undefined): Promise<Admission> {
  let viewer: Viewer | null;
  try {
    viewer = await deps.authenticate(authorization);
  } catch (error) {
    return { viewer: null, problem: { status: 401, message: `The queue dashboard could not verify the credential: ${(error as Error).message}` } };
  }
  if (!viewer) return { viewer: null, problem: { status: 401, message: 'The queue dashboard is for ADMIN accounts: send Authorization: Bearer <token or API key>, or log in at /admin/queues/login' } };
  if (viewer.role !== Role.ADMIN) return { viewer: null, problem: { status: 403, message: `The queue dashboard is for ADMIN accounts; this credential is a ${viewer.role} account's` } };
  return { viewer };
}

function cookie(value: string, secure: boolean, maxAgeSeconds?: number): string {
  return [`${DASHBOARD_COOKIE}=${value}`, `Path=${QUEUE_DASHBOARD_PATH}`, 'HttpOnly', 'SameSite=Strict',
    ...(secure ? ['Secure'] : []), ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : [])].join('; ');
}

/** The log-in form: an ADMIN's token or API key, posted once and kept in the HttpOnly cookie. */
function loginPage(res: Response, status: number, error: string | null): void {
  res.setHeader('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`);
  res.setHeader('cache-control', 'no-store');
  res.status(status).type('html').send(htmlPage('en', 'Chōtei queues — log in', `<h1>Chōtei queues</h1>`
    + `<p>For ADMIN accounts. Paste your session token (the <code>token</code> of <code>logIn</code>) or an API key.</p>`
    + (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '')
    + `<form method="post" action="${QUEUE_DASHBOARD_PATH}/login"><label for="token">Token</label>`
    + `<input id="token" name="token" type="password" autocomplete="off" required><button type="submit">Open the dashboard</button></form>`, STYLE));
}
