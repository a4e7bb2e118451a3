import { randomUUID } from 'node:crypto';
import type express from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/env';
import { AppError } from '../domain/errors';
import { sendError } from '../graphql/limits';
import { authenticateRequest, rateLimitMiddleware } from '../graphql/rate-limit';
import type { Viewer } from '../policies/context';
import type { Services } from '../services';
import { pickLang } from './html-page';

export interface DossierRouteDeps { services: Services; config: Config; redis: Redis; log: Logger }

/** A case id as the API gives it (a UUID); anything else is a case that does not exist, answered without asking the database. */
const CASE_ID = /^[0-9A-Za-z-]{1,64}$/;

const HTTP_STATUS: Partial<Record<AppError['code'], number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

/**
 * `GET /cases/{id}/dossier.pdf?lang=ja|en` (Japanese by default; without `lang`, the first language of
 * Accept-Language): the case dossier as a PDF, for a court or a partner body (DossierService). Authentication
 * is the GraphQL context's (`Authorization: Bearer` with a session token or an API key, authenticateRequest);
 * without a valid credential 401. Served only to whoever the case rule lets read the case
 * (src/policies/case.policy.ts); everyone else gets 404, exactly as for a case that does not exist. Every
 * request counts in the rate limit (RATE_LIMIT_PER_MINUTE).
 *
 * The bytes are made, hashed and recorded (DOSSIER_ISSUED with their SHA-256) before the first byte is sent:
 * the copy received is the one in the history. The answer says so in `X-Content-SHA256` and `X-Case-Event-Seq`.
 */
export function dossierRoutes(app: express.Express, deps: DossierRouteDeps): void {
  const { services, log } = deps;
  const limited = rateLimitMiddleware(deps.config, deps.redis, services, log);
  // Express answers HEAD with the GET route: that would make and record a dossier nobody receives.
  app.head('/cases/:id/dossier.pdf', (req, res) => {
    res.setHeader('Allow', 'GET');
    sendError(req, res, 405, 'GET the dossier: each one made is recorded in the case\'s history', 'METHOD_NOT_ALLOWED');
  });
  app.get('/cases/:id/dossier.pdf', limited, async (req, res) => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      const viewer: Viewer | null = await authenticateRequest(services, req);
      if (!viewer) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        sendError(req, res, 401, 'Log in first: send Authorization: Bearer <token or API key>', 'UNAUTHENTICATED');
        return;
      }
      const id = String(req.params.id);
      if (!CASE_ID.test(id)) {
        sendError(req, res, 404, `No case has the id ${id.slice(0, 64)}`, 'NOT_FOUND');
        return;
      }
      const lang = pickLang(req);
      const dossier = await services.dossiers.issue({ viewer, requestId, locale: lang, address: req.ip }, id, lang);
      res.status(200);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Length', String(dossier.pdf.length));
      res.setHeader('Content-Language', lang);
      res.setHeader('Content-Disposition', `inline; filename="${dossier.reference}-dossier-${lang}.pdf"`);
      res.setHeader('X-Content-SHA256', dossier.sha256);
      res.setHeader('X-Case-Event-Seq', String(dossier.eventSeq));
      res.end(dossier.pdf);
    } catch (error) {
      if (res.headersSent) { res.destroy(); return; }
      if (error instanceof AppError) {
        if (error.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
        sendError(req, res, HTTP_STATUS[error.code] ?? 400, error.message, error.code, error.details);
        return;
      }
      log.error({ err: error, requestId, path: req.path }, 'the dossier could not be made');
      sendError(req, res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
    }
  });
}
