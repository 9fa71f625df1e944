import type { Clock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { bookingNotFound, callUpstream, refusedByPlatform, refusedCredentials, takenOnPlatform, unreadable } from '../shared/upstream.ts';
import { SaltClock, signature, type SignatureAlgorithm } from './signature.ts';
import type * as z from 'zod';
import { item, items, parseEnvelope, UnreadableAnswer, type Envelope } from './xml.ts';

export interface OnlineAfsprakenClientOptions {
  baseUrl: string;
  key: string;
  secret: string;
  algorithm: SignatureAlgorithm;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
  /** Our site id, for the log lines. */
  site: string;
  fetch?: typeof fetch;
}

export type Params = Record<string, string | number | undefined>;

const authWords =
  /signature|handtekening|api[_ ]?key|api[_ ]?salt|\bsalt\b|sleutel|authori[sz]|authenticat|geen toegang|access denied|pro[- ]?(plan|abonnement)/i;
const takenWords = /geen vrij tijdslot|niet (meer )?beschikbaar|bezet|no (free|available) (time ?)?slot|not available/i;
const missingWords = /niet gevonden|bestaat niet|onbekende afspraak|not found|does not exist/i;

/** A `failed` answer as one of our codes; the platform's words stay in the log. */
export function failureFor(method: string, message: string): ApiFailure {
  if (authWords.test(message)) return refusedCredentials();
  if (method === 'setAppointment' && takenWords.test(message)) {
    return takenOnPlatform();
  }
  if (method === 'confirmAppointment') return new ApiFailure('code_wrong', 'This code is not right. Please check it and try again.');
  if (method === 'cancelAppointment') return new ApiFailure('cancel_not_allowed', 'This booking can no longer be cancelled online.');
  if (method === 'getAppointment' && missingWords.test(message)) return bookingNotFound();
  return refusedByPlatform();
}

/**
 * Signed GET calls to the OnlineAfspraken REST API (every value in the query string), time-limited, read
 * as XML and checked on the XML status, not the HTTP one. Nothing is retried, except a call refused for
 * a salt our drifting clock made stale: the refusal says nothing was done, and its Timestamp sets the clock.
 */
export class OnlineAfsprakenClient {
  readonly #options: OnlineAfsprakenClientOptions;
  readonly salt: SaltClock;

  constructor(options: OnlineAfsprakenClientOptions) {
    this.#options = options;
    this.salt = new SaltClock(options.clock);
  }

  async call(method: string, params: Params = {}): Promise<Envelope> {
    const first = await this.#send(method, params);
    if (first.answer) return first.answer;
    if (first.failure.code === 'upstream_auth' && first.clockMoved) {
      const second = await this.#send(method, params);
      if (second.answer) return second.answer;
      throw second.failure;
    }
    throw first.failure;
  }

  /** The `<element>` items of a list answer, typed; an empty list may come with no `<Objects>` at all. */
  async list<T>(method: string, params: Params, element: string, schema: z.ZodType<T>): Promise<T[]> {
    const envelope = await this.call(method, params);
    return items(envelope.body, element).map((node) => this.#read(method, node, schema));
  }

  /** The one `<element>` of a get-one or set answer, typed. */
  async one<T>(method: string, params: Params, element: string, schema: z.ZodType<T>): Promise<T> {
    const envelope = await this.call(method, params);
    return this.#read(method, item(envelope.body, element), schema);
  }

  #read<T>(method: string, node: unknown, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(node);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
    this.#options.log.error({ event: 'onlineafspraken_call', site: this.#options.site, method, outcome: 'unexpected_shape', issues });
    throw unreadable();
  }

  #url(method: string, params: Params): URL {
    const signed: Record<string, string> = { method };
    for (const [name, value] of Object.entries(params)) if (value !== undefined) signed[name] = String(value);
    const salt = this.salt.salt();
    const url = new URL(this.#options.baseUrl);
    url.searchParams.set('api_key', this.#options.key);
    url.searchParams.set('api_salt', String(salt));
    url.searchParams.set('api_signature', signature(signed, this.#options.secret, salt, this.#options.algorithm));
    for (const [name, value] of Object.entries(signed)) url.searchParams.set(name, value);
    return url;
  }

  async #send(
    method: string,
    params: Params,
  ): Promise<{ answer: Envelope; failure?: never; clockMoved?: never } | { answer?: never; failure: ApiFailure; clockMoved: boolean }> {
    const { site, timeoutMs, log } = this.#options;
    const reply = await callUpstream(
      { event: 'onlineafspraken_call', site, timeoutMs, log, fetch: this.#options.fetch },
      { method },
      this.#url(method, params),
      {
        headers: { accept: 'application/xml, text/xml' },
      },
    );
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(reply.text);
    } catch (error) {
      if (!(error instanceof UnreadableAnswer)) throw error;
      const failure = reply.status === 401 || reply.status === 403 ? refusedCredentials() : unreadable(error);
      throw reply.fail(failure, 'unreadable', { reason: error.message }, 'error');
    }
    const clockMoved = this.salt.observe(envelope.timestamp);
    if (!envelope.ok) {
      const failure = failureFor(method, envelope.message);
      reply.fail(failure, failure.code, {
        upstreamCode: envelope.code,
        upstreamMessage: envelope.message,
        clockOffsetSeconds: this.salt.offsetSeconds,
      });
      return { failure, clockMoved };
    }
    reply.ok();
    return { answer: envelope };
  }
}
