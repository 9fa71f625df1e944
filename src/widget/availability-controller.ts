import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import type { BookableTime } from '../contract/index.ts';
import type { BookwellApi } from './api/client.ts';
import { addMonthsToMonth, firstOfMonth, lastOfMonth } from '../contract/plain-date.ts';
import type { Messages } from './i18n/en.ts';
import type { Flow } from './steps/machine.ts';
import { bookingWindowMonths, type MonthDates } from './views/when.ts';

interface AvailabilityHost extends ReactiveControllerHost {
  readonly client: BookwellApi;
  readonly flow: Flow | undefined;
  /** The month the calendar shows, `YYYY-MM`. */
  readonly month: string | undefined;
  /** Today on the site's calendar. */
  readonly today: string;
  /** Raised to load the times again (after a time was taken). */
  readonly timesVersion: number;
  readonly messages: Messages | undefined;
  announce(text: string): void;
}

/** The free dates of the visible month and the free times of the chosen date, each loaded when its step shows. */
export class AvailabilityController {
  readonly dates: Task<readonly unknown[], MonthDates | undefined>;
  readonly times: Task<readonly unknown[], BookableTime[] | undefined>;

  constructor(host: AvailabilityHost) {
    const chosen = () => {
      const c = host.flow?.choices;
      return [host.flow?.step, c?.service, c?.staff, c?.branch, c?.participants ?? 1] as const;
    };
    this.dates = new Task(host, {
      task: async ([step, service, staff, branch, participants, month], { signal }) => {
        if (step !== 'when' || !service || !month) return undefined;
        const choice = { service, staff, branch, participants };
        const m = host.messages;
        if (m) host.announce(m.loading);
        const today = host.today;
        const from = (month: string) => (firstOfMonth(month) < today ? today : firstOfMonth(month));
        const { dates } = await host.client.dates(choice, from(month), lastOfMonth(month), signal);
        let nextAvailable: string | null = null;
        const last = addMonthsToMonth(today.slice(0, 7), bookingWindowMonths);
        for (
          let later = addMonthsToMonth(month, 1);
          dates.length === 0 && nextAvailable === null && later <= last;
          later = addMonthsToMonth(later, 1)
        ) {
          nextAvailable = (await host.client.dates(choice, from(later), lastOfMonth(later), signal)).dates[0] ?? null;
        }
        if (m) host.announce(dates.length ? '' : m.noDatesThisMonth);
        return { month, dates, nextAvailable };
      },
      args: () => [...chosen(), host.month] as const,
    });
    this.times = new Task(host, {
      task: async ([step, service, staff, branch, participants, date], { signal }) => {
        if (step !== 'when' || !service || !date) return undefined;
        const m = host.messages;
        if (m) host.announce(m.loading);
        const { times } = await host.client.times({ service, staff, branch, participants }, date, signal);
        if (m) host.announce(times.length ? m.timesLoaded(times.length) : m.noTimes);
        return times;
      },
      args: () => [...chosen(), host.flow?.choices.date, host.timesVersion] as const,
    });
  }
}
