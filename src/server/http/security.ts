import type { MiddlewareHandler } from 'hono';
import { isPlainAnswer } from './plain-answers.ts';

/** What every answer of the API (`/v1`) carries: JSON for scripts, never a page to frame or cache. */
export function apiSecurityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'cache-control': 'no-store',
  };
}

/**
 * Headers every answer carries. A route that serves a page (web.ts) sets its own
 * Content-Security-Policy, frame-ancestors included; we keep it and add only what is missing.
 * API answers made by plainAnswers carry them already (apiSecurityHeaders), so they are left as they are.
 */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  const api = apiSecurityHeaders(options);
  return async (c, next) => {
    await next();
    if (isPlainAnswer(c.res)) return;
    const h = c.res.headers;
    h.set('X-Content-Type-Options', api['x-content-type-options']!);
    h.set('Referrer-Policy', api['referrer-policy']!);
    if (!h.has('Content-Security-Policy')) {
      h.set('Content-Security-Policy', api['content-security-policy']!);
      h.set('X-Frame-Options', api['x-frame-options']!);
    }
    if (!h.has('Cross-Origin-Opener-Policy')) h.set('Cross-Origin-Opener-Policy', api['cross-origin-opener-policy']!);
    if (!h.has('Permissions-Policy')) h.set('Permissions-Policy', api['permissions-policy']!);
    if (options.https) h.set('Strict-Transport-Security', api['strict-transport-security']!);
    if (c.req.path.startsWith('/v1/') && !h.has('Cache-Control')) h.set('Cache-Control', api['cache-control']!);
  };
}
