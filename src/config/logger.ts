import pino, { Logger } from 'pino';

export function createLogger(level: string, name = 'chotei'): Logger {
  return pino({ name, level, redact: { paths: ['password', '*.password', 'input.password', 'secret', 'authorization', 'req.headers.authorization'], censor: '[redacted]' } });
}
