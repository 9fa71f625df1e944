// The usual production install on a clean clone: `npm ci --omit=dev`, `npm start`, one booking through the API.
// Proves the server's runtime packages are dependencies (not devDependencies) and that it starts without a build.
//   node scripts/production-start.mjs     (CI runs it; it clones the repository's HEAD into a temporary folder)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'bookwell-production-'));
const clone = join(work, 'bookwell');
const step = (what) => console.log(`production install: ${what}`);

let server;
try {
  execFileSync('git', ['clone', '--quiet', repo, clone], { stdio: 'inherit' });
  step('npm ci --omit=dev');
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: clone, stdio: 'inherit' });

  step('npm start');
  server = spawn('npm', ['start'], {
    cwd: clone,
    env: { ...process.env, PORT: '0', BOOKWELL_DATA: join(work, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr.on('data', (d) => process.stderr.write(d));
  const url = await new Promise((ready, fail) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) ready(JSON.parse(line).url);
    });
    server.on('exit', (code) => fail(new Error(`npm start exited with ${code}`)));
    setTimeout(() => fail(new Error('npm start did not listen within 60 s')), 60_000).unref();
  });
  step(`listening on ${url}`);

  const call = async (method, path, { token, body, headers } = {}) => {
    const response = await fetch(`${url}/v1/${path}`, {
      method,
      headers: {
        origin: url,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${method} /v1/${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const { token } = await call('POST', 'session', { body: { site: 'demo-clinic' } });
  const { services } = await call('GET', 'catalog', { token });
  const service = services[0].id;
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { dates } = await call('GET', `availability/dates?service=${service}&from=${today}&to=${until}`, { token });
  if (!dates.length) throw new Error('no bookable date in the next 30 days');
  const { times } = await call('GET', `availability/times?service=${service}&date=${dates[0]}`, { token });
  const customer = { firstName: 'Dana', lastName: 'Levi', cell: '0544444444', idNumber: '123456782' };
  const { booking } = await call('POST', 'bookings', {
    token,
    body: { ref: times[0].ref, customer },
    headers: { 'idempotency-key': `production-${Date.now()}` },
  });
  step(`booked ${booking.id} (${booking.status}) at ${booking.start}`);
} finally {
  if (server && server.exitCode === null && server.signalCode === null) {
    const stopped = new Promise((done) => server.on('exit', done));
    server.kill('SIGTERM');
    await stopped;
    step('stopped');
  }
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);
