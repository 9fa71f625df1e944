/**
 * `npm run setup:agendize-watch -- <site id>`: tells Agendize to post appointment changes of that site to this
 * backend (docs/agendize.md, "Webhook"). Reads the same environment as the backend: BOOKWELL_SITES, PUBLIC_URL
 * (the address Agendize can reach), and the variables the site's provider names.
 */
import { resolve } from 'node:path';
import { loadSites } from '../../config/sites.ts';
import { jsonLogger } from '../../deps.ts';
import { isAgendizeSite } from './config.ts';
import { registerWatch } from './watch.ts';

const [siteId] = process.argv.slice(2);
const env = process.env;
try {
  if (!siteId) throw new Error('usage: npm run setup:agendize-watch -- <site id>');
  const publicUrl = env['PUBLIC_URL'];
  if (!publicUrl || !/^https?:\/\//.test(publicUrl)) throw new Error('set PUBLIC_URL to the backend address Agendize can reach (https://...)');
  const sites = await loadSites(resolve(env['BOOKWELL_SITES'] || 'demo/sites.json'));
  const site = sites.find((s) => s.id === siteId);
  if (!site) throw new Error(`no site "${siteId}" in the sites config`);
  if (!isAgendizeSite(site)) throw new Error(`site "${siteId}" is not an Agendize site`);
  const watch = await registerWatch(site, { publicUrl, env, log: jsonLogger() });
  process.stderr.write(`Agendize will post appointment changes of ${siteId} to ${watch.address} (watch ${watch.id || 'registered'}).\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
