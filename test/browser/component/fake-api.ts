/**
 * A small in-page fake of the /v1 API for component tests: it replaces window.fetch, answers in the contract's
 * shapes and records every call. Behaviour a test needs (a taken slot, an expired token) is switched per test.
 */
import type { BookableTime, Booking, CatalogResponse, ManageView, SiteInfo } from '../../../src/contract/index.ts';

export const api = 'http://fake.bookwell.test';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: any;
}

export interface FakeApi {
  calls: Call[];
  restore(): void;
}

type BookAnswer = Booking | { code: string; status: number; field?: string } | 'network';

export interface FakeOptions {
  site?: Partial<SiteInfo>;
  catalog?: CatalogResponse;
  /** Free dates for a dates request; throwing answers 500. */
  dates?: (from: string, to: string) => string[];
  /** The free times of a date; throwing answers 500. */
  times?: (date: string) => BookableTime[];
  /** Answer a booking: a booking, or an error code with its status, or 'network' to fail the connection (or a promise of one, to hold it). */
  book?: (call: Call, count: number) => BookAnswer | Promise<BookAnswer>;
  confirm?: (code: string) => Booking | { code: string; status: number };
  manage?: (call: Call) => ManageView;
  /** Answer POST /v1/manage/confirm (a code given in the manage view): the new view, or an error code with its status. */
  manageConfirm?: (code: string) => ManageView | { code: string; status: number };
  /** Answer DELETE /v1/manage/link. */
  revoke?: () => { revoked: true };
  /** Refuse every answer and cancel in the manage view with this code (409). */
  manageRefusal?: string;
  /** Answer this many authorised requests with 401 token_expired before accepting the token. */
  expireTokens?: number;
  /** How long after sending a code the next may be asked (60 s unless told). */
  resendAfterMs?: number;
  /** Delay every answer, so tests can see pending states. */
  delayMs?: number;
}

export const clinicSite: SiteInfo = {
  id: 'demo-clinic',
  name: 'Demo Clinic',
  phone: '03-555-0100',
  address: 'Herzl 10, Tel Aviv',
  locale: 'he',
  languages: ['he', 'en'],
  timezone: 'Asia/Jerusalem',
  country: 'IL',
  calendar: 'open',
  weekStart: 0,
  confirmation: 'none',
  attendance: true,
  customerFields: [
    { name: 'email', required: false },
    { name: 'idNumber', required: true },
  ],
  currency: 'ILS',
};

/** A customer as the clinic's details step asks for them (its idNumber is required). */
export const clinicCustomer = { firstName: 'Dana', lastName: 'Levi', cell: '0501234567', idNumber: '000000018' };

export const catalog: CatalogResponse = {
  services: [
    {
      id: 'checkup',
      name: 'Checkup',
      durationMinutes: 30,
      price: 200,
      groupBooking: false,
      maxParticipants: 1,
      staffIds: ['dana', 'eli'],
      branchIds: [],
    },
    {
      id: 'class',
      name: 'Group class',
      durationMinutes: 60,
      price: null,
      groupBooking: true,
      maxParticipants: 8,
      staffIds: ['dana'],
      branchIds: ['north'],
    },
  ],
  staff: [
    { id: 'dana', name: 'Dana' },
    { id: 'eli', name: 'Eli' },
  ],
  branches: [
    { id: 'north', name: 'North', address: '1 North St' },
    { id: 'south', name: 'South', address: null },
  ],
};

/** A date a few days ahead, so it is always in the future. */
export function daysAhead(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

export function timesOf(date: string): BookableTime[] {
  return ['09:00', '09:30', '14:00', '18:00'].map((hm, i) => ({
    start: `${date}T${hm}:00+02:00`,
    end: `${date}T${hm.slice(0, 3)}${hm.endsWith('30') ? '59' : '29'}:00+02:00`,
    staff: { id: 'dana', name: 'Dana' },
    placesLeft: null,
    ref: `ref-${date}-${i}`,
  }));
}

export function bookingFor(call: Call, status: Booking['status'] = 'confirmed'): Booking {
  const [, date, i] = /^ref-(.+)-(\d)$/.exec(call.body.ref) ?? [];
  const time = timesOf(date ?? daysAhead(3))[Number(i ?? 0)]!;
  return {
    id: 'bk1',
    status,
    start: time.start,
    end: time.end,
    service: { id: 'checkup', name: 'Checkup' },
    staff: time.staff,
    branch: null,
    participants: call.body.participants ?? 1,
    attendance: 'unknown',
    manage: 'manage-token-1',
    manageUrl: `${api}/m/manage-token-1`,
    reference: 'K7Q2-M9XD',
    sentTo: status === 'pending_code' ? ['d•••@example.com'] : ['d•••@example.com', '05•••••567'],
    ...(status === 'confirmed'
      ? {
          calendar: {
            file: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
            google: 'https://calendar.google.com/calendar/render?action=TEMPLATE',
            outlook: 'https://outlook.live.com/calendar/0/deeplink/compose?rru=addevent',
          },
        }
      : {}),
  };
}

/** The manage view of `booking` as the backend answers it: cancel and attendance allowed, no cancel deadline. */
export function manageViewOf(booking: Booking, overrides: Partial<ManageView> = {}): ManageView {
  return {
    booking,
    site: { name: 'Demo Clinic', timezone: 'Asia/Jerusalem', locale: 'he' },
    cancel: { allowed: true },
    attendance: { allowed: true },
    cancelUntil: null,
    calendar: {
      file: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
      google: 'https://calendar.google.com/calendar/render?action=TEMPLATE',
      outlook: 'https://outlook.live.com/calendar/0/deeplink/compose?rru=addevent',
    },
    ...overrides,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function failure(code: string, status: number, field?: string): Response {
  return json({ error: { code, message: code, ...(field ? { field } : {}) } }, status);
}

export function installFakeApi(options: FakeOptions = {}): FakeApi {
  const original = window.fetch;
  const calls: Call[] = [];
  let tokens = 0;
  let expired = options.expireTokens ?? 0;
  let bookings = 0;
  const site = { ...clinicSite, ...options.site };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== api) return original(input, init);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: Call = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (call.path === '/v1/session') {
      tokens++;
      const withCatalog = call.body?.catalog === true ? { catalog: options.catalog ?? catalog } : {};
      return json({ token: `token-${tokens}`, expiresAt: new Date(Date.now() + 600_000).toISOString(), site, ...withCatalog });
    }
    // Manage calls carry the link's token in a header, as the server wants it; a token in the address is a 404 there.
    if (call.path.startsWith('/v1/manage')) {
      if (!/^Bookwell-Manage \S+$/.test(request.headers.get('authorization') ?? '')) return failure('manage_token_invalid', 400);
      if (call.path === '/v1/manage/link') return options.revoke ? json(options.revoke()) : failure('not_found', 404);
      if (call.path === '/v1/manage/confirm') {
        const answer = options.manageConfirm?.(call.body.code) ?? { code: 'booking_not_pending', status: 409 };
        return 'booking' in answer ? json(answer) : failure(answer.code, answer.status);
      }
      if (call.path === '/v1/manage/code') return json({ sentTo: 'd•••@example.com', nextResendAt: new Date(Date.now() + 60_000).toISOString() });
      if (call.method !== 'GET' && options.manageRefusal) return failure(options.manageRefusal, 409);
      if (options.manage) return json(options.manage(call));
    }
    if (!request.headers.get('authorization')?.startsWith('Bearer token-')) return failure('token_missing', 401);
    if (expired > 0) {
      expired--;
      return failure('token_expired', 401);
    }
    if (call.path === '/v1/catalog') return json(options.catalog ?? catalog);
    if (call.path === '/v1/availability/dates') {
      const from = url.searchParams.get('from') ?? '';
      const to = url.searchParams.get('to') ?? '';
      try {
        const dates = options.dates ? options.dates(from, to) : [daysAhead(3), daysAhead(4)];
        return json({ dates: dates.filter((d) => d >= from && d <= to) });
      } catch {
        return failure('internal', 500);
      }
    }
    if (call.path === '/v1/availability/times') {
      try {
        return json({ times: (options.times ?? timesOf)(url.searchParams.get('date') ?? '') });
      } catch {
        return failure('internal', 500);
      }
    }
    if (call.path === '/v1/bookings') {
      const answer = options.book ? await options.book(call, ++bookings) : bookingFor(call);
      if (answer === 'network') throw new TypeError('Failed to fetch');
      return 'code' in answer && 'status' in answer && typeof answer.status === 'number'
        ? failure(answer.code, answer.status, answer.field)
        : json({ booking: answer });
    }
    if (/^\/v1\/bookings\/[^/]+\/confirm$/.test(call.path)) {
      const answer = options.confirm?.(call.body.code) ?? { code: 'code_wrong', status: 422 };
      return 'id' in answer ? json({ booking: answer }) : failure(answer.code, answer.status);
    }
    if (/^\/v1\/bookings\/[^/]+\/code$/.test(call.path))
      return json({ sentTo: '06•••••678', nextResendAt: new Date(Date.now() + (options.resendAfterMs ?? 60_000)).toISOString() });
    return failure('not_found', 404);
  };
  return { calls, restore: () => (window.fetch = original) };
}
