/**
 * The server's log: JSON lines, one per event, for machines (journald, Docker, a log shipper);
 * pino-pretty's coloured lines for people, when the output is a terminal or `npm run dev` asks.
 */
import type { FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';
import type { ServerConfig } from './config.js';

type LogConfig = Pick<ServerConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>;

export function prettyLogs(
  config: LogConfig,
  stdoutIsTerminal = process.stdout.isTTY === true,
): boolean {
  return config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && stdoutIsTerminal);
}

export function loggerOptions(config: LogConfig): FastifyServerOptions['logger'] {
  if (!prettyLogs(config)) return { level: config.LOG_LEVEL };
  // Synchronous, so the last lines before `process.exit` are not lost.
  const stream = pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
  return { level: config.LOG_LEVEL, stream };
}
