import type { SiteConfig } from '../config/sites.ts';
import type { SetupCheckLine, SetupCheckOptions } from './platform.ts';
import { platforms } from './registry.ts';

export type { SetupCheckLine } from './platform.ts';

export type SetupCheck = (site: SiteConfig, options: SetupCheckOptions) => Promise<SetupCheckLine[]>;

/** The platforms that have a setup check (`npm run check:site -- <site>`): their modules' `check`. */
export const setupChecks: Partial<Record<SiteConfig['provider']['type'], SetupCheck>> = Object.fromEntries(
  platforms.flatMap((p) => ('check' in p && p.check ? [[p.type, p.check as SetupCheck]] : [])),
);
