/**
 * What a phone downloads: the widget's files and /v1 answers over 1 KB leave brotli- or gzip-compressed, as the
 * browser accepts, with Vary and an ETag per encoding; small answers and clients that accept neither get plain.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { plainAnswers } from '../../src/server/http/plain-answers.ts';
import { webRouter } from '../../src/server/routes/web.ts';
import { authed, session, testApp, type TestApp } from './server-fixture.ts';

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('compressed answers', () => {
  let t: TestApp;
  let token: string;
  let root: string;
  let web: ReturnType<typeof webRouter>;
  // Two hundred lines of script: a chunk that compresses well, as real ones do.
  const script = Array.from({ length: 200 }, (_, i) => `export const step${i} = () => console.log("step ${i} of the booking");`).join('\n');

  before(async () => {
    t = await testApp();
    token = await session(t);
    // A day of 24 times: a times answer well over 1 KB, as a real day's is.
    t.platform.bookableTimes = async (q) =>
      Array.from({ length: 24 }, (_, i) => ({
        start: `${q.date}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00+02:00`,
        end: `${q.date}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '59' : '29'}:00+02:00`,
        staff: { id: '7', name: 'Dana' },
        placesLeft: 1,
        hold: { slotId: i, vfib: 'secret-vfib' },
      }));
    root = await mkdtemp(join(tmpdir(), 'bookwell-web-'));
    await mkdir(join(root, 'dist', 'widget', '1.2.3'), { recursive: true });
    await writeFile(join(root, 'dist', 'widget.js'), `import "/widget/1.2.3/entry-abc123.js";\n`);
    await writeFile(join(root, 'dist', 'widget', '1.2.3', 'entry-abc123.js'), script);
    web = webRouter(t.deps, { root });
  });
  after(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  const times = (acceptEncoding?: string) =>
    t.app.request('/v1/availability/times?service=group&date=2026-12-03', {
      headers: authed(token, undefined, acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
    });

  it('sends a day of times brotli-compressed to a browser, gzip to a gzip-only client, plain to others', async () => {
    const plain = await times();
    assert.equal(plain.headers.get('content-encoding'), null);
    const json = await bytes(plain);
    assert.ok(json.byteLength > 2048, `the answer is ${json.byteLength} bytes`);
    assert.match(plain.headers.get('vary') ?? '', /Accept-Encoding/);

    const br = await times('gzip, deflate, br, zstd');
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.match(br.headers.get('vary') ?? '', /Accept-Encoding/);
    const brBody = await bytes(br);
    const fromBr = JSON.parse(brotliDecompressSync(brBody).toString('utf8')) as { times: unknown[] };
    assert.equal(fromBr.times.length, 24);
    // Each time's ref is encrypted (random, incompressible), so about half the answer stays: 0.6 leaves room for it.
    assert.ok(brBody.byteLength < json.byteLength * 0.6, `${brBody.byteLength} bytes compressed of ${json.byteLength}`);

    const gz = await times('gzip');
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal((JSON.parse(gunzipSync(await bytes(gz)).toString('utf8')) as { times: unknown[] }).times.length, 24);

    assert.equal((await times('br;q=0, gzip')).headers.get('content-encoding'), 'gzip', 'q=0 refuses brotli');
    assert.equal((await times('identity')).headers.get('content-encoding'), null);
  });

  it('leaves a small answer plain', async () => {
    const res = await t.app.request('/v1/catalog', { headers: authed(token, undefined, { 'accept-encoding': 'br' }) });
    const body = await bytes(res);
    assert.ok(body.byteLength < 1024, `the catalog is ${body.byteLength} bytes`);
    assert.equal(res.headers.get('content-encoding'), null);
    assert.ok(JSON.parse(body.toString('utf8')).services);
  });

  it('serves the widget chunk compressed once, cached a year, with an ETag per encoding', async () => {
    const chunk = (acceptEncoding: string, etag?: string) =>
      web.request('/widget/1.2.3/entry-abc123.js', { headers: { 'accept-encoding': acceptEncoding, ...(etag ? { 'if-none-match': etag } : {}) } });
    const br = await chunk('gzip, br');
    assert.equal(br.status, 200);
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.match(br.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    assert.match(br.headers.get('vary') ?? '', /Accept-Encoding/);
    assert.equal(brotliDecompressSync(await bytes(br)).toString('utf8'), script);
    const gz = await chunk('gzip');
    assert.equal(gunzipSync(await bytes(gz)).toString('utf8'), script);
    const plain = await chunk('identity');
    assert.equal((await bytes(plain)).toString('utf8'), script);
    const tags = [br, gz, plain].map((r) => r.headers.get('etag'));
    assert.equal(new Set(tags).size, 3, `one ETag per encoding: ${tags.join(' ')}`);
    assert.equal((await chunk('gzip, br', tags[0]!)).status, 304);
    assert.equal((await chunk('gzip', tags[0]!)).status, 200, 'the brotli ETag does not match the gzip copy');
  });

  it('sends an error after a compressed answer plain, as its headers say', async () => {
    // A route that had its answer made (compressed, over 1 KB) and then failed: the error answer is the one sent.
    const app = new Hono();
    app.use(plainAnswers({ 'x-content-type-options': 'nosniff' }));
    app.get('/late', (c) => {
      c.json({ times: Array.from({ length: 100 }, (_, i) => `time ${i} of the day`) });
      throw new Error('failed after the answer was made');
    });
    app.onError((_, c) => c.json({ error: { code: 'internal', message: 'Something went wrong.' } }, 500));
    const res = await app.request('/late', { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-encoding'), null);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(JSON.parse((await bytes(res)).toString('utf8')), { error: { code: 'internal', message: 'Something went wrong.' } });
  });

  it('sends a file under 1 KB plain', async () => {
    const res = await web.request('/widget.js', { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.headers.get('content-encoding'), null);
    assert.match((await bytes(res)).toString('utf8'), /entry-abc123/);
  });
});
