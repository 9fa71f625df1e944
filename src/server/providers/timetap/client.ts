import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import {
  bookingNotFound,
  callUpstream,
  refusedByPlatform,
  refusedCredentials,
  takenOnPlatform,
  unreadable,
  type UpstreamOptions,
  type UpstreamReply,
} from '../shared/upstream.ts';
import { sessionTokenAnswer } from './wire.ts';

export interface TimeTapClientOptions {
  /** `https://api.timetap.com/live` or `.../test`. */
  baseUrl: string;
  apiKey: string;
  privateKey: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
  /** Our site id, for the log lines. */
  site: string;
  fetch?: typeof fetch | undefined;
}

/** The session token's signature: md5 hex of apiKey + privateKey (the timestamp is sent, not signed). */
export function sessionSignature(apiKey: string, privateKey: string): string {
  return createHash('md5')
    .update(apiKey + privateKey, 'utf8')
    .digest('hex');
}

export interface Call {
  method: 'GET' | 'POST' | 'PUT';
  /** The path after the base URL, ids filled in: `/appointments/123`. */
  path: string;
  /** The call in logs and failure mapping, without ids: `GET /appointments/{calendarId}`. */
  name: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** Words TimeTap's error pages use when a time cannot be booked any more. */
const takenWords = /no longer available|not available|already booked|already taken|time ?slot|conflict|double.?book|overlap/i;

/** Our code for a TimeTap HTTP failure (5xx and 429 are already upstream_unavailable). */
export function failureFor(call: string, status: number, words: string): ApiFailure {
  if (status === 401 || status === 403) return refusedCredentials();
  if (status === 408) return new ApiFailure('upstream_unavailable', 'The booking system is not answering. Please try again shortly.');
  if (call === 'POST /appointments' && (status === 409 || takenWords.test(words))) {
    return takenOnPlatform();
  }
  if (status === 404 && call.startsWith('GET /appointments/')) return bookingNotFound();
  return refusedByPlatform();
}

/** An error page's words without its markup, short enough for one log line. */
export function plainText(body: string): string {
  return body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/**
 * Calls to the TimeTap API with one session token, reused for every call: a token per call made a public
 * client time out. No expiry is documented, so a 401 renews it once, and calls that fail together share
 * that one renewal. Nothing else is retried: a booking sent twice books twice.
 */
export class TimeTapClient {
  readonly #options: TimeTapClientOptions;
  readonly #upstream: UpstreamOptions;
  #token: Promise<string> | null = null;

  constructor(options: TimeTapClientOptions) {
    this.#options = options;
    this.#upstream = { event: 'timetap_call', site: options.site, timeoutMs: options.timeoutMs, log: options.log, fetch: options.fetch };
  }

  async call<T>(call: Call, schema: z.ZodType<T>): Promise<T> {
    const reply = await this.#authorized(call);
    const parsed = schema.safeParse(this.#body(reply));
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw reply.fail(unreadable(), 'unexpected_shape', { issues }, 'error');
    }
    reply.ok();
    return parsed.data;
  }

  /** The answer's JSON unchecked: for answers whose shape is not documented, and bodies sent back whole (PUT). */
  async raw(call: Call): Promise<unknown> {
    const reply = await this.#authorized(call);
    const body = this.#body(reply);
    reply.ok();
    return body;
  }

  async #authorized(call: Call): Promise<UpstreamReply> {
    const token = this.#currentToken();
    const first = await this.#send(call, await token);
    if (first.status !== 401) return this.#checked(call, first);
    first.fail(refusedCredentials(), 'token_refused');
    // Renew unless a call that failed at the same time already did.
    if (this.#token === token) this.#token = this.#newToken();
    return this.#checked(call, await this.#send(call, await this.#currentToken()));
  }

  #checked(call: Call, reply: UpstreamReply): UpstreamReply {
    if (reply.status >= 200 && reply.status < 300) return reply;
    // TimeTap's failures are HTML error pages or empty: never parsed, kept in the log as words only.
    const words = plainText(reply.text);
    const failure = failureFor(call.name, reply.status, words);
    throw reply.fail(failure, failure.code, { upstreamMessage: words });
  }

  /** A 2xx body as JSON; an empty one is null. */
  #body(reply: UpstreamReply): unknown {
    return reply.text.trim() === '' ? null : reply.json();
  }

  #send(call: Call, token: string): Promise<UpstreamReply> {
    return callUpstream(this.#upstream, { call: call.name }, this.#url(call.path, call.query), {
      method: call.method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
  }

  #currentToken(): Promise<string> {
    this.#token ??= this.#newToken();
    return this.#token;
  }

  #newToken(): Promise<string> {
    const { apiKey, privateKey, clock } = this.#options;
    const url = this.#url('/sessionToken', {
      apiKey,
      timestamp: Math.floor(clock().getTime() / 1000),
      signature: sessionSignature(apiKey, privateKey),
    });
    const promise = (async () => {
      const reply = await callUpstream(this.#upstream, { call: 'GET /sessionToken' }, url, {
        method: 'GET',
        headers: { accept: 'application/json' },
      });
      if (reply.status === 400 || reply.status === 401 || reply.status === 403) {
        throw reply.fail(refusedCredentials(), 'upstream_auth', { upstreamMessage: plainText(reply.text) });
      }
      if (reply.status < 200 || reply.status >= 300) throw reply.fail(failureFor('GET /sessionToken', reply.status, ''), 'http');
      const parsed = sessionTokenAnswer.safeParse(this.#body(reply));
      if (!parsed.success) throw reply.fail(unreadable(), 'unexpected_shape', {}, 'error');
      reply.ok();
      return parsed.data.sessionToken;
    })();
    // A failed renewal is not kept: the next call asks again.
    promise.catch(() => {
      if (this.#token === promise) this.#token = null;
    });
    return promise;
  }

  #url(path: string, query: Call['query'] = {}): URL {
    const url = new URL(this.#options.baseUrl.replace(/\/+$/, '') + path);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    return url;
  }
}
