import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { toTorDateTime } from './time.ts';

export type Tor4YouCredentials =
  | { method: 'torkey'; key: string }
  | { method: 'signed'; siteId: string; key: string; secret: string };

export interface Tor4YouClientOptions {
  baseUrl: string;
  credentials: Tor4YouCredentials;
  timeoutMs: number;
  /** The business's IANA zone: `dt` is signed in its local time. */
  timeZone: string;
  clock: Clock;
  log: Logger;
  /** Our site id, for the log lines. */
  site: string;
  fetch?: typeof fetch;
}

export type Params = Record<string, string | number | undefined>;

/** sh = SHA256(siteid + key + dt + apicall + secret), hex, as the Tor4You document defines it. */
export function signature(siteId: string, key: string, dt: string, apicall: string, secret: string): string {
  return createHash('sha256').update(siteId + key + dt + apicall + secret, 'utf8').digest('hex');
}

/** Every answer carries status 1 / "1" or 0 / "0" with a message. */
const envelope = z.looseObject({
  status: z.union([z.number(), z.string()]).transform((v) => String(v)),
  message: z.string().optional(),
});

/** Words the platform uses when a time cannot be booked any more (English and Hebrew). */
const takenWords = /full|taken|not available|unavailable|no (free )?(room|place|space)|max ?members|occupied|תפוס|מלא|לא פנוי|אין מקום/i;
const missingWords = /not found|no such|unknown appointment|does not exist|wrong vfib|לא נמצא/i;
const appointmentCalls = new Set(['apptinfo', 'iscoming', 'delappt']);
const authWords = /credential|unauthori[sz]ed|forbidden|torkey|signature|api key|\bsh\b|\bdt\b|הרשאה/i;

/** Turns a `status: 0` answer into one of our codes; the platform's words stay in the log. */
export function failureFor(apicall: string, message: string): ApiFailure {
  if (authWords.test(message)) return new ApiFailure('upstream_auth', 'The booking system refused our credentials.');
  if (apicall === 'addappt' && takenWords.test(message)) {
    return new ApiFailure('slot_taken', 'This time has just been taken. Please choose another.');
  }
  if (appointmentCalls.has(apicall) && missingWords.test(message)) {
    return new ApiFailure('not_found', 'This booking could not be found.');
  }
  return new ApiFailure('upstream_error', 'The booking system could not complete the request.');
}

/**
 * One HTTP call at a time to the Tor4You API, authenticated, time-limited and checked.
 * No call is retried here: a booking sent twice books twice, and reads are cached above.
 */
export class Tor4YouClient {
  readonly #options: Tor4YouClientOptions;
  readonly #fetch: typeof fetch;

  constructor(options: Tor4YouClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  get<T>(apicall: string, params: Params, schema: z.ZodType<T>): Promise<T> {
    return this.#call('GET', apicall, params, schema);
  }

  post<T>(apicall: string, params: Params, schema: z.ZodType<T>): Promise<T> {
    return this.#call('POST', apicall, params, schema);
  }

  #authParams(apicall: string): { headers: Record<string, string>; query: Record<string, string> } {
    const { credentials } = this.#options;
    if (credentials.method === 'torkey') return { headers: { torkey: credentials.key }, query: {} };
    const dt = toTorDateTime(this.#options.clock(), this.#options.timeZone);
    const sh = signature(credentials.siteId, credentials.key, dt, apicall, credentials.secret);
    return { headers: {}, query: { siteid: credentials.siteId, key: credentials.key, dt, sh } };
  }

  async #call<T>(method: 'GET' | 'POST', apicall: string, params: Params, schema: z.ZodType<T>): Promise<T> {
    const auth = this.#authParams(apicall);
    const url = new URL(apicall, this.#options.baseUrl.endsWith('/') ? this.#options.baseUrl : `${this.#options.baseUrl}/`);
    for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
    const data = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined) data.set(name, String(value));
    if (method === 'GET') for (const [name, value] of data) url.searchParams.set(name, value);

    const started = Date.now();
    const logFields = { event: 'tor4you_call', site: this.#options.site, apicall };
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...auth.headers,
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(method === 'POST' ? { body: data.toString() } : {}),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.#options.log.warn({ ...logFields, outcome: timedOut ? 'timeout' : 'network', ms: Date.now() - started });
      throw new ApiFailure('upstream_unavailable', 'The booking system is not answering. Please try again shortly.', { cause: error });
    }

    if (response.status >= 500 || response.status === 429) {
      this.#options.log.warn({ ...logFields, outcome: 'http', httpStatus: response.status, ms: Date.now() - started });
      throw new ApiFailure('upstream_unavailable', 'The booking system is not answering. Please try again shortly.');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      this.#options.log.error({ ...logFields, outcome: 'not_json', httpStatus: response.status });
      if (response.status === 401 || response.status === 403) {
        throw new ApiFailure('upstream_auth', 'The booking system refused our credentials.');
      }
      throw new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.', { cause: error });
    }

    const head = envelope.safeParse(body);
    if (!head.success) {
      this.#options.log.error({ ...logFields, outcome: 'no_status', httpStatus: response.status });
      throw new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.');
    }
    if (head.data.status !== '1') {
      const message = head.data.message ?? '';
      const failure = failureFor(apicall, message);
      this.#options.log.warn({ ...logFields, outcome: failure.code, upstreamMessage: message, ms: Date.now() - started });
      throw failure;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      this.#options.log.error({ ...logFields, outcome: 'unexpected_shape', issues });
      throw new ApiFailure('upstream_error', 'The booking system sent an answer we cannot read.');
    }
    this.#options.log.info({ ...logFields, outcome: 'ok', ms: Date.now() - started });
    return parsed.data;
  }
}
