import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { Logger } from '../deps.ts';
import { ApiFailure } from '../errors.ts';

export function sendFailure(c: Context, failure: ApiFailure): Response {
  // The rest of a too-large body may still be on its way: close the connection rather than read it.
  if (failure.code === 'payload_too_large') c.header('Connection', 'close');
  if (failure.retryAfter !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(failure.retryAfter))));
  return c.json(failure.toBody(), failure.status as 400);
}

/**
 * The one way a failure leaves: `{error:{code,message,field?}}`. Anything unexpected becomes `internal`
 * and only its kind is logged, since a database or platform message may quote personal data.
 */
export function errorHandler(log: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiFailure) return sendFailure(c, error);
    if (error instanceof HTTPException && error.status === 413) {
      return sendFailure(c, new ApiFailure('payload_too_large', 'The body is too large.'));
    }
    if (error instanceof HTTPException && error.status < 500) {
      return sendFailure(c, new ApiFailure('invalid_request', 'The request could not be read.'));
    }
    // A short code (e.g. Postgres "23505", Node "ECONNRESET") helps find the cause and quotes no data.
    const code = (error as { code?: unknown }).code;
    log.error({
      msg: 'unexpected error',
      route: safeRoute(c),
      error: error instanceof Error ? error.name : typeof error,
      ...(typeof code === 'string' && /^[A-Z0-9_]{1,24}$/.test(code) ? { code } : {}),
    });
    return sendFailure(c, new ApiFailure('internal', 'Something went wrong on our side. Please try again.'));
  };
}

export const notFoundHandler: NotFoundHandler = (c) => sendFailure(c, new ApiFailure('not_found', 'There is nothing here.'));

export function safeRoute(c: Context): string {
  try {
    return routePath(c) || 'unmatched';
  } catch {
    return 'unmatched';
  }
}
