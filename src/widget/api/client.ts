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
import { takeEarlyCall } from './early.ts';

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

/** An answer that is not 2xx, named by the API's error body when it has one. */
async function problemOfAnswer(response: Response): Promise<ApiProblem> {
  const body = z.safeParse(apiError, await response.json().catch(() => undefined));
  if (body.success) return new ApiProblem(body.data.error.code, body.data.error.message, response.status, body.data.error.field);
  const code = response.status >= 500 ? 'upstream_unavailable' : 'invalid_response';
  return new ApiProblem(code, `the backend answered ${response.status}`, response.status);
}

/** Statuses a read is asked again for (a platform or proxy that had a moment), twice at most, after 0.3 s then 0.6 s. */
const retriedStatuses = new Set([408, 502, 503, 504]);
const retries = 2;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 300 * 2 ** attempt));

interface RequestOptions {
  json?: unknown;
  searchParams?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/** The widget's only door to the backend: typed calls, validated answers, a session token kept fresh. */
export class BookwellApi {
  readonly #site: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly api: string;
  #session: Promise<SessionResponse & { renewAt: number }> | undefined;

  constructor(options: ApiOptions) {
    this.api = options.api.replace(/\/+$/, '');
    this.#site = options.site;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  /**
   * One request and its JSON answer. Only reads are asked again; a booking is retried by the widget itself with the
   * same Idempotency-Key. A request /widget.js already made for this page (the same method, address and body or
   * token) is answered by that call; if it failed, it is asked again here.
   */
  async #request(method: 'get' | 'post' | 'delete', path: string, init: RequestOptions = {}): Promise<unknown> {
    const url = `${this.api}/v1/${path}${init.searchParams ? `?${new URLSearchParams(init.searchParams)}` : ''}`;
    const body = init.json === undefined ? undefined : JSON.stringify(init.json);
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const early = takeEarlyCall(`${method.toUpperCase()} ${url} ${body ?? headers['authorization'] ?? ''}`);
    if (early) {
      try {
        return await early;
      } catch {
        // Asked again below: the customer sees only this request's outcome.
      }
    }
    for (let attempt = 0; ; attempt++) {
      const retry = method === 'get' && attempt < retries;
      let response: Response;
      try {
        response = await this.#fetchInTime(url, { method: method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) }, init.signal);
      } catch (error) {
        if (init.signal?.aborted) throw error;
        if (retry && !(error instanceof ApiProblem)) {
          await pause(attempt);
          continue;
        }
        throw error instanceof ApiProblem ? error : new ApiProblem('network', error instanceof Error ? error.message : String(error));
      }
      if (response.ok) return response.json().catch(() => Promise.reject(new ApiProblem('invalid_response', 'the backend answered no JSON')));
      if (retry && retriedStatuses.has(response.status)) {
        await pause(attempt);
        continue;
      }
      throw await problemOfAnswer(response);
    }
  }

  /** fetch, given up after the timeout (a `network` problem) or when the caller's signal aborts (its AbortError). */
  async #fetchInTime(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    const controller = new AbortController();
    const timedOut = new ApiProblem('network', 'the backend did not answer in time');
    const timer = setTimeout(() => controller.abort(timedOut), this.#timeoutMs);
    const stop = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', stop);
    try {
      if (signal?.aborted) stop();
      return await this.#fetch(url, { ...init, signal: controller.signal });
    } catch (error) {
      throw controller.signal.reason === timedOut ? timedOut : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    }
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
      const answer = await this.#request('post', 'session', { json: withCatalog ? { site: this.#site, catalog: true } : { site: this.#site } });
      const session = this.#parse(sessionResponse, answer);
      return { ...session, renewAt: renewAt(session, Date.now()) };
    } catch (error) {
      this.#session = undefined;
      throw error;
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
  async #call<T extends z.ZodMiniType>(schema: T, method: 'get' | 'post' | 'delete', path: string, init: RequestOptions = {}): Promise<z.output<T>> {
    for (let attempt = 0; ; attempt++) {
      const [token, session] = await this.#token();
      try {
        const answer = await this.#request(method, path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
        return this.#parse(schema, answer);
      } catch (error) {
        if (attempt === 0 && error instanceof ApiProblem && (error.code === 'token_expired' || error.code === 'token_invalid')) {
          if (this.#session === session) this.#session = undefined;
          continue;
        }
        throw error;
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
    const answer = await this.#request(method, init.path ?? 'manage', {
      ...(init.json === undefined ? {} : { json: init.json }),
      signal: init.signal,
      headers: { authorization: `${manageAuthScheme} ${manageToken}` },
    });
    return this.#parse(schema, answer);
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
