/**
 * A @web/test-runner plugin for one platform's end-to-end tests: it runs `demo/<name>/start.ts` (the platform's
 * strict fake, the real backend pointed at it) with the test runner's origins allowed, and lets a test read the
 * fake's state (`/_fake/state?<query>`), as a person would check the business's dashboard on the platform.
 *
 * Commands (executeServerCommand):
 *   '<name>-backend'                  -> { api, fake }   started on first use, stopped in serverStop
 *   '<name>-fake-state' { ...query }  -> the fake's JSON state
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(new URL('../..', import.meta.url).pathname);

export function platformDemo(name, { startTimeoutMs = 90_000 } = {}) {
  const prefix = name.toUpperCase();
  let origins = [];
  /** @type {Promise<{ api: string, fake: string, child: import('node:child_process').ChildProcess }> | null} */
  let started = null;

  function start() {
    const child = spawn(process.execPath, ['--import', 'tsx', `demo/${name}/start.ts`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: '0',
        [`${prefix}_DEMO_PAGE_PORT`]: '0',
        [`${prefix}_DEMO_ORIGINS`]: origins.join(','),
        BOOKWELL_RATE_LIMIT_IP: '100000',
        BOOKWELL_RATE_LIMIT_SITE: '100000',
        BOOKWELL_RATE_LIMIT_MANAGE: '100000',
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${name} demo did not start in ${startTimeoutMs} ms\n${stderr}`)), startTimeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the ${name} demo exited with ${code}\n${stderr}`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === `${name} demo ready`) {
            clearTimeout(timer);
            resolvePromise({ api: entry.api, fake: entry.fake, child });
          }
        } catch {
          // Not a JSON line.
        }
      });
    });
  }

  return {
    name: `bookwell-${name}`,

    async serverStart({ config }) {
      origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
    },

    async serverStop() {
      const running = await started?.catch(() => null);
      running?.child.kill('SIGTERM');
      started = null;
    },

    async executeCommand({ command, payload = {} }) {
      if (command === `${name}-backend`) {
        started ??= start();
        started.catch(() => (started = null));
        const { api, fake } = await started;
        return { api, fake };
      }
      if (command === `${name}-fake-state`) {
        const { fake } = await started;
        // No bare "?" without a query: Node 24's fetch sends it as written, and a fake matching its path exactly refuses it.
        const query = new URLSearchParams(payload).toString();
        const response = await fetch(`${new URL(fake).origin}/_fake/state${query ? `?${query}` : ''}`);
        return response.json();
      }
      return undefined;
    },
  };
}
