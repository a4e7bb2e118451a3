import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/env';
import { createLogger } from './config/logger';
import { startApp } from './app';

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
  const app = await startApp(config, { log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: no new requests; finishing in-flight requests and jobs');
    const force = setTimeout(() => { log.error('shutdown took over 30 s; exiting'); process.exit(1); }, 30_000);
    force.unref();
    await app.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
