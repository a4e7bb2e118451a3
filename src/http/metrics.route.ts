import type express from 'express';
import type { Request, RequestHandler } from 'express';
import type { AppMetrics } from '../infra/metrics/metrics';
import { metricsAuthorized } from '../infra/metrics/metrics-server';
import { sendError } from '../graphql/limits';

/**
 * The route pattern of a request, as a bounded label: the mount path and the matched route's pattern
 * (`/graphql`, `/notices/:code`, `/admin/queues/api/queues`), never the raw URL (which holds ids and
 * anything a client types); `unmatched` for what no route took (404s).
 */
function routeLabel(req: Request): string {
  const pattern = req.route?.path;
  const route = `${req.baseUrl ?? ''}${typeof pattern === 'string' ? pattern : pattern ? '(pattern)' : ''}`;
  return route || 'unmatched';
}

/** First middleware of the API: every HTTP request's latency by route pattern, method and status, when its answer is finished. */
export function httpMetricsMiddleware(metrics: AppMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      metrics.httpRequest(routeLabel(req), req.method, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/** `GET /metrics`: Prometheus text. Open unless METRICS_TOKEN is set; then `Authorization: Bearer <METRICS_TOKEN>` (README "Operating"). */
export function metricsRoute(app: express.Express, deps: { metrics: AppMetrics; token: string | null }): void {
  app.get('/metrics', async (req, res, next) => {
    if (!metricsAuthorized(req.headers.authorization, deps.token)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      sendError(req, res, 401, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>', 'UNAUTHENTICATED');
      return;
    }
    try {
      const { contentType, body } = await deps.metrics.render();
      res.setHeader('content-type', contentType);
      res.setHeader('cache-control', 'no-store');
      res.send(body);
    } catch (error) {
      next(error);
    }
  });
}
