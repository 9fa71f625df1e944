import type { SiteConfig } from '../config/sites.ts';
import { checkAgendize } from './agendize/check.ts';
import { checkOnlineAfspraken } from './onlineafspraken/check.ts';

/** One finding of a setup check, said for the person setting the site up. */
export interface SetupCheckLine {
  ok: boolean;
  text: string;
}

export type SetupCheck = (site: SiteConfig, options: { env?: NodeJS.ProcessEnv; fetch?: typeof fetch }) => Promise<SetupCheckLine[]>;

/** The platforms that have a setup check (`npm run check:site -- <site>`); a platform adds its line here. */
export const setupChecks: Partial<Record<SiteConfig['provider']['type'], SetupCheck>> = {
  onlineafspraken: checkOnlineAfspraken,
  agendize: checkAgendize,
};
