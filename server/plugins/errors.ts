import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { AppError, STATUS_BY_CODE, type ErrorCode, type ErrorDetail } from '../errors.ts';
import { issueMessage } from '../schemas/common.ts';

interface SchemaIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'bad_request',
  429: 'rate_limited',
  503: 'unavailable',
};

/** One readable message per offending field: enum choices listed, duplicate union noise dropped. */
function detailsOf(issues: SchemaIssue[], part: string): ErrorDetail[] {
  const byPath = new Map<string, { messages: string[]; allowed: unknown[] }>();
  for (const issue of issues) {
    if (issue.keyword === 'boolean' || issue.message === 'schema is false') continue;
    const extra = issue.params?.['additionalProperties'] ?? issue.params?.['additionalProperty'];
    const extraPath = Array.isArray(extra) ? extra.join(',') : extra;
    const path = `${issue.instancePath ?? ''}${extraPath ? `/${String(extraPath)}` : ''}` || '/';
    const entry = byPath.get(path) ?? { messages: [], allowed: [] };
    byPath.set(path, entry);
    if (issue.keyword === 'const' && issue.params && 'allowedValue' in issue.params)
      entry.allowed.push(issue.params['allowedValue']);
    else if (issue.keyword !== 'anyOf')
      entry.messages.push(extraPath ? 'is not a known field' : issueMessage(issue));
  }
  return [...byPath].map(([path, entry]) => ({
    path: part === 'body' ? path : `${part}:${path}`,
    message:
      entry.allowed.length > 0
        ? `must be one of ${entry.allowed.map((value) => JSON.stringify(value)).join(', ')}`
        : [...new Set(entry.messages)].join('; ') || 'is invalid',
  }));
}

/** One JSON error shape for every 4xx/5xx; 5xx messages are hidden and logged with the request. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        if (error.retryAfterSeconds !== undefined)
          reply.header('retry-after', String(error.retryAfterSeconds));
        return reply
          .status(STATUS_BY_CODE[error.code])
          .send({ error: { code: error.code, message: error.message, details: error.details } });
      }
      if (error.validation) {
        const part = error.validationContext ?? 'body';
        return reply.status(400).send({
          error: {
            code: 'validation_failed',
            message: `Invalid ${part === 'querystring' ? 'query string' : part}`,
            details: detailsOf(error.validation as SchemaIssue[], part),
          },
        });
      }
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return reply.status(status).send({
          error: {
            code: CODE_BY_STATUS[status] ?? 'internal',
            message: 'Something went wrong on our side',
            details: [],
          },
        });
      }
      return reply.status(status).send({
        error: { code: CODE_BY_STATUS[status] ?? 'bad_request', message: error.message, details: [] },
      });
    });
  },
  { name: 'errors' },
);
