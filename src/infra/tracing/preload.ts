/**
 * Imported first by src/main.ts: when OTEL_EXPORTER_OTLP_ENDPOINT is set, starts tracing before node:http
 * and pg are loaded, so their instrumentations can patch them. When it is not set nothing of OpenTelemetry's
 * SDK is loaded at all (zero cost). The value itself is validated with the rest of the configuration.
 */
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./tracing') as typeof import('./tracing')).startTracing({ serviceName: process.env.OTEL_SERVICE_NAME || 'chotei', role: process.env.ROLE || 'all' });
}

export {};
