import type * as z from 'zod';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { bookingNotFound, callUpstream, refusedByPlatform, refusedCredentials, takenOnPlatform, unreadable } from '../shared/upstream.ts';
import { errorEnvelope, type WireError } from './wire.ts';

export interface AgendizeClientOptions {
  /** e.g. https://api.agendize.com (no /api/x.y). */
  origin: string;
  version: string;
  apiKey: string;
  token: string;
  timeoutMs: number;
  log: Logger;
  /** Our site id, for the log lines. */
  site: string;
  fetch?: typeof fetch | undefined;
}

/** What one call is, for the failure it may turn into: the booking call can be "taken", the others "not found". */
export type CallKind = 'read' | 'book' | 'appointment' | 'write';

export interface Request {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Another API version for this call (freeSlots). */
  version?: string;
}

/** Words a refused booking uses when the time is gone (English and French). */
const takenWords = /slot|not available|unavailable|no longer|taken|capacity|full|already booked|complet|indisponible|plus disponible|créneau/i;

const unavailable = () => new ApiFailure('upstream_unavailable', 'The booking system is not answering. Please try again shortly.');

/** Turns Agendize's error (HTTP status and envelope) into one of our codes; its words stay in the log. */
export function failureFor(kind: CallKind, httpStatus: number, error: WireError | null): ApiFailure {
  const failure = classify(kind, httpStatus, error);
  // The platform's answer rides along (never to the customer) for callers that choose a fallback on it.
  return new ApiFailure(failure.code, failure.message, { cause: { httpStatus, error } satisfies UpstreamRefusal });
}

/** What Agendize answered to a refused call. */
export interface UpstreamRefusal {
  httpStatus: number;
  error: WireError | null;
}

export function refusalOf(failure: unknown): UpstreamRefusal | null {
  const cause = failure instanceof ApiFailure ? (failure.cause as UpstreamRefusal | undefined) : undefined;
  return cause && typeof cause.httpStatus === 'number' ? cause : null;
}

function classify(kind: CallKind, httpStatus: number, error: WireError | null): ApiFailure {
  const code = error?.code || httpStatus;
  if (httpStatus === 401 || httpStatus === 403 || code === 401 || code === 403) return refusedCredentials();
  if (httpStatus >= 500 || httpStatus === 429 || code >= 500 || code === 429) return unavailable();
  const words = `${error?.reason ?? ''} ${error?.message ?? ''}`;
  if (kind === 'book' && (code === 409 || takenWords.test(words))) {
    return takenOnPlatform();
  }
  if (kind === 'appointment' && (code === 404 || /not ?found/i.test(words))) {
    return bookingNotFound();
  }
  return refusedByPlatform();
}

/**
 * One HTTP call to the Agendize API over callUpstream (timed, logged, never retried: a booking sent twice books
 * twice): authenticated by the `apiKey` and `token` headers, and checked on both the HTTP status and the body
 * (Agendize may answer an error with 200).
 */
export class AgendizeClient {
  readonly #o: AgendizeClientOptions;

  constructor(options: AgendizeClientOptions) {
    this.#o = options;
  }

  async call<T>(label: string, kind: CallKind, path: string, request: Request, schema: z.ZodType<T>): Promise<T> {
    const method = request.method ?? 'GET';
    const url = new URL(`${this.#o.origin.replace(/\/+$/, '')}/api/${request.version ?? this.#o.version}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    const reply = await callUpstream(
      { event: 'agendize_call', site: this.#o.site, timeoutMs: this.#o.timeoutMs, log: this.#o.log, fetch: this.#o.fetch },
      { call: label },
      url,
      {
        method,
        headers: {
          accept: 'application/json',
          apiKey: this.#o.apiKey,
          token: this.#o.token,
          ...(request.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      },
    );
    const empty = reply.text.trim() === '';
    let body: unknown = undefined;
    if (!empty) {
      try {
        body = JSON.parse(reply.text);
      } catch {
        body = undefined;
      }
    }
    const envelope = errorEnvelope.safeParse(body);
    if (reply.status >= 400 || envelope.success) {
      const error = envelope.success ? envelope.data.error : null;
      const failure = failureFor(kind, reply.status, error);
      throw reply.fail(failure, failure.code, {
        upstreamCode: error?.code ?? null,
        upstreamReason: error?.reason ?? null,
        upstreamMessage: error?.message ?? null,
      });
    }
    if (body === undefined && !empty) throw reply.fail(unreadable(), 'not_json', {}, 'error');
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw reply.fail(unreadable(), 'unexpected_shape', { issues }, 'error');
    }
    reply.ok();
    return parsed.data;
  }
}
