// First: when OTEL_EXPORTER_OTLP_ENDPOINT is set, tracing starts before node:http and pg are loaded (README "Tracing").
import './infra/tracing/preload';
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/env';
import { createLogger } from './config/logger';
import { RunningApp, startApp } from './app';

/** `npm start`: API, workers and relay (ROLE=all), or one role (ROLE=api|worker). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const shutdownTimeoutMs = config.shutdownTimeoutMs;
  let app: RunningApp | null = null;
  let signalled: string | null = null;
  const shutdown = async (running: RunningApp) => {
    try {
      await running.close();
      // The spans still buffered (tracing on) go out before the process does.
      await stopTracingIfOn();
    } catch (error) {
      log.error({ err: error }, `shutdown failed (${running.pending()})`);
      process.exit(1);
    }
    log.info('stopped');
    process.exit(0);
  };
  // Registered before start-up: a signal while starting is then not the default (an immediate exit by signal);
  // the stop follows as soon as the process is up.
  const onSignal = (signal: string) => {
    if (signalled) return;
    signalled = signal;
    log.info({ signal, timeoutMs: shutdownTimeoutMs }, 'stopping: no new connections; answering the requests received, finishing the jobs running');
    // SHUTDOWN_TIMEOUT, counted from the signal: past it, exit non-zero and say what was still running.
    const force = setTimeout(() => {
      const pending = app ? app.pending() : 'still starting';
      log.fatal({ signal, pending }, `shutdown did not finish within ${shutdownTimeoutMs} ms; exiting with code 1; still running: ${pending}`);
      process.exit(1);
    }, shutdownTimeoutMs);
    force.unref();
    if (app) void shutdown(app);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  app = await startApp(config, { log });
  if (signalled) await shutdown(app);
}

/** Sends the buffered spans when tracing is on; loads nothing of OpenTelemetry's SDK when it is off. */
async function stopTracingIfOn(): Promise<void> {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  await (await import('./infra/tracing/tracing')).stopTracing();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
