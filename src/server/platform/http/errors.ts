import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorDetail } from '../../../shared/errors.js';
import { AppError, DatabaseUnavailable } from '../errors.js';
import type { App } from './types.js';

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown };
  if (e?.code && DB_DOWN_CODES.has(e.code)) return true;
  if (typeof e?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(e.message)) return true;
  return e?.cause ? isDatabaseDown(e.cause) : false;
}

/** Turns any failure into the one error shape (STYLE.md, One error shape). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details: ErrorDetail[] = err.validation.map((v) => ({
      path: [
        ...(err.validationContext ? [err.validationContext] : []),
        ...v.instancePath.split('/').filter(Boolean),
      ],
      code: String(v.params?.issue && typeof v.params.issue === 'object' && 'code' in v.params.issue ? v.params.issue.code : v.keyword),
      message: v.message ?? 'is not valid',
    }));
    return new AppError('request.invalid', 400, 'Some of the information sent is not valid.', details);
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large', 413, 'The request is larger than this service accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_media_type', 415, 'Send the request body as JSON (Content-Type: application/json).');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('request.malformed_json', 400, 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('request.invalid', 400, 'The request’s Content-Length does not match its body.');
  }
  if (fe.statusCode === 400 && err instanceof SyntaxError) {
    return new AppError('request.malformed_json', 400, 'The request body is not valid JSON.');
  }
  if (fe.statusCode === 429) {
    return new AppError('auth.rate_limited', 429, 'Too many attempts. Please wait a minute and try again.');
  }
  if (isDatabaseDown(err)) return DatabaseUnavailable();
  if (isResponseSerializationError(err)) {
    return new AppError('internal', 500, 'Something went wrong.', undefined, 'response did not match its schema');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('request.invalid', fe.statusCode, 'The request could not be accepted.');
  }
  return new AppError('internal', 500, 'Something went wrong.');
}

export function sendError(reply: FastifyReply, req: FastifyRequest, e: AppError): FastifyReply {
  const body: ErrorBody = {
    error: {
      code: e.code,
      message: e.status >= 500 ? `${e.message} Please quote reference ${req.id} if it goes on.` : e.message,
      ...(e.details ? { details: e.details } : {}),
      requestId: req.id,
    },
  };
  return reply.status(e.status).type('application/json').send(body);
}

export function registerErrorHandling(app: App): void {
  app.setErrorHandler((err, req, reply) => {
    const e = toAppError(err);
    if (e.status >= 500) req.log.error({ err, code: e.code }, 'request failed');
    else req.log.info({ code: e.code, status: e.status }, 'request refused');
    return sendError(reply, req, e);
  });
}
