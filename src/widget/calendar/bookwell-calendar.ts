import { LitElement, css, html, nothing } from 'lit';
import type { Language } from '../../contract/index.ts';
import { fullDate, monthTitle, weekdayNames } from '../format.ts';
import {
  addDays,
  addMonths,
  addMonthsToMonth,
  endOfWeek,
  firstOfMonth,
  lastOfMonth,
  monthGrid,
  monthOf,
  startOfWeek,
  weekdayOrder,
} from '../../contract/plain-date.ts';

export interface CalendarLabels {
  previousMonth: string;
  nextMonth: string;
  unavailable: string;
  today: string;
}

/** The calendar asks its host for another month's dates. */
export class CalendarMonthEvent extends Event {
  constructor(readonly month: string) {
    super('bookwell-calendar-month', { bubbles: true, composed: true });
  }
}

/** The customer picked an available date. */
export class CalendarSelectEvent extends Event {
  constructor(readonly date: string) {
    super('bookwell-calendar-select', { bubbles: true, composed: true });
  }
}

/** The date of the day button an event came from (a click lands on the button or its text). */
function dayOf(event: Event): string | undefined {
  const target = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button.day') : null;
  return target?.dataset['date'];
}

/**
 * A month grid of real buttons with one tab stop (roving tabindex). Unavailable dates stay focusable and say why.
 * Arrows move a day or a week (left and right follow the reading direction), PageUp/PageDown a month, Home/End the week.
 *
 * @csspart day - every date button; also `selected`, `today`, `unavailable`.
 * @fires bookwell-calendar-month - the visible month changed; load its dates.
 * @fires bookwell-calendar-select - an available date was chosen.
 */
export class BookwellCalendar extends LitElement {
  static override properties = {
    month: {},
    available: { attribute: false },
    loading: { type: Boolean },
    unknown: { type: Boolean },
    lastMonth: { attribute: 'last-month' },
    selected: {},
    today: {},
    lang: {},
    weekStart: { type: Number, attribute: 'week-start' },
    labels: { attribute: false },
    focusedDate: { state: true },
    announcement: { state: true },
  };

  static override styles = css`
    :host { display: block; }
    .head { display: flex; align-items: center; justify-content: space-between; gap: var(--bookwell-space, 0.5rem); }
    h3 { margin: 0; font-size: 1.05em; }
    /* Days 44-56 px: the grid grows with its column up to seven 56 px days; a hair of space keeps round days apart. */
    table { border-collapse: separate; border-spacing: 2px; inline-size: 100%; max-inline-size: calc(7 * 56px + 16px); margin-inline: auto; table-layout: fixed; }
    th { font-weight: normal; font-size: 0.85em; padding-block: 0.25rem; color: var(--bookwell-muted, #555); }
    td { padding: 0; text-align: center; }
    button {
      font: inherit; color: inherit; background: transparent; cursor: pointer;
      min-inline-size: 44px; min-block-size: 44px;
      border: 1px solid transparent; border-radius: var(--bookwell-radius, 8px);
    }
    /* Square days as wide as their column: 44 px where there is room, narrower (never under 40 px high) on a 320 px phone. */
    .day { min-inline-size: 0; min-block-size: 40px; max-block-size: 56px; inline-size: 100%; aspect-ratio: 1; padding: 0; border-radius: 50%; }
    .head { margin-block-end: 0.25rem; }
    .nav { border-color: var(--bookwell-border, #ccc); padding-inline: 0.75rem; background: var(--bookwell-background, #fff); }
    .nav:not([aria-disabled='true']):hover { border-color: var(--bookwell-accent, #1a56db); color: var(--bookwell-accent, #1a56db); }
    /* An available day: tinted, bold and ringed, so it differs from an unavailable one by more than colour. */
    .day[data-available] { background: var(--bookwell-accent-soft, #e6effd); color: var(--bookwell-accent-strong, #123f9e); font-weight: 700; }
    .day[data-available]:hover { border-color: var(--bookwell-accent, #1a56db); }
    .day[data-available]:active { background: var(--bookwell-accent, #1a56db); color: var(--bookwell-on-accent, #fff); }
    .day[aria-disabled='true'] { color: var(--bookwell-muted, #767676); cursor: default; text-decoration: line-through; }
    .day[aria-pressed='true'] { background: var(--bookwell-accent, #1a56db); color: var(--bookwell-on-accent, #fff); border-color: var(--bookwell-accent, #1a56db); box-shadow: 0 0 0 2px var(--bookwell-background, #fff), 0 0 0 4px var(--bookwell-accent, #1a56db); }
    .day[aria-current='date'] { border-color: currentColor; }
    [aria-busy='true'] .day, .unknown .day { text-decoration: none; }
    [aria-busy='true'] .day { animation: pulse 1.2s ease-in-out infinite alternate; }
    @keyframes pulse { to { opacity: 0.55; } }
    @media (prefers-reduced-motion: reduce) { [aria-busy='true'] .day { animation: none; } }
    button:focus-visible { outline: 3px solid var(--bookwell-focus, #1a56db); outline-offset: 2px; }
    button.nav[aria-disabled='true'] { opacity: 0.45; cursor: default; }
    .sr { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  declare month: string;
  declare available: readonly string[];
  /** The month's dates are on their way: no date is called unavailable yet. */
  declare loading: boolean;
  /** The month's dates could not be loaded: no date is called unavailable (the host says what failed). */
  declare unknown: boolean;
  /** The last month that can be booked (`YYYY-MM`); the next-month button stops there. */
  declare lastMonth: string | undefined;
  declare selected: string | undefined;
  declare today: string;
  declare lang: Language;
  declare weekStart: number;
  declare labels: CalendarLabels;
  declare focusedDate: string | undefined;
  declare announcement: string;
  #focusAfterRender = false;

  constructor() {
    super();
    this.today = new Date().toISOString().slice(0, 10);
    this.month = monthOf(this.today);
    this.available = [];
    this.loading = false;
    this.unknown = false;
    this.lang = 'en';
    this.weekStart = 0;
    this.labels = { previousMonth: 'Previous month', nextMonth: 'Next month', unavailable: 'not available', today: 'today' };
    this.announcement = '';
  }

  /** The one date that holds the tab stop: the focused one, else the chosen one, else the first available, else the first. */
  #tabStop(): string {
    const inMonth = (d: string | undefined) => (d && monthOf(d) === this.month ? d : undefined);
    const firstFree = this.available.find((d) => monthOf(d) === this.month && d >= this.today);
    const first = this.month === monthOf(this.today) ? this.today : firstOfMonth(this.month);
    return inMonth(this.focusedDate) ?? inMonth(this.selected) ?? firstFree ?? first;
  }

  #isRtl(): boolean {
    // :dir() reads the direction from the dir attributes; getComputedStyle recalculates the page's styles at every render.
    try {
      return this.matches(':dir(rtl)');
    } catch {
      return getComputedStyle(this).direction === 'rtl';
    }
  }

  /** Shows another month and tells the host to load it; `focus` keeps the keyboard on a date in it. */
  #goTo(date: string, focus: boolean): void {
    // Nothing before the current month can be booked, so the calendar does not go there.
    const earliest = firstOfMonth(monthOf(this.today));
    const latest = this.lastMonth ? lastOfMonth(this.lastMonth) : undefined;
    const target = date < earliest ? earliest : latest && date > latest ? latest : date;
    this.focusedDate = target;
    this.#focusAfterRender = focus;
    if (monthOf(target) !== this.month) {
      this.month = monthOf(target);
      this.announcement = monthTitle(this.month, this.lang);
      this.dispatchEvent(new CalendarMonthEvent(this.month));
    }
  }

  /** The month buttons: the tab stop then goes to the month's first free date once its dates arrive. */
  #showMonth(month: string): void {
    this.#goTo(firstOfMonth(month), false);
    this.focusedDate = undefined;
  }

  #onKey(event: KeyboardEvent, date: string): void {
    const rtl = this.#isRtl();
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(date, rtl ? 1 : -1),
      ArrowRight: () => addDays(date, rtl ? -1 : 1),
      ArrowUp: () => addDays(date, -7),
      ArrowDown: () => addDays(date, 7),
      PageUp: () => addMonths(date, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(date, event.shiftKey ? 12 : 1),
      Home: () => startOfWeek(date, this.weekStart),
      End: () => endOfWeek(date, this.weekStart),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this.#goTo(move(), true);
  }

  /**
   * The days' clicks and keys, heard once on the grid: two listeners for the month instead of two per day, which on a
   * phone was a good part of the calendar's first render.
   */
  #onDayClick = (event: Event): void => {
    const date = dayOf(event);
    if (date) this.#choose(date);
  };

  #onDayKey = (event: KeyboardEvent): void => {
    const date = dayOf(event);
    if (date) this.#onKey(event, date);
  };

  #choose(date: string): void {
    this.focusedDate = date;
    if (this.available.includes(date)) this.dispatchEvent(new CalendarSelectEvent(date));
  }

  protected override updated(): void {
    if (!this.#focusAfterRender) return;
    this.#focusAfterRender = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button.day[tabindex="0"]')?.focus();
  }

  #day(date: string | null, tabStop: string) {
    if (!date) return html`<td></td>`;
    const free = this.available.includes(date) && date >= this.today;
    const unavailable = !free && !this.loading && !this.unknown;
    const parts = ['day', date === this.selected ? 'selected' : '', date === this.today ? 'today' : '', unavailable ? 'unavailable' : '']
      .filter(Boolean)
      .join(' ');
    const label = [fullDate(date, this.lang), date === this.today ? this.labels.today : '', unavailable ? this.labels.unavailable : '']
      .filter(Boolean)
      .join(', ');
    return html`<td>
      <button
        class="day"
        part=${parts}
        data-date=${date}
        ?data-available=${free}
        tabindex=${date === tabStop ? 0 : -1}
        aria-label=${label}
        aria-pressed=${date === this.selected ? 'true' : 'false'}
        aria-current=${date === this.today ? 'date' : nothing}
        aria-disabled=${free ? 'false' : 'true'}
      >${Number(date.slice(8))}</button>
    </td>`;
  }

  override render() {
    const tabStop = this.#tabStop();
    const short = weekdayNames(this.lang, 'short');
    const long = weekdayNames(this.lang, 'long');
    const atFirstMonth = this.month <= monthOf(this.today);
    const atLastMonth = this.lastMonth !== undefined && this.month >= this.lastMonth;
    return html`
      <div class="head">
        <button class="nav" part="month-button" aria-label=${this.labels.previousMonth} aria-disabled=${atFirstMonth ? 'true' : 'false'}
          @click=${() => !atFirstMonth && this.#showMonth(addMonthsToMonth(this.month, -1))}>${this.#isRtl() ? '→' : '←'}</button>
        <h3 id="title" part="month-title">${monthTitle(this.month, this.lang)}</h3>
        <button class="nav" part="month-button" aria-label=${this.labels.nextMonth} aria-disabled=${atLastMonth ? 'true' : 'false'}
          @click=${() => !atLastMonth && this.#showMonth(addMonthsToMonth(this.month, 1))}>${this.#isRtl() ? '←' : '→'}</button>
      </div>
      <table aria-labelledby="title" part="grid" class=${this.unknown ? 'unknown' : ''} aria-busy=${this.loading ? 'true' : 'false'}>
        <thead><tr>${weekdayOrder(this.weekStart).map((d) => html`<th scope="col" abbr=${long[d] ?? ''}>${short[d]}</th>`)}</tr></thead>
        <tbody @click=${this.#onDayClick} @keydown=${this.#onDayKey}>
          ${monthGrid(this.month, this.weekStart).map((week) => html`<tr>${week.map((d) => this.#day(d, tabStop))}</tr>`)}
        </tbody>
      </table>
      <div class="sr" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }
}
