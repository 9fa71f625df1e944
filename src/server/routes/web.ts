/**
 * Everything a browser loads from the backend besides /v1: the script-tag widget and its chunks,
 * the iframe helper, the iframe embed page, the manage page and the demo pages.
 * Built files come from dist/ (`npm run build`); nothing is served from outside the folders named here.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { language, siteId } from '../../contract/common.ts';
import { embedPageHtml, escapeHtml, managePageHtml, pageStyle } from '../../embed/pages.ts';
import type { AppDeps } from '../deps.ts';
import { ApiFailure } from '../errors.ts';
import { compressBody, compressMinBytes, pickEncoding, type Encoding } from '../http/compress.ts';
import { readQuery } from '../http/validate.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Hashed files never change under their name; the entry points are checked again every time. */
const immutable = 'public, max-age=31536000, immutable';
const revalidate = 'public, max-age=0, must-revalidate';

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
};

/** A file name we serve: letters, digits, dot, dash, underscore; no path, no `..`. */
const fileName = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

const styleHash = `'sha256-${createHash('sha256').update(pageStyle).digest('base64')}'`;

const embedQuery = z.object({
  lang: z.optional(language),
  service: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid service id'))),
  staff: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid staff id'))),
  branch: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid branch id'))),
  theme: z.optional(z.enum(['light', 'dark', 'auto'])),
});

const manageQuery = z.object({ site: z.optional(siteId) });

export interface WebOptions {
  /** The folder holding dist/ and demo/; the repository by default (tests may point elsewhere). */
  root?: string;
}

/** Serves the browser side of Bookwell; mounted at `/`. */
export function webRouter(deps: AppDeps, options: WebOptions = {}) {
  const root = options.root ?? repoRoot;
  const dist = join(root, 'dist');
  const demo = join(root, 'demo');
  const publicUrl = deps.publicUrl.replace(/\/$/, '');
  const router = new Hono();
  // A page reached under another name of this server (localhost for 127.0.0.1) still talks to the public URL.
  const ownSources = `'self' ${publicUrl}`;

  async function sendFile(c: Context, path: string, cacheControl: string, extra: Record<string, string> = {}) {
    const body = await readOrMissing(path);
    const type = contentTypes[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    return sendBody(c, body, type, cacheControl, extra);
  }

  /** Scripts are loaded by other origins' pages (module scripts are fetched with CORS). */
  const crossOrigin = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };

  router.get('/widget.js', (c) => sendFile(c, join(dist, 'widget.js'), revalidate, crossOrigin));
  router.get('/embed.js', (c) => sendFile(c, join(dist, 'embed.js'), revalidate, crossOrigin));
  router.get('/widget/:version/:file', (c) => {
    const { version, file } = c.req.param();
    if (!/^[0-9A-Za-z.+-]{1,40}$/.test(version) || !fileName.test(file) || !file.endsWith('.js')) throw notFound();
    return sendFile(c, join(dist, 'widget', version, file), immutable, crossOrigin);
  });

  router.get('/embed/:site', async (c) => {
    const id = c.req.param('site');
    const site = siteId.safeParse(id).success ? deps.sites.get(id) : undefined;
    if (!site) throw new ApiFailure('unknown_site', 'There is no such site.');
    const query = readQuery(c, embedQuery);
    const lang = query.lang ?? site.locale;
    if (!site.languages.includes(lang)) {
      throw new ApiFailure('invalid_field', 'This site does not offer that language.', { field: 'lang' });
    }
    const script = await builtEntry(dist, 'src/embed/frame.ts');
    const html = embedPageHtml({ ...query, site: site.id, api: publicUrl, lang, script, origins: site.origins });
    const csp = pagePolicy(`frame-ancestors ${site.origins.join(' ')}`, ownSources);
    return sendBody(c, html, contentTypes.html!, 'no-cache', { 'Content-Security-Policy': csp });
  });

  router.get('/manage/', (c) => {
    const { site: id } = readQuery(c, manageQuery);
    const site = id === undefined ? undefined : deps.sites.get(id);
    if (id !== undefined && !site) throw new ApiFailure('unknown_site', 'There is no such site.');
    const html = managePageHtml({ api: publicUrl, script: '/widget.js', ...(site ? { site: site.id, lang: site.locale } : {}) });
    return sendBody(c, html, contentTypes.html!, 'no-cache', { 'Content-Security-Policy': pagePolicy("frame-ancestors 'none'", ownSources) });
  });
  router.get('/manage', (c) => c.redirect('/manage/', 301));

  // Demo pages: the script-tag and iframe examples take the backend's own URL, so they work on any port.
  const demoPolicy = pagePolicy(`frame-ancestors 'self'`, ownSources);
  router.get('/demo', (c) => c.redirect('/demo/', 301));
  router.get('/demo/', (c) => sendDemoPage(c, join(demo, 'index.html')));
  // The demo apps built with Vite (plain, React, Vue): dist/demo-<name>, their own routes on one page.
  for (const app of ['app', 'react', 'vue']) {
    const folder = join(dist, `demo-${app}`);
    router.get(`/demo/${app}`, (c) => c.redirect(`/demo/${app}/`, 301));
    router.get(`/demo/${app}/`, (c) => sendFile(c, join(folder, 'index.html'), 'no-cache', { 'Content-Security-Policy': demoPolicy }));
    router.get(`/demo/${app}/assets/:file`, (c) => {
      const file = c.req.param('file');
      if (!fileName.test(file)) throw notFound();
      return sendFile(c, join(folder, 'assets', file), immutable);
    });
  }
  router.get('/demo/:file', (c) => {
    const file = c.req.param('file');
    if (/^[a-z0-9-]{1,40}\.(css|js)$/.test(file)) return sendFile(c, join(demo, file), 'no-cache');
    if (!/^[a-z0-9-]{1,40}\.html$/.test(file)) throw notFound();
    return sendDemoPage(c, join(demo, file));
  });

  async function sendDemoPage(c: Context, path: string) {
    const template = (await readOrMissing(path)).toString('utf8');
    const html = template.replaceAll('%BOOKWELL_URL%', escapeHtml(publicUrl));
    return sendBody(c, html, contentTypes.html!, 'no-cache', { 'Content-Security-Policy': demoPolicy });
  }

  return router;
}

/** A page's policy: its own scripts only, one known inline style, the API for data. */
function pagePolicy(frameAncestors: string, sources = "'self'"): string {
  return [
    "default-src 'none'",
    `script-src ${sources}`,
    `style-src 'self' ${styleHash}`,
    `connect-src ${sources}`,
    `frame-src ${sources}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    frameAncestors,
  ].join('; ');
}

function notFound(): ApiFailure {
  return new ApiFailure('not_found', 'There is nothing here.');
}

async function readOrMissing(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
    throw error;
  }
}

/** The URL of a built entry, from Vite's manifest (its name carries a content hash). */
async function builtEntry(dist: string, source: string): Promise<string> {
  let manifest: Record<string, { file: string }>;
  try {
    manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    throw new ApiFailure('internal', 'The widget is not built: run `npm run build`.');
  }
  const entry = manifest[source];
  if (!entry) throw new ApiFailure('internal', 'The widget build is incomplete: run `npm run build`.');
  return `/${entry.file}`;
}

/**
 * Compressed copies by content hash and encoding: each file is compressed once, at the best level, however
 * often it is asked for. Bounded, as embed pages vary by query.
 */
const compressedCopies = new Map<string, Buffer>();
const maxCompressedCopies = 256;

function compressedCopy(hash: string, body: Buffer, encoding: Encoding): Buffer {
  const key = `${hash}:${encoding}`;
  let copy = compressedCopies.get(key);
  if (!copy) {
    copy = compressBody(body, encoding, true);
    if (compressedCopies.size >= maxCompressedCopies) compressedCopies.delete(compressedCopies.keys().next().value!);
    compressedCopies.set(key, copy);
  }
  return copy;
}

/**
 * Sends a body with an ETag, answering 304 when the browser already has this version; brotli or gzip when the
 * browser accepts it and the body is worth it (each encoding its own ETag, as RFC 9110 asks of representations).
 */
function sendBody(c: Context, body: string | Buffer, type: string, cacheControl: string, extra: Record<string, string> = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
  const encoding = bytes.byteLength >= compressMinBytes ? pickEncoding(c.req.header('accept-encoding')) : null;
  const etag = `"${hash}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': cacheControl, ETag: etag, Vary: 'Accept-Encoding', ...extra };
  const known = c.req.header('if-none-match');
  if (known && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304, headers);
  }
  if (!encoding) return c.body(new Uint8Array(bytes), 200, headers);
  headers['Content-Encoding'] = encoding;
  return c.body(new Uint8Array(compressedCopy(hash, bytes, encoding)), 200, headers);
}
