import type { IncomingMessage } from 'node:http';
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

/** The largest body we read: a booking is well under 4 KB. */
export const maxBodyBytes = 32 * 1024;

/**
 * The body as text. On Node it is read straight from the socket: building a web Request just to read
 * 100 bytes costs more than the rest of a session call. The size limit holds on both paths.
 */
async function bodyText(c: Context): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBodyBytes) throw new ApiFailure('payload_too_large', 'The body is too large.');
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function' || incoming.readableEnded) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > maxBodyBytes) throw new ApiFailure('payload_too_large', 'The body is too large.');
    return text;
  }
  // Events, not `for await`: an async iterator per call costs more than reading a session request's 30 bytes.
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        incoming.removeAllListeners('data');
        incoming.pause();
        reject(new ApiFailure('payload_too_large', 'The body is too large.'));
      } else chunks.push(chunk);
    });
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', reject);
  });
}

/** The JSON body, checked. Not JSON at all is `invalid_request`; a wrong field is `invalid_field`. */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiFailure('invalid_request', 'Send the body as application/json.');
  let body: unknown;
  try {
    body = JSON.parse(await bodyText(c));
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    throw new ApiFailure('invalid_request', 'The body is not valid JSON.');
  }
  return parseWith(schema, body);
}

export function readQuery<S extends z.ZodMiniType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}
