/** main.ts as a person (or the e2e harness) starts it: a child process with env config. */
import assert from 'node:assert/strict';
import { openDatabase } from '../../src/server/db/database.ts';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

/** One raw request over a socket, for what fetch refuses to send; the whole answer as text. */
function rawRequest(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('utf8')));
    socket.on('close', () => done(answer));
    socket.on('error', fail);
  });
}

const demoSites = JSON.parse(await readFile('demo/sites.json', 'utf8')) as { sites: Record<string, unknown>[] };

const main = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));

/** main.ts started in `cwd` (the repository unless told). */
function run(env: Record<string, string>, cwd = process.cwd()) {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
    cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const listening = new Promise<string>((ready, fail) => {
    const check = () => {
      const line = stdout.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) ready(JSON.parse(line).url as string);
    };
    child.stdout.on('data', check);
    void exited.then((code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
  listening.catch(() => undefined); // only awaited by tests that expect a start
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('starting the server', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'bookwell-main-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('stops with exit code 1 and names file, site and field of a wrong sites config', async () => {
    const file = join(dir, 'bad-sites.json');
    const bad = structuredClone(demoSites);
    bad.sites[1]!['timezone'] = 'Mars/Olympus';
    await writeFile(file, JSON.stringify(bad));
    const p = run({ BOOKWELL_DATA: join(dir, 'bad'), BOOKWELL_SITES: file });
    assert.equal(await p.exited, 1);
    const { stderr } = p.output();
    assert.ok(stderr.includes(file), stderr);
    assert.ok(stderr.includes('site "demo-studio"'), stderr);
    assert.ok(stderr.includes('field "timezone"'), stderr);
  });

  it('listens on any port with PORT=0, says where, keeps its secret private and stops on SIGTERM', async () => {
    const data = join(dir, 'good');
    const p = run({ BOOKWELL_DATA: data, BOOKWELL_SITES: 'demo/sites.json' });
    const url = await p.listening;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/v1/health`);
    assert.equal(health.status, 200);
    const session = (body: string, extra: Record<string, string> = {}) =>
      fetch(`${url}/v1/session`, { method: 'POST', headers: { origin: url, 'content-type': 'application/json', ...extra }, body });
    assert.equal((await session('{"site":"demo-clinic"}')).status, 200, 'a page of the backend itself gets a token');
    const big = await session(JSON.stringify({ site: 'x'.repeat(64 * 1024) }));
    assert.equal(big.status, 413, 'the body limit holds on the real socket');
    const chunked = await fetch(`${url}/v1/session`, {
      method: 'POST',
      headers: { origin: url, 'content-type': 'application/json' },
      body: new Blob([JSON.stringify({ site: 'y'.repeat(64 * 1024) })]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 413, 'also without Content-Length');
    assert.equal(((await (await session('{"site":')).json()) as { error: { code: string } }).error.code, 'invalid_request');
    assert.equal((await fetch(`${url}/outbox`)).status, 404, 'no outbox page (live codes) unless it is the demo or asked for');
    assert.equal((await fetch(`${url}/`, { redirect: 'manual' })).status, 404, 'a real sites config has no demo to lead to');
    const info = await stat(join(data, 'secret.key'));
    assert.equal(info.mode & 0o777, 0o600);
    const secret = (await readFile(join(data, 'secret.key'), 'utf8')).trim();
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    const { stdout, stderr } = p.output();
    assert.ok(!stdout.includes(secret) && !stderr.includes(secret), 'the secret is never printed');
    assert.ok(stdout.includes('"route":"/v1/health"'), 'requests are logged');
  });

  it('creates no demo business in the database of a real sites file', async () => {
    const file = join(dir, 'shop-sites.json');
    // The engine without a catalog file: nothing is made up for it.
    await writeFile(file, JSON.stringify({ sites: [{ ...demoSites.sites[0], id: 'shop', provider: { type: 'embedded' } }] }));
    const data = join(dir, 'shop');
    const p = run({ BOOKWELL_DATA: data, BOOKWELL_SITES: file });
    await p.listening;
    p.child.kill('SIGTERM');
    assert.equal(await p.exited, 0);
    const db = await openDatabase({ dataDir: join(data, 'db') });
    try {
      assert.deepEqual(await db.query('SELECT id FROM sites'), [], 'no demo-clinic or demo-studio rows');
    } finally {
      await db.close();
    }
  });

  it('answers what the HTTP parser refuses in the error shape, and refuses a wrong BOOKWELL_TRUSTED_PROXIES', async () => {
    const p = run({ BOOKWELL_DATA: join(dir, 'parser') });
    try {
      const url = await p.listening;
      const cases = [
        { request: `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431, code: 'headers_too_large' },
        { request: 'GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n', status: 400, code: 'invalid_request' },
        { request: 'GET /v1/health HTTP/9.9 junk\r\n\r\n', status: 400, code: 'invalid_request' },
      ];
      for (const { request, status, code } of cases) {
        const answer = await rawRequest(url, request);
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        assert.match(head, new RegExp(`^HTTP/1.1 ${status} `), head);
        assert.match(head, /content-type: application\/json/i);
        assert.equal(JSON.parse(body).error.code, code);
      }
      assert.equal((await fetch(`${url}/v1/health`)).status, 200, 'still serving');
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
    const wrong = run({ BOOKWELL_DATA: join(dir, 'proxies'), BOOKWELL_TRUSTED_PROXIES: '10.0.0.0/99' });
    assert.equal(await wrong.exited, 1);
    assert.match(wrong.output().stderr, /BOOKWELL_TRUSTED_PROXIES/);
  });

  it('shows the outbox page of the demo, where a visitor reads the confirmation code, started from any folder', async () => {
    const env: Record<string, string> = { BOOKWELL_DATA: join(dir, 'demo') };
    // Not the repository: the demo's sites file and the catalog files it names are found all the same.
    const p = run(env, tmpdir());
    try {
      const url = await p.listening;
      const page = await fetch(`${url}/outbox`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /demo-studio/);
      const { stderr } = p.output();
      assert.ok(stderr.includes(`Demo:   ${url}/demo/`), stderr);
      assert.ok(stderr.includes(`Outbox: ${url}/outbox`), stderr);
      assert.ok(stderr.includes(join('demo', 'sites.json')), `names the config in use: ${stderr}`);
      const home = await fetch(`${url}/`, { redirect: 'manual' });
      assert.equal(home.status, 302);
      assert.equal(home.headers.get('location'), '/demo/');
      // PORT=0 picked a port the demo config does not name: its pages there may still book.
      const port = new URL(url).port;
      assert.notEqual(port, '8787');
      for (const origin of [url, `http://localhost:${port}`]) {
        const session = await fetch(`${url}/v1/session`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: '{"site":"demo-clinic"}',
        });
        assert.equal(session.status, 200, origin);
      }
      const { token } = (await (
        await fetch(`${url}/v1/session`, {
          method: 'POST',
          headers: { origin: url, 'content-type': 'application/json' },
          body: '{"site":"demo-studio"}',
        })
      ).json()) as { token: string };
      const catalog = (await (await fetch(`${url}/v1/catalog`, { headers: { authorization: `Bearer ${token}`, origin: url } })).json()) as {
        services: { name: string }[];
      };
      assert.ok(
        catalog.services.some((s) => s.name === 'Yoga flow'),
        "the studio's services, from demo/data/studio.catalog.json",
      );
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  });
});
