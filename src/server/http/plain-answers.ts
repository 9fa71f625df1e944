import type { MiddlewareHandler } from 'hono';
import { compressBody, compressMinBytes, pickEncoding, type Encoding } from './compress.ts';

type HeaderRecord = Record<string, string>;

/** The answers plainAnswers made: their headers are complete, nothing is to be added afterwards. */
const made = new WeakSet<Response>();
export const isPlainAnswer = (res: Response): boolean => made.has(res);

/** One answer's headers and status while a route runs, and the Response they become. */
class PlainAnswer {
  readonly headers: HeaderRecord;
  status: number | undefined;

  constructor(
    fixed: HeaderRecord,
    /** How a JSON answer over 1 KB is compressed; null: not at all (HEAD, or a client that takes neither). */
    private readonly encoding: Encoding | null,
  ) {
    // Object.assign, not a spread: a spread copy took headers added later into a slow path (3.5 µs a call, not 0.2).
    this.headers = Object.assign({}, fixed);
    // Caches must keep the encodings apart even when this answer goes out plain.
    this.headers['vary'] = 'Accept-Encoding';
  }

  /** No answer of /v1 sets a cookie, so a repeated header is one comma-separated line. */
  setHeader(name: string, value: string | undefined, append = false): void {
    const key = name.toLowerCase();
    if (value === undefined) delete this.headers[key];
    else this.headers[key] = append && this.headers[key] !== undefined ? `${this.headers[key]}, ${value}` : value;
  }

  answer(body: string | Uint8Array | null, arg?: number | ResponseInit, more?: HeaderRecord): Response {
    if (typeof arg === 'object' && arg.headers) new Headers(arg.headers).forEach((value, name) => this.setHeader(name, value));
    for (const name in more) this.setHeader(name, more[name]);
    const res = new Response(body as ConstructorParameters<typeof Response>[0], {
      status: (typeof arg === 'number' ? arg : arg?.status) ?? this.status ?? 200,
      headers: this.headers,
    });
    made.add(res);
    return res;
  }

  json(value: unknown, arg?: number | ResponseInit, more?: HeaderRecord): Response {
    const text = JSON.stringify(value);
    this.setHeader('content-type', 'application/json');
    if (!this.encoding || Buffer.byteLength(text) < compressMinBytes) {
      // An error answer after a compressed one (a route that failed late) goes out plain.
      if (this.headers['content-encoding'] !== undefined) delete this.headers['content-encoding'];
      return this.answer(text, arg, more);
    }
    this.setHeader('content-encoding', this.encoding);
    return this.answer(new Uint8Array(compressBody(Buffer.from(text), this.encoding, false)), arg, more);
  }
}

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
export function plainAnswers(fixed: HeaderRecord): MiddlewareHandler {
  return (c, next) => {
    const plain = new PlainAnswer(fixed, c.req.method === 'HEAD' ? null : pickEncoding(c.req.header('accept-encoding')));
    // Assigned, not declared as named consts: tsx (which `npm start` runs) names each named closure with a
    // defineProperty, per request here; the work lives in PlainAnswer's methods.
    const context = c as unknown as Record<string, unknown>;
    context['header'] = (name: string, value: string | undefined, options?: { append?: boolean }) => plain.setHeader(name, value, options?.append);
    context['status'] = (code: number) => void (plain.status = code);
    context['body'] = context['newResponse'] = (body: string | Uint8Array | null, arg?: number | ResponseInit, more?: HeaderRecord) =>
      plain.answer(body, arg, more);
    context['json'] = (value: unknown, arg?: number | ResponseInit, more?: HeaderRecord) => plain.json(value, arg, more);
    context['text'] = (text: string, arg?: number | ResponseInit, more?: HeaderRecord) => {
      plain.setHeader('content-type', 'text/plain; charset=UTF-8');
      return plain.answer(text, arg, more);
    };
    return next();
  };
}
