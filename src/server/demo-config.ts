/**
 * What `npm start` does differently for the demo sites config (no BOOKWELL_SITES): the demo pages are served by
 * this backend, so their sites must allow whatever address it runs on; and what it prints on start.
 */
import type { SiteConfig } from './config/sites.ts';

/** The demo config is the one used when no sites file is named. */
export function isDemoConfig(env: NodeJS.ProcessEnv): boolean {
  return !env['BOOKWELL_SITES'];
}

/** The demo sites also allow this backend's own addresses (127.0.0.1 and localhost on its port, PUBLIC_URL). */
export function allowOwnAddresses(sites: readonly SiteConfig[], port: number, publicUrl: string): SiteConfig[] {
  const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, new URL(publicUrl).origin];
  return sites.map((site) => ({ ...site, origins: [...new Set([...site.origins, ...own])] }));
}

export interface StartFacts {
  publicUrl: string;
  sitesFile: string;
  sites: number;
  demo: boolean;
  outbox: boolean;
}

/** The few lines a person reads on start: where the demo and the outbox are, which config is in use. */
export function startLines(facts: StartFacts): string {
  const config = `${facts.demo ? 'the demo config' : 'the sites config'} ${facts.sitesFile} (${facts.sites} ${facts.sites === 1 ? 'site' : 'sites'})`;
  const lines = [`Bookwell is running on ${facts.publicUrl} with ${config}.`];
  if (facts.demo) lines.push(`  Demo:   ${facts.publicUrl}/demo/`);
  if (facts.outbox)
    lines.push(`  Outbox: ${facts.publicUrl}/outbox (every text and e-mail the customers and the business would get, links clickable)`);
  return `${lines.join('\n')}\n`;
}
