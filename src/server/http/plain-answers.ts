import type { MiddlewareHandler } from 'hono';
import { compressBody, compressMinBytes, pickEncoding } from './compress.ts';

type HeaderRecord = Record<string, string>;

/** The answers plainAnswers made: their headers are complete, nothing is to be added afterwards. */
const made = new WeakSet<Response>();
export const isPlainAnswer = (res: Response): boolean => made.has(res);

/**
 * API answers built in one step from one plain object of headers. Hono keeps a call's headers in a web `Headers`
 * (one per `c.header`, copied again by `c.json`), and headers added to the finished answer make @hono/node-server
 * convert them back for node:http; for a session call that bookkeeping cost more than the call's own work. Here
 * `c.header` writes into a plain object (names in lower case, as HTTP/1.1 sends them anyway), and `c.json`,
 * `c.body` and `c.text` hand it to a Response that node-server writes to the socket as it is.
 *
 * JSON answers over 1 KB leave compressed (brotli or gzip, as the client accepts), while the text is at hand.
 * `fixed` are headers every answer carries (the security headers); a route may still replace one.
 */
export function plainAnswers(fixed: Record<string, string>): MiddlewareHandler {
  return (c, next) => {
    // Object.assign, not a spread: a spread copy took headers added later into a slow path (3.5 µs a call, not 0.2).
    const headers: HeaderRecord = Object.assign({}, fixed);
    // Caches must keep the encodings apart even when this answer goes out plain.
    headers['vary'] = 'Accept-Encoding';
    let status: number | undefined;
    const encoding = c.req.method === 'HEAD' ? null : pickEncoding(c.req.header('accept-encoding'));

    // No answer of /v1 sets a cookie, so a repeated header is one comma-separated line.
    const setHeader = (name: string, value: string | undefined, append = false) => {
      const key = name.toLowerCase();
      if (value === undefined) delete headers[key];
      else headers[key] = append && headers[key] !== undefined ? `${headers[key]}, ${value}` : value;
    };
    const answer = (body: string | Uint8Array | null, arg?: number | ResponseInit, more?: HeaderRecord): Response => {
      if (typeof arg === 'object' && arg.headers) new Headers(arg.headers).forEach((value, name) => setHeader(name, value));
      for (const name in more) setHeader(name, more[name]);
      const res = new Response(body as ConstructorParameters<typeof Response>[0], {
        status: (typeof arg === 'number' ? arg : arg?.status) ?? status ?? 200,
        headers,
      });
      made.add(res);
      return res;
    };
    const json = (value: unknown, arg?: number | ResponseInit, more?: HeaderRecord): Response => {
      const text = JSON.stringify(value);
      setHeader('content-type', 'application/json');
      if (!encoding || Buffer.byteLength(text) < compressMinBytes) {
        // An error answer after a compressed one (a route that failed late) goes out plain.
        if (headers['content-encoding'] !== undefined) delete headers['content-encoding'];
        return answer(text, arg, more);
      }
      setHeader('content-encoding', encoding);
      return answer(new Uint8Array(compressBody(Buffer.from(text), encoding, false)), arg, more);
    };

    const context = c as unknown as Record<string, unknown>;
    context['header'] = (name: string, value: string | undefined, options?: { append?: boolean }) => setHeader(name, value, options?.append);
    context['status'] = (code: number) => void (status = code);
    context['body'] = answer;
    context['newResponse'] = answer;
    context['json'] = json;
    context['text'] = (text: string, arg?: number | ResponseInit, more?: HeaderRecord) => {
      setHeader('content-type', 'text/plain; charset=UTF-8');
      return answer(text, arg, more);
    };
    return next();
  };
}
