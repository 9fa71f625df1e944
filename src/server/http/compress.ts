import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** Below this a compressed answer saves less than its headers and the CPU cost. */
export const compressMinBytes = 1024;

export type Encoding = 'br' | 'gzip';

/** The encoding to answer with, from the request's Accept-Encoding: brotli first, then gzip; q=0 refuses one. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const offered = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const accepts = (name: Encoding) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}

/**
 * Compresses a body. `best` is for files compressed once and served many times (the widget's chunks); answers
 * made per request use a quicker level, which keeps most of the gain (JSON of times: ~8x either way).
 */
export function compressBody(body: Uint8Array, encoding: Encoding, best: boolean): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: best ? 9 : 6 });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
}

const compressible = /^(application\/json|text\/|application\/javascript|image\/svg\+xml)/;

/** JSON answers of /v1 over 1 KB leave compressed (brotli or gzip, as the client accepts). */
export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (!res.body || res.headers.has('content-encoding') || !compressible.test(type) || c.req.method === 'HEAD') return;
    // Caches must keep the encodings apart even when this answer went out plain.
    res.headers.append('Vary', 'Accept-Encoding');
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    if (!encoding || length < compressMinBytes) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (body.byteLength < compressMinBytes) {
      c.res = new Response(body, { status: res.status, headers });
      return;
    }
    headers.set('Content-Encoding', encoding);
    headers.delete('Content-Length');
    c.res = new Response(new Uint8Array(compressBody(body, encoding, false)), { status: res.status, headers });
  };
}
