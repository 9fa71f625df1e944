import { Hono } from 'hono';
import { datesQuery, maxRangeDays, timesQuery, type DatesResponse, type TimesResponse } from '../../contract/availability.ts';
import { ApiFailure } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { readQuery } from '../http/validate.ts';
import type { PlatformTime } from '../providers/provider.ts';
import { sealRef } from '../tokens/ref.ts';
import type { Runtime } from './runtime.ts';

const dayMs = 86_400_000;

/** GET /v1/availability/dates and /times. */
export function availabilityRouter(rt: Runtime) {
  const router = new Hono<AppEnv>();

  router.get('/dates', async (c) => {
    const siteId = c.get('siteId');
    const query = readQuery(c, datesQuery);
    const { calendar } = await rt.siteInfo(siteId);
    const days = (Date.parse(query.to) - Date.parse(query.from)) / dayMs + 1;
    if (days < 1) throw new ApiFailure('invalid_field', '"to" is before "from".', { field: 'to' });
    if (days > maxRangeDays[calendar]) {
      throw new ApiFailure('invalid_field', `Ask for at most ${maxRangeDays[calendar]} days at once.`, { field: 'to' });
    }
    const key = JSON.stringify(['dates', query.service, query.staff, query.branch, query.participants, query.from, query.to]);
    const dates = await rt.cachedAvailability(siteId, key, () => rt.site(siteId).provider.bookableDates(query));
    return c.json({ dates } satisfies DatesResponse);
  });

  router.get('/times', async (c) => {
    const siteId = c.get('siteId');
    const query = readQuery(c, timesQuery);
    const key = JSON.stringify(['times', query.service, query.staff, query.branch, query.participants, query.date]);
    const times = await rt.cachedAvailability<PlatformTime[]>(siteId, key, () => rt.site(siteId).provider.bookableTimes(query));
    const now = rt.deps.clock();
    const body: TimesResponse = {
      times: times.map((t) => ({
        start: t.start,
        end: t.end,
        staff: t.staff,
        placesLeft: t.placesLeft,
        ref: sealRef(
          rt.keys.ref,
          {
            site: siteId,
            service: query.service,
            // The customer's choice, not the person offered: with "any staff" the platform may give the time to
            // someone else free then if the offered person is taken meanwhile (the offered one rides in the hold).
            staff: query.staff ?? null,
            branch: query.branch ?? null,
            start: t.start,
            end: t.end,
            hold: t.hold,
          },
          now,
        ),
      })),
    };
    return c.json(body);
  });

  return router;
}
