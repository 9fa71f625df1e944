import type { Clock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
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

const authWords = /signature|handtekening|api[_ ]?key|api[_ ]?salt|\bsalt\b|sleutel|authori[sz]|authenticat|geen toegang|access denied|pro[- ]?(plan|abonnement)/i;
const takenWords = /geen vrij tijdslot|niet (meer )?beschikbaar|bezet|no (free|available) (time ?)?slot|not available/i;
const missingWords = /niet gevonden|bestaat niet|onbekende afspraak|not found|does not exist/i;

/** A `failed` answer as one of our codes; the platform's words stay in the log. */
export function failureFor(method: string, message: string): ApiFailure {
  if (authWords.test(message)) return new ApiFailure('upstream_auth', 'The booking system refused our credentials.');
  if (method === 'setAppointment' && takenWords.test(message)) {
    return new ApiFailure('slot_taken', 'This time has just been taken. Please choose another.');
  }
  if (method === 'confirmAppointment') return new ApiFailure('code_wrong', 'This code is not right. Please check it and try again.');
  if (method === 'cancelAppointment') return new ApiFailure('cancel_not_allowed', 'This booking can no longer be cancelled online.');
  if (method === 'getAppointment' && missingWords.test(message)) return new ApiFailure('not_found', 'This booking could not be found.');
  return new ApiFailure('upstream_error', 'The booking system could not complete the request.');
}

const unavailable = () => new ApiFailure('upstream_unavailable', 'The booking system is not answering. Please try again shortly.');

/**
 * Signed GET calls to the OnlineAfspraken REST API (every value in the query string), time-limited, read
 * as XML and checked on the XML status, not the HTTP one. Nothing is retried, except a call refused for
 * a salt our drifting clock made stale: the refusal says nothing was done, and its Timestamp sets the clock.
 */
export class OnlineAfsprakenClient {
  readonly #options: OnlineAfsprakenClientOptions;
  readonly #fetch: typeof fetch;
  readonly salt: SaltClock;

  constructor(options: OnlineAfsprakenClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
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
    throw new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.');
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

  async #send(method: string, params: Params): Promise<{ answer: Envelope; failure?: never; clockMoved?: never } | { answer?: never; failure: ApiFailure; clockMoved: boolean }> {
    const { log } = this.#options;
    const started = Date.now();
    const fields = { event: 'onlineafspraken_call', site: this.#options.site, method };
    let response: Response;
    try {
      response = await this.#fetch(this.#url(method, params), {
        headers: { accept: 'application/xml, text/xml' },
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      log.warn({ ...fields, outcome: timedOut ? 'timeout' : 'network', ms: Date.now() - started });
      throw unavailable();
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel();
      log.warn({ ...fields, outcome: 'http', httpStatus: response.status, ms: Date.now() - started });
      throw unavailable();
    }
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(await response.text());
    } catch (error) {
      if (!(error instanceof UnreadableAnswer)) throw error;
      log.error({ ...fields, outcome: 'unreadable', httpStatus: response.status, reason: error.message });
      if (response.status === 401 || response.status === 403) throw new ApiFailure('upstream_auth', 'The booking system refused our credentials.');
      throw new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.');
    }
    const clockMoved = this.salt.observe(envelope.timestamp);
    if (!envelope.ok) {
      const failure = failureFor(method, envelope.message);
      log.warn({ ...fields, outcome: failure.code, upstreamCode: envelope.code, upstreamMessage: envelope.message, clockOffsetSeconds: this.salt.offsetSeconds, ms: Date.now() - started });
      return { failure, clockMoved };
    }
    log.info({ ...fields, outcome: 'ok', ms: Date.now() - started });
    return { answer: envelope };
  }
}

