import type { Hono } from 'hono';
import type * as z from 'zod';
import type { Clock } from '../clock.ts';
import type { SiteSettings } from '../config/sites.ts';
import type { Database } from '../db/database.ts';
import type { AppDeps, Logger } from '../deps.ts';
import type { Provider } from './provider.ts';

/** What a platform gets at start. */
export interface PlatformDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  /** Where the secrets named in the sites config are read. */
  env: NodeJS.ProcessEnv;
}

/** One site of a platform: the site's settings with that platform's provider config. */
export type PlatformSiteConfig<Config> = SiteSettings & { provider: Config };

/** A platform running for this start: the providers of its sites and what they share. */
export interface PlatformInstance<Config> {
  /** The Provider of one site; a missing secret throws SitesConfigError, which stops the start. */
  providerFor(site: PlatformSiteConfig<Config>): Provider;
  close?(): Promise<void>;
}

/** One finding of a setup check, said for the person setting the site up. */
export interface SetupCheckLine {
  ok: boolean;
  text: string;
}

export interface SetupCheckOptions {
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

/** The config schema of a platform: a strict zod object whose `type` names it. */
export type PlatformConfigSchema<Type extends string> = z.ZodObject<{ type: z.ZodLiteral<Type> } & z.ZodRawShape, z.core.$strict>;

/**
 * What one platform's folder exports from its `platform.ts` and `registry.ts` lists (README.md is the checklist).
 * Everything else of the platform stays inside its folder.
 */
export interface PlatformModule<Type extends string, Schema extends PlatformConfigSchema<Type>, Instance extends PlatformInstance<z.output<Schema>>> {
  /** The sites config's `provider.type`, the webhook path `/v1/webhooks/<type>/{site}`, the log prefix. */
  type: Type;
  /** The sites config's `provider` for this platform; secrets are named by environment variable only. */
  config: Schema;
  /** Its folder of `NNN_name.sql` migrations, in the number range the README gives it. */
  migrations?: URL | undefined;
  /** Called once at start when at least one site uses the platform. */
  start(deps: PlatformDeps): Instance;
  /** `npm run check:site -- <site>`: harmless reads that tell the person setting a site up what works. */
  check?: ((site: PlatformSiteConfig<z.output<Schema>>, options: SetupCheckOptions) => Promise<SetupCheckLine[]>) | undefined;
  /** Mounted at `/v1/webhooks/<type>`; the router reads the site from its own path. */
  webhooks?: ((deps: AppDeps, env: NodeJS.ProcessEnv) => Hono) | undefined;
}

/** Checks a module against the contract while keeping its precise types for the registry. */
export function definePlatform<Type extends string, Schema extends PlatformConfigSchema<Type>, Instance extends PlatformInstance<z.output<Schema>>>(
  module: PlatformModule<Type, Schema, Instance>,
): PlatformModule<Type, Schema, Instance> {
  return module;
}
