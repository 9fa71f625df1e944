import type { SiteConfig } from '../config/sites.ts';

/** What middleware leaves on the context for the routes (and the request log). */
export interface AppEnv {
  Variables: {
    /** The site the call is for, once known (token, session body or manage link). */
    siteId: string;
    site: SiteConfig;
    /** The page origin the call comes from (Origin header, or ours for same-origin calls). */
    origin: string | null;
  };
}
