import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { sendError } from '../graphql/limits';

/**
 * The HTTP layer's own answers, GraphQL-shaped (`{ errors: [{ message,
 * extensions: { code } }] }`) so that a client reads every failure the same
 * way, never an HTML page or a stack trace.
 *
 * Codes: a request that is not a well-formed GraphQL request (a body that is
 * not JSON, over MAX_BODY_BYTES, in an unsupported encoding) answers
 * BAD_REQUEST, the code Apollo Server itself gives the other malformed
 * requests (no query, a batch, bad `variables` JSON), so that one code means
 * "the request could not be read". BAD_USER_INPUT is kept for arguments that
 * were read and refused, with `extensions.fields` naming them.
 */

/** Unknown paths and methods: 404 as JSON, not express's HTML page. */
export function notFoundHandler(req: Request, res: Response): void {
  sendError(req, res, 404, 'Nothing here: the API is POST /graphql (and GET /healthz, /readyz, /opt-outs.jsonl)', 'NOT_FOUND');
}

interface HttpError { status?: number; statusCode?: number; type?: string; limit?: number; expose?: boolean }

/** The last middleware: errors from body parsing, routes and anything else. */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error); // express ends the half-sent answer
      return;
    }
    const e = (error && typeof error === 'object' ? error : {}) as HttpError;
    const status = Number(e.status ?? e.statusCode);
    switch (e.type) {
      case 'entity.parse.failed':
        sendError(req, res, 400, 'The request body is not valid JSON', 'BAD_REQUEST');
        return;
      case 'entity.too.large':
        sendError(req, res, 413, `The request body is over the limit of ${e.limit} bytes`, 'BAD_REQUEST', { limit: e.limit });
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
        sendError(req, res, 415, 'Send the request body as UTF-8 JSON (Content-Type: application/json), uncompressed or gzip', 'BAD_REQUEST');
        return;
      default:
    }
    if (status >= 400 && status < 500) {
      sendError(req, res, status, e.expose && error instanceof Error ? error.message : 'The request could not be read', 'BAD_REQUEST');
      return;
    }
    log.error({ err: error, method: req.method, path: req.path }, 'unexpected error in the HTTP layer');
    sendError(req, res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
  };
}
