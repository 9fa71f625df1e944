import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { ApiFailure } from '../errors.ts';

/** The first zod issue as our error: `field` is the dot path the widget can point at. */
function failure(error: z.core.$ZodError): ApiFailure {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return new ApiFailure('invalid_field', issue?.message ?? 'invalid value', field ? { field } : {});
}

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw failure(result.error);
  return result.data as z.output<S>;
}

/** The JSON body, checked. Not JSON at all is `invalid_request`; a wrong field is `invalid_field`. */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiFailure('invalid_request', 'Send the body as application/json.');
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    throw new ApiFailure('invalid_request', 'The body is not valid JSON.');
  }
  return parseWith(schema, body);
}

export function readQuery<S extends z.ZodMiniType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}
