import ky, { HTTPError, type KyInstance } from 'ky';
import * as z from 'zod/mini';
import {
  apiError,
  bookingResponse,
  catalogResponse,
  datesResponse,
  manageAuthScheme,
  manageView,
  resendResponse,
  revokedResponse,
  sessionResponse,
  timesResponse,
  type BookingRequest,
  type BookingResponse,
  type CatalogResponse,
  type DatesResponse,
  type ErrorCode,
  type ManageView,
  type ResendResponse,
  type RevokedResponse,
  type SessionResponse,
  type TimesResponse,
} from '../../contract/index.ts';

/** A failure the widget can name: the API's stable code, or `network` when no answer came, or `invalid_response`. */
export class ApiProblem extends Error {
  readonly code: ErrorCode | 'network' | 'invalid_response';
  readonly status: number;
  readonly field: string | undefined;

  constructor(code: ApiProblem['code'], message: string, status = 0, field?: string) {
    super(message);
    this.name = 'ApiProblem';
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

export interface ApiOptions {
  /** The backend's origin, e.g. http://127.0.0.1:8787. */
  api: string;
  site: string;
  /** Tests pass their own; the page's fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface Choice {
  service: string;
  staff?: string | null | undefined;
  branch?: string | undefined;
  participants: number;
}

/** Renew a little before the token says it expires (a fifth of its life, at most 15 s), so no request carries a dying token. */
function renewAt(session: SessionResponse, receivedAt: number): number {
  const expires = Date.parse(session.expiresAt);
  return expires - Math.min(15_000, (expires - receivedAt) / 5);
}

function query(choice: Choice, extra: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = { service: choice.service, participants: String(choice.participants), ...extra };
  if (choice.staff) params['staff'] = choice.staff;
  if (choice.branch) params['branch'] = choice.branch;
  return params;
}

async function problemOf(error: unknown): Promise<ApiProblem> {
  if (error instanceof ApiProblem) return error;
  if (error instanceof HTTPError) {
    const body = z.safeParse(apiError, await error.response.json().catch(() => undefined));
    if (body.success) return new ApiProblem(body.data.error.code, body.data.error.message, error.response.status, body.data.error.field);
    return new ApiProblem(error.response.status >= 500 ? 'upstream_unavailable' : 'invalid_response', error.message, error.response.status);
  }
  if (error instanceof DOMException && error.name === 'AbortError') throw error;
  return new ApiProblem('network', error instanceof Error ? error.message : String(error));
}

/** The widget's only door to the backend: typed calls, validated answers, a session token kept fresh. */
export class BookwellApi {
  readonly #http: KyInstance;
  readonly #site: string;
  readonly api: string;
  #session: Promise<SessionResponse & { renewAt: number }> | undefined;

  constructor(options: ApiOptions) {
    this.api = options.api.replace(/\/+$/, '');
    this.#site = options.site;
    this.#http = ky.create({
      prefixUrl: `${this.api}/v1`,
      timeout: options.timeoutMs ?? 15_000,
      // Only reads are retried; a booking is retried by the widget itself with the same Idempotency-Key.
      retry: { limit: 2, methods: ['get'], statusCodes: [408, 502, 503, 504] },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** The session: a short-lived token and what the widget must know about the site. */
  session(): Promise<SessionResponse> {
    this.#session ??= this.#newSession();
    return this.#session.then(({ renewAt: _, ...session }) => session);
  }

  /** The first call: the session, with the catalog in the same answer when the booking flow needs it (one round trip, not two). */
  async start(withCatalog: boolean): Promise<SessionResponse> {
    const started = this.#newSession(withCatalog);
    this.#session = started;
    const { renewAt: _, ...session } = await started;
    return session;
  }

  async #newSession(withCatalog = false): Promise<SessionResponse & { renewAt: number }> {
    try {
      const answer = await this.#http.post('session', { json: withCatalog ? { site: this.#site, catalog: true } : { site: this.#site } }).json();
      const session = this.#parse(sessionResponse, answer);
      return { ...session, renewAt: renewAt(session, Date.now()) };
    } catch (error) {
      this.#session = undefined;
      throw await problemOf(error);
    }
  }

  /** A token and the session it came from; calls that find the token dying together share one renewal. */
  async #token(): Promise<[string, Promise<SessionResponse>]> {
    const used = (this.#session ??= this.#newSession());
    const current = await used;
    if (Date.now() < current.renewAt) return [current.token, used];
    if (this.#session === used) this.#session = undefined;
    const renewed = (this.#session ??= this.#newSession());
    return [(await renewed).token, renewed];
  }

  #parse<T extends z.ZodMiniType>(schema: T, value: unknown): z.output<T> {
    const parsed = z.safeParse(schema, value);
    if (!parsed.success) throw new ApiProblem('invalid_response', 'the backend answered in an unexpected shape');
    return parsed.data;
  }

  /** One authorised call; a token the server calls expired or invalid is renewed once, unseen by the customer. */
  async #call<T extends z.ZodMiniType>(
    schema: T,
    method: 'get' | 'post' | 'delete',
    path: string,
    init: { json?: unknown; searchParams?: Record<string, string>; headers?: Record<string, string>; signal?: AbortSignal | undefined } = {},
  ): Promise<z.output<T>> {
    for (let attempt = 0; ; attempt++) {
      const [token, session] = await this.#token().catch(async (e: unknown) => {
        throw await problemOf(e);
      });
      try {
        const answer = await this.#http(path, {
          method,
          ...(init.json === undefined ? {} : { json: init.json }),
          ...(init.searchParams ? { searchParams: init.searchParams } : {}),
          ...(init.signal ? { signal: init.signal } : {}),
          headers: { ...init.headers, authorization: `Bearer ${token}` },
        }).json();
        return this.#parse(schema, answer);
      } catch (error) {
        const problem = await problemOf(error);
        if (attempt === 0 && (problem.code === 'token_expired' || problem.code === 'token_invalid')) {
          if (this.#session === session) this.#session = undefined;
          continue;
        }
        throw problem;
      }
    }
  }

  catalog(signal?: AbortSignal): Promise<CatalogResponse> {
    return this.#call(catalogResponse, 'get', 'catalog', { signal });
  }

  dates(choice: Choice, from: string, to: string, signal?: AbortSignal): Promise<DatesResponse> {
    return this.#call(datesResponse, 'get', 'availability/dates', { searchParams: query(choice, { from, to }), signal });
  }

  times(choice: Choice, date: string, signal?: AbortSignal): Promise<TimesResponse> {
    return this.#call(timesResponse, 'get', 'availability/times', { searchParams: query(choice, { date }), signal });
  }

  /** The same key for a retry of the same booking: the server then answers the first result and books nothing more. */
  book(request: BookingRequest, idempotencyKey: string, signal?: AbortSignal): Promise<BookingResponse> {
    return this.#call(bookingResponse, 'post', 'bookings', { json: request, headers: { 'idempotency-key': idempotencyKey }, signal });
  }

  confirm(bookingId: string, code: string): Promise<BookingResponse> {
    return this.#call(bookingResponse, 'post', `bookings/${encodeURIComponent(bookingId)}/confirm`, { json: { code } });
  }

  resendCode(bookingId: string): Promise<ResendResponse> {
    return this.#call(resendResponse, 'post', `bookings/${encodeURIComponent(bookingId)}/code`, { json: {} });
  }

  /** A manage call: the link is the capability, so no session; its token goes in a header, never in the address. */
  async #manageCall<T extends z.ZodMiniType>(
    schema: T,
    method: 'get' | 'post' | 'delete',
    manageToken: string,
    init: { path?: string; json?: unknown; signal?: AbortSignal | undefined } = {},
  ): Promise<z.output<T>> {
    try {
      const answer = await this.#http(init.path ?? 'manage', {
        method,
        ...(init.json === undefined ? {} : { json: init.json }),
        ...(init.signal ? { signal: init.signal } : {}),
        headers: { authorization: `${manageAuthScheme} ${manageToken}` },
      }).json();
      return this.#parse(schema, answer);
    } catch (error) {
      throw await problemOf(error);
    }
  }

  manage(manageToken: string, signal?: AbortSignal): Promise<ManageView> {
    return this.#manageCall(manageView, 'get', manageToken, { signal });
  }

  answerAttendance(manageToken: string, attendance: 'yes' | 'no'): Promise<ManageView> {
    return this.#manageCall(manageView, 'post', manageToken, { json: { attendance } });
  }

  cancel(manageToken: string): Promise<ManageView> {
    return this.#manageCall(manageView, 'delete', manageToken);
  }

  /** A booking waiting for its code, confirmed from its manage link. */
  confirmByLink(manageToken: string, code: string): Promise<ManageView> {
    return this.#manageCall(manageView, 'post', manageToken, { path: 'manage/confirm', json: { code } });
  }

  resendCodeByLink(manageToken: string): Promise<ResendResponse> {
    return this.#manageCall(resendResponse, 'post', manageToken, { path: 'manage/code', json: {} });
  }

  /** Switches the link off: from then on it opens nothing. */
  revokeManageLink(manageToken: string): Promise<RevokedResponse> {
    return this.#manageCall(revokedResponse, 'delete', manageToken, { path: 'manage/link' });
  }
}

/** A key that names one booking attempt; retries of that attempt send it again. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
