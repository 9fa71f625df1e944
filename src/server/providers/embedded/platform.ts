import * as z from 'zod';
import { notifierFromEnv } from '../../notify/index.ts';
import { definePlatform } from '../platform.ts';
import { createEmbeddedEngine } from './index.ts';

/** Bookwell's own engine (README.md here): one engine on the backend's database serves all its sites. */
export const embedded = definePlatform({
  type: 'embedded',
  config: z.object({ type: z.literal('embedded') }).strict(),
  migrations: new URL('./migrations/', import.meta.url),
  start: (deps) => createEmbeddedEngine({ db: deps.db, clock: deps.clock, notifier: notifierFromEnv(deps.db, deps.env, deps.clock) }),
});
