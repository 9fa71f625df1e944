import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';

export interface UpstreamOptions {
  /** The log line's event, e.g. `tor4you_call`. */
  event: string;
  /** Our site id, for the log lines. */
  site: string;
  timeoutMs: number;
  log: Logger;
  fetch?: typeof fetch | undefined;
}

/** What a platform answered, read as text; its helpers log the call's outcome once, with its duration. */
export interface UpstreamReply {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON; a body that is not JSON is logged and refused (upstream_auth on 401/403). */
  json(): unknown;
  /** Logs the outcome as refused and returns the failure, for `throw reply.fail(...)`. */
  fail(failure: ApiFailure, outcome: string, extra?: Record<string, unknown>, level?: 'warn' | 'error'): ApiFailure;
  ok(extra?: Record<string, unknown>): void;
}

const unavailable = (cause?: unknown) =>
  new ApiFailure(
    'upstream_unavailable',
    'The booking system is not answering. Please try again shortly.',
    cause === undefined ? undefined : { cause },
  );
export const unreadable = (cause?: unknown) =>
  new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.', cause === undefined ? undefined : { cause });
export const refusedCredentials = () => new ApiFailure('upstream_auth', 'The booking system refused our credentials.');
/** What every platform's adapter tells the customer in the same words; the platform's own words go to the log. */
export const takenOnPlatform = () => new ApiFailure('slot_taken', 'This time has just been taken. Please choose another.');
export const bookingNotFound = () => new ApiFailure('not_found', 'This booking could not be found.');
export const refusedByPlatform = () => new ApiFailure('upstream_error', 'The booking system could not complete the request.');

/**
 * One HTTP call to a platform, never retried (a booking sent twice books twice): limited to `timeoutMs`
 * including its body, logged with the fields naming the call and never its URL or headers, which may carry
 * credentials. No answer in time, a network failure, 5xx or 429 is upstream_unavailable.
 */
export async function callUpstream(options: UpstreamOptions, call: Record<string, unknown>, url: URL, init: RequestInit): Promise<UpstreamReply> {
  const started = Date.now();
  const fields = { event: options.event, site: options.site, ...call };
  const ms = () => Date.now() - started;
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    text = await response.text();
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    options.log.warn({ ...fields, outcome: timedOut ? 'timeout' : 'network', ms: ms() });
    throw unavailable(error);
  }
  const { status } = response;
  if (status >= 500 || status === 429) {
    options.log.warn({ ...fields, outcome: 'http', httpStatus: status, ms: ms() });
    throw unavailable();
  }
  return {
    status,
    headers: response.headers,
    text,
    json() {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        options.log.error({ ...fields, outcome: 'not_json', httpStatus: status, ms: ms() });
        throw status === 401 || status === 403 ? refusedCredentials() : unreadable(error);
      }
    },
    fail(failure, outcome, extra = {}, level = 'warn') {
      options.log[level]({ ...fields, outcome, httpStatus: status, ...extra, ms: ms() });
      return failure;
    },
    ok(extra = {}) {
      options.log.info({ ...fields, outcome: 'ok', ...extra, ms: ms() });
    },
  };
}
