import type { BookInput, PlatformTime, Provider } from '../../../src/server/providers/provider.ts';
import { addDays } from '../../../src/contract/plain-date.ts';
import { zonedDate } from '../../../src/server/zoned.ts';

export const amsterdamToday = () => zonedDate('Europe/Amsterdam', Date.now());

/** The first bookable time of a service from tomorrow on, through the adapter, as the widget would find it. */
export async function firstTime(provider: Provider, service: string, staff?: string, skipDays = 1): Promise<PlatformTime> {
  const today = amsterdamToday();
  const dates = await provider.bookableDates({ service, staff, participants: 1, from: addDays(today, skipDays), to: addDays(today, skipDays + 20) });
  const times = await provider.bookableTimes({ service, staff, participants: 1, date: dates[0]! });
  return times[0]!;
}

export function bookInput(time: PlatformTime, service: string, overrides: Partial<BookInput> = {}): BookInput {
  return {
    service,
    staff: time.staff?.id ?? null,
    branch: null,
    start: time.start,
    end: time.end,
    hold: time.hold,
    participants: 1,
    customer: { firstName: 'Jan', lastName: 'de Boer', cell: '0611111111', email: 'jan@example.nl', notes: 'Graag kort' },
    lang: 'nl',
    idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}`,
    resumed: false,
    ...overrides,
  };
}
