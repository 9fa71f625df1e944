/**
 * The Bookwell backend's start, as `npm start` (main.ts) runs it. Configuration comes from the environment (README,
 * "Configuration"); a wrong sites file stops the start with a message naming file, site and field. The clock is a
 * parameter only so the browser tests' backend can move it (test/browser/backend-clock.mjs): a reminder then falls
 * due as it would a day later, sent by the same jobs.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, standardRouters } from './app.ts';
import { transportsFromEnv } from './notify/index.ts';
import { createRuntime } from './routes/runtime.ts';
import { pruneIdempotencyKeys } from './booking/idempotency.ts';
import { systemClock, type Clock } from './clock.ts';
import { loadSites, SitesConfigError } from './config/sites.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { allowOwnAddresses, isDemoConfig, startLines } from './demo-config.ts';
import { jsonLogger, type AppDeps } from './deps.ts';
import { countAnswering } from './http/answering.ts';
import { answerClientErrors } from './http/client-errors.ts';
import { TrustedProxies } from './http/client-ip.ts';
import { rateLimitsFromEnv } from './http/rate-limit.ts';
import { buildProviders } from './providers/index.ts';
import { loadSecret } from './tokens/keys.ts';

const expireEveryMs = 30_000;
const messagesEveryMs = 5_000;
const pruneEveryMs = 10 * 60_000;

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new SitesConfigError(`${name} must be a whole number, not "${raw}"`);
  return n;
}

/** BOOKWELL_TRUSTED_PROXIES, checked now so a typo stops the start instead of trusting nobody (or everybody). */
function trustedProxiesFromEnv(env: NodeJS.ProcessEnv): string[] {
  const cidrs = (env['BOOKWELL_TRUSTED_PROXIES'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    new TrustedProxies(cidrs);
  } catch (error) {
    throw new SitesConfigError(`BOOKWELL_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  return cidrs;
}

/**
 * The outbox page shows live confirmation codes and where they went: a demo aid, never a production page.
 * On by default only for the demo sites config with no mail server; BOOKWELL_OUTBOX_PAGE=1 or 0 decides otherwise.
 */
function outboxPageWanted(env: NodeJS.ProcessEnv): boolean {
  const said = env['BOOKWELL_OUTBOX_PAGE'];
  if (said === '1' || said === '0') return said === '1';
  if (said) throw new SitesConfigError(`BOOKWELL_OUTBOX_PAGE must be 1 or 0, not "${said}"`);
  return !env['BOOKWELL_SITES'] && !env['SMTP_URL'];
}

export async function startBackend(env: NodeJS.ProcessEnv, clock: Clock = systemClock): Promise<void> {
  const log = jsonLogger();
  const host = env['HOST'] || '127.0.0.1';
  const port = numberFromEnv(env, 'PORT', 8787);
  const dataDir = resolve(env['BOOKWELL_DATA'] || './data');
  // The demo's sites file is the repository's, as the demo pages are (routes/web.ts), wherever the backend is started.
  const sitesFile = resolve(env['BOOKWELL_SITES'] || fileURLToPath(new URL('../../demo/sites.json', import.meta.url)));
  const tokenTtlSeconds = numberFromEnv(env, 'BOOKWELL_TOKEN_TTL_SECONDS', 900);
  const availabilityCacheMs = numberFromEnv(env, 'BOOKWELL_AVAILABILITY_CACHE_MS', 0);
  const rateLimits = rateLimitsFromEnv(env);
  const trustedProxies = trustedProxiesFromEnv(env);

  const sites = await loadSites(sitesFile);
  const secret = await loadSecret(dataDir, env);
  const db = await openDatabase({
    dataDir: resolve(dataDir, 'db'),
    url: env['DATABASE_URL'] || undefined,
    inThisThread: env['BOOKWELL_PGLITE_WORKER'] === '0',
  });
  await migrate(db);
  const transports = transportsFromEnv(env);
  const built = buildProviders(sites, { db, clock, log, env });
  // Listen first: with PORT=0 the public URL is only known once the port is.
  let app: Hono<any> | null = null;
  const answering = countAnswering((req: Request, bindings: unknown) => (app ? app.fetch(req, bindings) : new Response(null, { status: 503 })));
  const server = serve({ fetch: answering.fetch, hostname: host, port });
  answerClientErrors(server as Server);
  await new Promise<void>((ready, fail) => {
    server.once('listening', ready);
    server.once('error', fail);
  });
  const actualPort = (server.address() as AddressInfo).port;
  const ownUrl = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  const publicUrl = (env['PUBLIC_URL'] || ownUrl).replace(/\/$/, '');
  const demo = isDemoConfig(env);
  const served = demo ? allowOwnAddresses(sites, actualPort, publicUrl) : sites;
  const deps: AppDeps = {
    sites: new Map(served.map((s) => [s.id, s])),
    providers: built.providers,
    db,
    clock,
    log,
    publicUrl,
    secret,
    tokenTtlSeconds,
    rateLimits,
    trustedProxies,
    availabilityCacheMs,
    transports,
    outbox: built.engine && outboxPageWanted(env) ? (siteId) => built.engine!.admin.outbox(siteId) : undefined,
  };
  const rt = createRuntime(deps);
  const ready = createApp(deps, standardRouters(deps), rt);
  // A newcomer opening the address `npm start` printed lands on the demo.
  if (demo) ready.get('/', (c) => c.redirect('/demo/'));
  app = ready;
  // Messages and reminders are jobs in the database: whatever fell due while we were stopped goes out now.
  const stopMessages = rt.messages.start(messagesEveryMs);

  const expiry = built.engine
    ? setInterval(() => {
        built.engine!.expirePending().catch((error: unknown) => log.warn({ msg: 'expiring pending bookings failed', error: (error as Error).name }));
      }, expireEveryMs)
    : null;
  expiry?.unref();
  // Idempotency keys are kept a day (README, "Retries"); then they go, so the table does not grow forever.
  const prune = () => {
    pruneIdempotencyKeys(db, clock).catch((error: unknown) => log.warn({ msg: 'pruning idempotency keys failed', error: (error as Error).name }));
  };
  prune();
  const pruning = setInterval(prune, pruneEveryMs);
  pruning.unref();

  log.info({ msg: 'listening', url: ownUrl, publicUrl: deps.publicUrl, demo: `${deps.publicUrl}/demo/`, sites: sites.length, db: db.kind });
  process.stderr.write(startLines({ publicUrl, sitesFile, sites: sites.length, demo, outbox: deps.outbox !== undefined }));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ msg: 'stopping', signal });
    if (expiry) clearInterval(expiry);
    stopMessages();
    clearInterval(pruning);
    setTimeout(() => process.exit(1), 5000).unref();
    // No new connections, and every request already taken answered (within the 5 s above) before the database closes.
    await Promise.all([new Promise<void>((done) => server.close(() => done())), answering.idle()]);
    await built.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
