/**
 * GET /v1/openapi.json: the /v1 API as OpenAPI 3.1, generated from the zod contract (src/contract), so the
 * document cannot drift from what the server validates and answers. Each route lists the error codes it can give.
 */
import * as z from 'zod/mini';
import {
  apiError,
  attendanceRequest,
  bookingRequest,
  bookingResponse,
  catalogResponse,
  confirmRequest,
  datesQuery,
  datesResponse,
  errorStatus,
  idempotencyKey,
  manageView,
  resendResponse,
  revokedResponse,
  sessionRequest,
  sessionResponse,
  timesQuery,
  timesResponse,
  type ErrorCode,
} from '../contract/index.ts';

type Auth = 'origin' | 'bearer' | 'manage' | 'none' | 'signature';

export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI form: `/v1/bookings/{id}/confirm`. */
  path: string;
  summary: string;
  auth: Auth;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** The success status and its JSON body. */
  ok: { status: number; body: z.ZodMiniType | 'any' };
  errors: ErrorCode[];
}

const health = z.object({ status: z.literal('ok'), sites: z.number().check(z.int()) });

const platformErrors: ErrorCode[] = ['upstream_unavailable', 'upstream_auth', 'upstream_error'];
const bearerErrors: ErrorCode[] = ['token_missing', 'token_invalid', 'token_expired', 'unknown_site'];
const manageErrors: ErrorCode[] = ['manage_token_invalid', 'manage_link_expired', 'manage_link_revoked', 'origin_not_allowed', 'not_found'];
const bodyErrors: ErrorCode[] = ['invalid_request', 'invalid_field', 'payload_too_large'];
/** What any /v1 call may meet, whatever the route. */
const everywhere: ErrorCode[] = ['rate_limited', 'method_not_allowed', 'headers_too_large', 'internal'];

/** Every /v1 route the server mounts; the OpenAPI test checks this list against the app's own routes. */
export const apiRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/v1/session',
    summary: 'A short-lived session token for a page on one of the site’s origins, and the site’s settings.',
    auth: 'origin',
    body: sessionRequest,
    ok: { status: 200, body: sessionResponse },
    errors: [...bodyErrors, 'unknown_site', 'origin_not_allowed', ...platformErrors],
  },
  {
    method: 'get',
    path: '/v1/catalog',
    summary: 'Services the public may book, staff in display order, branches.',
    auth: 'bearer',
    ok: { status: 200, body: catalogResponse },
    errors: [...bearerErrors, ...platformErrors],
  },
  {
    method: 'get',
    path: '/v1/availability/dates',
    summary: 'The dates with a bookable time, from and to inclusive (at most 31 days for open calendars, 60 for slots).',
    auth: 'bearer',
    query: datesQuery,
    ok: { status: 200, body: datesResponse },
    errors: [...bearerErrors, 'invalid_field', ...platformErrors],
  },
  {
    method: 'get',
    path: '/v1/availability/times',
    summary: 'The bookable times of one date; each ref is encrypted, signed and good for 30 minutes.',
    auth: 'bearer',
    query: timesQuery,
    ok: { status: 200, body: timesResponse },
    errors: [...bearerErrors, 'invalid_field', ...platformErrors],
  },
  {
    method: 'post',
    path: '/v1/bookings',
    summary: 'Books a time. The same Idempotency-Key and body answers the first result again (failures too).',
    auth: 'bearer',
    body: bookingRequest,
    ok: { status: 201, body: bookingResponse },
    errors: [
      ...bearerErrors,
      ...bodyErrors,
      'idempotency_key_missing',
      'idempotency_conflict',
      'idempotency_in_progress',
      'slot_taken',
      ...platformErrors,
    ],
  },
  {
    method: 'post',
    path: '/v1/bookings/{id}/confirm',
    summary: 'Confirms a pending_code booking with the code sent to the customer.',
    auth: 'bearer',
    body: confirmRequest,
    ok: { status: 200, body: bookingResponse },
    errors: [
      ...bearerErrors,
      ...bodyErrors,
      'not_found',
      'code_wrong',
      'code_expired',
      'code_locked',
      'booking_not_pending',
      'booking_expired',
      ...platformErrors,
    ],
  },
  {
    method: 'post',
    path: '/v1/bookings/{id}/code',
    summary: 'Sends the code again.',
    auth: 'bearer',
    ok: { status: 200, body: resendResponse },
    errors: [...bearerErrors, 'invalid_request', 'not_found', 'code_resend_too_soon', 'booking_not_pending', 'booking_expired', ...platformErrors],
  },
  {
    method: 'get',
    path: '/v1/manage',
    summary: 'The appointment behind a manage link, and what the customer may still do.',
    auth: 'manage',
    ok: { status: 200, body: manageView },
    errors: [...manageErrors, ...platformErrors],
  },
  {
    method: 'post',
    path: '/v1/manage',
    summary: 'Answers "are you coming?".',
    auth: 'manage',
    body: attendanceRequest,
    ok: { status: 200, body: manageView },
    errors: [...manageErrors, ...bodyErrors, 'attendance_not_allowed', 'booking_cancelled', ...platformErrors],
  },
  {
    method: 'delete',
    path: '/v1/manage',
    summary: 'Cancels, when the service allows it and before its notice period.',
    auth: 'manage',
    ok: { status: 200, body: manageView },
    errors: [...manageErrors, 'cancel_not_allowed', 'booking_cancelled', ...platformErrors],
  },
  {
    method: 'post',
    path: '/v1/manage/confirm',
    summary: 'Confirms the pending_code booking behind a manage link with the code sent to the customer.',
    auth: 'manage',
    body: confirmRequest,
    ok: { status: 200, body: manageView },
    errors: [
      ...manageErrors,
      ...bodyErrors,
      'code_wrong',
      'code_expired',
      'code_locked',
      'booking_not_pending',
      'booking_expired',
      ...platformErrors,
    ],
  },
  {
    method: 'post',
    path: '/v1/manage/code',
    summary: 'Sends the code of the pending_code booking behind a manage link again.',
    auth: 'manage',
    ok: { status: 200, body: resendResponse },
    errors: [...manageErrors, 'code_resend_too_soon', 'booking_not_pending', 'booking_expired', ...platformErrors],
  },
  {
    method: 'delete',
    path: '/v1/manage/link',
    summary: 'Switches the manage link off before its appointment ends: every later call with it answers manage_link_revoked.',
    auth: 'manage',
    ok: { status: 200, body: revokedResponse },
    errors: [...manageErrors],
  },
  {
    method: 'get',
    path: '/v1/health',
    summary: 'Up, and the database answers.',
    auth: 'none',
    ok: { status: 200, body: health },
    errors: ['upstream_unavailable'],
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document.',
    auth: 'none',
    ok: { status: 200, body: 'any' },
    errors: [],
  },
  {
    method: 'post',
    path: '/v1/webhooks/{platform}/{site}',
    summary: 'A booking platform tells of a change (each platform’s own body and signature; see docs/ for each platform).',
    auth: 'signature',
    ok: { status: 200, body: 'any' },
    errors: ['invalid_request', 'invalid_field', 'unknown_site', 'not_found', 'payload_too_large', 'token_invalid'],
  },
];

const pathParameters: Record<string, { description: string; schema: Record<string, unknown> }> = {
  id: { description: 'The booking id from POST /v1/bookings.', schema: { type: 'string' } },
  platform: { description: 'The platform type, e.g. tor4you.', schema: { type: 'string' } },
  site: { description: 'The site id.', schema: { type: 'string' } },
};

const security: Record<Auth, unknown[] | undefined> = {
  bearer: [{ session: [] }],
  origin: [],
  manage: [{ manage: [] }],
  none: [],
  signature: [],
};

/** A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what a request may send, what an answer holds. */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function queryParameters(query: z.ZodMiniObject): unknown[] {
  const object = jsonSchema(query, 'input') as { properties: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(object.properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: object.required?.includes(name) ?? false,
    // Query values arrive as text; numbers among them are written in digits.
    schema: 'anyOf' in schema ? { type: 'string', pattern: '^\\d{1,3}$' } : schema,
  }));
}

function okContent(body: ApiRoute['ok']['body']): Record<string, unknown> {
  if (body === 'any') return { 'application/json': { schema: {} } };
  return { 'application/json': { schema: jsonSchema(body, 'output') } };
}

function operation(route: ApiRoute): Record<string, unknown> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const parameters: unknown[] = names.map((name) => ({ name, in: 'path', required: true, ...pathParameters[name] }));
  if (route.query) parameters.push(...queryParameters(route.query));
  if (route.path === '/v1/bookings') {
    parameters.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: jsonSchema(idempotencyKey, 'input') });
  }
  const codes = [...new Set([...route.errors, ...everywhere])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  const responses: Record<string, unknown> = {
    [route.ok.status]: { description: 'Done.', content: okContent(route.ok.body) },
  };
  for (const [status, inStatus] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: inStatus.join(', '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      'x-error-codes': inStatus,
    };
  }
  const op: Record<string, unknown> = {
    summary: route.summary,
    operationId: `${route.method} ${route.path}`,
    parameters,
    responses,
    'x-error-codes': codes,
  };
  const auth = security[route.auth];
  if (auth) op['security'] = auth;
  if (route.body) op['requestBody'] = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
  return op;
}

/** The document; built once per process (it depends on nothing but the contract). */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bookwell API',
      version: '1',
      description: 'What <bookwell-widget> and integrations call. Every failure is {error: {code, message, field?}}; the codes are stable.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(apiError, 'output') },
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'From POST /v1/session, used from the page origin that asked for it.',
        },
        manage: {
          type: 'http',
          scheme: 'Bookwell-Manage',
          description:
            'The token of the booking’s manage link (after #bookwell-manage=): `Authorization: Bookwell-Manage <token>`, never in the path.',
        },
      },
    },
  };
}
