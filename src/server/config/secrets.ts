import * as z from 'zod';
import { SitesConfigError } from './errors.ts';

/** The name of an environment variable that holds a secret. Secrets themselves never sit in the file. */
export const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'the name of an environment variable (A-Z, 0-9, _)');

/** Reads a secret named in the config; missing secrets stop the start, never a request. */
export function secretFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new SitesConfigError(`environment variable ${name} is not set (named in the sites config)`);
  return value;
}
