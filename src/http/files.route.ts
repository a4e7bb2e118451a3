import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type express from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/env';
import { AppError } from '../domain/errors';
import { FileTooLargeError, UnsupportedMediaTypeError } from '../infra/files/file-store';
import { sendError } from '../graphql/limits';
import { authenticateRequest, principalKey, rateLimitMiddleware } from '../graphql/rate-limit';
import type { RequestContext, Viewer } from '../policies/context';
import type { Services } from '../services';
import type { StoredFileEntity } from '../persistence/entities';

export interface FileRouteDeps { services: Services; config: Config; redis: Redis; log: Logger }

/** Uploads a principal may make a minute, on top of the request allowance (RATE_LIMIT_PER_MINUTE) every request counts in. */
export const UPLOADS_PER_MINUTE = 30;

/** What a served file may do in a browser: nothing (no scripts, no subresources, a sandboxed origin). */
const FILE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

const HTTP_STATUS: Partial<Record<AppError['code'], number>> = {
  UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503,
};

/**
 * `POST /files` (multipart/form-data, one file in the field `file`, `Authorization: Bearer …`): the bytes are
 * streamed into the file store (src/infra/files), the type sniffed from the content; answers
 * `201 {"id","sha256","size","mediaType"}`, 413 over FILE_MAX_BYTES, 415 for a type outside the allow-list (the
 * answer names the detected type). `GET /files/{id}`: the bytes, as an attachment that a browser never runs,
 * to whoever the file rule lets read it (src/policies/case.policy.ts mayReadFile), 404 to everyone else.
 * Authentication is the GraphQL context's (authenticateRequest); every request counts in the rate limit, and
 * uploads have their own allowance besides (UPLOADS_PER_MINUTE).
 */
export function fileRoutes(app: express.Express, deps: FileRouteDeps): void {
  const { services, config, log } = deps;
  const limited = rateLimitMiddleware(config, deps.redis, services, log);
  const uploads = new RateLimiterRedis({
    storeClient: deps.redis, keyPrefix: `${config.redisPrefix}-upl`, points: UPLOADS_PER_MINUTE, duration: 60, rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${config.redisPrefix}-upl`, points: UPLOADS_PER_MINUTE, duration: 60 }),
  });

  const contextOf = async (req: express.Request, res: express.Response): Promise<RequestContext | null> => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    let viewer: Viewer | null;
    try {
      viewer = await authenticateRequest(services, req);
    } catch (error) {
      fail(req, res, error, log);
      return null;
    }
    if (!viewer) {
      sendError(req, res, 401, 'Log in first: send Authorization: Bearer <token or API key>', 'UNAUTHENTICATED');
      return null;
    }
    return { viewer, requestId, locale: viewer.locale, address: req.ip };
  };

  app.post('/files', limited, async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    try {
      await uploads.consume(principalKey(ctx.viewer, req.ip), 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(seconds));
        drainAndClose(req, res);
        sendError(req, res, 429, `Too many uploads: at most ${UPLOADS_PER_MINUTE} a minute; retry in ${seconds} s`, 'RATE_LIMITED', { retryAfterSeconds: seconds });
        return;
      }
      log.warn({ err: rejection }, 'upload limiter unavailable; upload let through');
    }
    if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
      drainAndClose(req, res);
      sendError(req, res, 400, 'Send the file as multipart/form-data, in the field "file"', 'BAD_REQUEST');
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, parts: 12, fieldSize: 1024 } });
    } catch {
      drainAndClose(req, res);
      sendError(req, res, 400, 'The multipart body could not be read (Content-Type needs a boundary)', 'BAD_REQUEST');
      return;
    }
    let upload: Promise<StoredFileEntity> | null = null;
    let malformed: Error | null = null;
    const parsed = new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', (error: Error) => { malformed = error; reject(error); });
    });
    parsed.catch(() => undefined);
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || upload) { stream.resume(); return; }
      upload = services.files.upload(ctx, stream, info.filename ?? null);
      // Once the upload has failed, the rest of the part is read and dropped, so the parser can finish.
      upload.catch(() => stream.resume());
    });
    // A client that goes away mid-upload: the parser is destroyed, which fails the file stream, and the store removes its temporary file.
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('the client closed the connection before the upload ended'));
    });
    req.pipe(parser);
    try {
      await parsed.catch((error) => { if (!upload) throw error; });
      if (!upload) {
        sendError(req, res, 400, 'No file in the field "file": send multipart/form-data with the file in a part named file', 'BAD_REQUEST');
        return;
      }
      const file: StoredFileEntity = await upload;
      res.status(201).json({ id: file.id, sha256: file.sha256, size: file.size, mediaType: file.mediaType });
    } catch (error) {
      if (!req.complete && req.destroyed) return; // nobody to answer
      drainAndClose(req, res);
      const known = error instanceof FileTooLargeError || error instanceof UnsupportedMediaTypeError || error instanceof AppError;
      if (!known && malformed) {
        sendError(req, res, 400, `The multipart body could not be read: ${(malformed as Error).message}`, 'BAD_REQUEST');
        return;
      }
      fail(req, res, error, log);
    }
  });

  app.get('/files/:id', limited, async (req, res) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    try {
      const { file, stream, size } = await services.files.download(ctx, String(req.params.id));
      res.status(200);
      res.setHeader('Content-Type', file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType);
      res.setHeader('Content-Length', String(size));
      res.setHeader('Content-Disposition', contentDisposition(file.fileName ?? `${file.sha256}`));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', FILE_CSP);
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      await pipeline(stream, res);
    } catch (error) {
      if (res.headersSent) { res.destroy(); return; }
      fail(req, res, error, log);
    }
  });
}

/** `attachment` with an ASCII fallback name and the RFC 5987 UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function fail(req: express.Request, res: express.Response, error: unknown, log: Logger): void {
  if (res.headersSent) return;
  if (error instanceof FileTooLargeError) {
    sendError(req, res, 413, `The file is over the limit of ${error.maxBytes} bytes (FILE_MAX_BYTES); nothing was kept`, 'PAYLOAD_TOO_LARGE', { maxBytes: error.maxBytes });
  } else if (error instanceof UnsupportedMediaTypeError) {
    sendError(req, res, 415, `Files of type ${error.mediaType} (detected from the content) are not accepted: send PNG, JPEG, WebP, GIF, PDF, DOCX, ODT or UTF-8 text`,
      'UNSUPPORTED_MEDIA_TYPE', { mediaType: error.mediaType });
  } else if (error instanceof AppError) {
    sendError(req, res, HTTP_STATUS[error.code] ?? 400, error.message, error.code, error.details);
  } else {
    log.error({ err: error, method: req.method, path: req.path }, 'file route failed');
    sendError(req, res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
  }
}

/** After an early answer: the rest of the body is not wanted; the connection closes once the answer is out. */
function drainAndClose(req: express.Request, res: express.Response): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
  req.unpipe();
  req.resume();
}
