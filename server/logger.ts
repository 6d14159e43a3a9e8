import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/**
 * The server's logger, chosen by the process entry (tests build the app with their own): pretty,
 * human lines on a terminal, where someone reads them as they come, through pino-pretty on a worker
 * thread; one JSON object a line elsewhere (a file, a pipe, a log collector), or whenever
 * LOG_FORMAT=json. A request's line reads "GET /api/… 200 3.1 ms" (request-log.ts).
 */
export function serverLogger(
  config: Pick<Config, 'logLevel' | 'logFormat'>,
  stdoutIsTerminal: boolean = process.stdout.isTTY === true,
): NonNullable<FastifyServerOptions['logger']> {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && stdoutIsTerminal);
  if (!pretty) return { level: config.logLevel };
  return {
    level: config.logLevel,
    transport: {
      target: 'pino-pretty',
      options: {
        colorize: stdoutIsTerminal,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,method,url,statusCode,totalMs',
        messageFormat: '{msg}{if url} {method} {url} {statusCode} {totalMs} ms{end}',
        singleLine: true,
      },
    },
  };
}
