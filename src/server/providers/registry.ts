/**
 * Every platform Bookwell books on. Adding one is its folder and one line here (README.md is the checklist):
 * the sites config's `provider`, buildProviders, the webhook routes and the migrations all come from this list.
 */
import { agendize } from './agendize/platform.ts';
import { embedded } from './embedded/platform.ts';
import { onlineafspraken } from './onlineafspraken/platform.ts';
import { timetap } from './timetap/platform.ts';
import { tor4you } from './tor4you/platform.ts';

export const platforms = [embedded, tor4you, onlineafspraken, timetap, agendize] as const;

export type Platform = (typeof platforms)[number];

type ConfigsOf<T extends readonly Platform[]> = { [K in keyof T]: T[K] extends { config: infer Schema } ? Schema : never };

/** The `provider` schemas of the sites config, one per platform, as a tuple zod can tell apart by `type`. */
export const platformConfigs = platforms.map((p) => p.config) as unknown as ConfigsOf<typeof platforms>;
