import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { bookingNotFound, callUpstream, refusedByPlatform, refusedCredentials, takenOnPlatform, unreadable } from '../shared/upstream.ts';
import { toTorDateTime } from './time.ts';

export type Tor4YouCredentials = { method: 'torkey'; key: string } | { method: 'signed'; siteId: string; key: string; secret: string };

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
  return createHash('sha256')
    .update(siteId + key + dt + apicall + secret, 'utf8')
    .digest('hex');
}

/** Every answer carries status 1 / "1" or 0 / "0" with a message. */
const envelope = z.looseObject({
  status: z.union([z.number(), z.string()]).transform((v) => String(v)),
  message: z.string().optional(),
});

/** Words the platform uses when a time cannot be booked any more (English and Hebrew). */
const takenWords = /full|taken|not available|unavailable|no (free )?(room|place|space)|max ?members|occupied|תפוס|מלא|לא פנוי|אין מקום/i;
const missingWords = /not found|no such|unknown appointment|does not exist|wrong vfib|לא נמצא/i;
const appointmentCalls = new Set(['apptinfo', 'appthistory', 'iscoming', 'delappt']);
const authWords = /credential|unauthori[sz]ed|forbidden|torkey|signature|api key|\bsh\b|\bdt\b|הרשאה/i;

/** Turns a `status: 0` answer into one of our codes; the platform's words stay in the log. */
export function failureFor(apicall: string, message: string): ApiFailure {
  if (authWords.test(message)) return refusedCredentials();
  if (apicall === 'addappt' && takenWords.test(message)) {
    return takenOnPlatform();
  }
  if (appointmentCalls.has(apicall) && missingWords.test(message)) {
    return bookingNotFound();
  }
  return refusedByPlatform();
}

/** Calls to the Tor4You API, authenticated and checked; timed and logged by callUpstream, never retried. */
export class Tor4YouClient {
  readonly #options: Tor4YouClientOptions;

  constructor(options: Tor4YouClientOptions) {
    this.#options = options;
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

    const reply = await callUpstream(
      { event: 'tor4you_call', site: this.#options.site, timeoutMs: this.#options.timeoutMs, log: this.#options.log, fetch: this.#options.fetch },
      { apicall },
      url,
      {
        method,
        headers: {
          accept: 'application/json',
          ...auth.headers,
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(method === 'POST' ? { body: data.toString() } : {}),
      },
    );
    const body = reply.json();
    const head = envelope.safeParse(body);
    if (!head.success) throw reply.fail(unreadable(), 'no_status', {}, 'error');
    if (head.data.status !== '1') {
      const message = head.data.message ?? '';
      const failure = failureFor(apicall, message);
      throw reply.fail(failure, failure.code, { upstreamMessage: message });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      throw reply.fail(unreadable(), 'unexpected_shape', { issues }, 'error');
    }
    reply.ok();
    return parsed.data;
  }
}
