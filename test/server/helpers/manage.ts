import { manageAuthScheme } from '../../../src/contract/index.ts';

/** A manage call as clients make it: the link's token in the Authorization header, never in the address. */
export function manageInit(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `${manageAuthScheme} ${token}` } };
}
