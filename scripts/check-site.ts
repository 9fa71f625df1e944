/**
 * `npm run check:site -- <site>`: checks a platform site's credentials and settings with harmless reads and
 * says in words what works. Reads the sites config and secrets as the backend does (BOOKWELL_SITES, default
 * demo/sites.json; the environment variables the config names). Exit code 0 when all is well, 1 otherwise.
 */
import { resolve } from 'node:path';
import { loadSites, SitesConfigError } from '../src/server/config/sites.ts';
import { setupChecks } from '../src/server/providers/setup-check.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(siteId: string | undefined): Promise<number> {
  const file = resolve(process.env['BOOKWELL_SITES'] || 'demo/sites.json');
  const sites = await loadSites(file);
  if (!siteId) {
    say(`Usage: npm run check:site -- <site>   (sites in ${file}: ${sites.map((s) => s.id).join(', ')})`);
    return 1;
  }
  const site = sites.find((s) => s.id === siteId);
  if (!site) {
    say(`There is no site "${siteId}" in ${file} (there are: ${sites.map((s) => s.id).join(', ')}).`);
    return 1;
  }
  const check = setupChecks[site.provider.type];
  if (!check) {
    say(`Site "${siteId}" uses ${site.provider.type}, which has no setup check.`);
    return 1;
  }
  say(`Checking site "${siteId}" (${site.provider.type})...`);
  const lines = await check(site, {});
  for (const line of lines) say(`${line.ok ? '  ok  ' : '  !!  '}${line.text}`);
  const good = lines.length > 0 && lines.every((l) => l.ok);
  say(good ? 'All good: this site is ready.' : 'Something needs changing (the lines marked !!).');
  return good ? 0 : 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof SitesConfigError ? error.message : `The check failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
