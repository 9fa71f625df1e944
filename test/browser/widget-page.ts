/** A page object: tests read like a person using the widget, and the DOM structure lives here only. */
import { expect } from '@open-wc/testing';
import type { BookedDetail, BookwellWidget, Step } from '../../src/widget/index.ts';
import { focused, until } from './keyboard.ts';

/**
 * Manage tokens by booking id, as the backend answered the widget's bookings. No link on the widget carries the token
 * (the customer gets it in their confirmation message), so tests read it from the answer the widget received.
 */
const manageTokens = new Map<string, string>();
const pageFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  const url = input instanceof Request ? input.url : String(input);
  const response = await pageFetch(input, init);
  if (method.toUpperCase() === 'POST' && /\/v1\/bookings(\/[^/]+\/confirm)?$/.test(new URL(url, location.href).pathname) && response.ok) {
    void response
      .clone()
      .json()
      .then(
        (body: { booking?: { id: string; manage: string } }) => {
          if (body.booking) manageTokens.set(body.booking.id, body.booking.manage);
        },
        () => undefined,
      );
  }
  return response;
};

export class WidgetPage {
  /** What the widget told the host page, as a host page would learn it: from its events. */
  chosenDate: string | undefined;
  chosenTime: { start: string; end: string } | undefined;
  booking: BookedDetail | undefined;

  constructor(readonly el: BookwellWidget) {
    el.addEventListener('bookwell-date', (e) => (this.chosenDate = e.date));
    el.addEventListener('bookwell-time', (e) => (this.chosenTime = { start: e.start, end: e.end }));
    el.addEventListener('bookwell-booked', (e) => (this.booking = e.booking));
    el.addEventListener('bookwell-confirmed', (e) => (this.booking = e.booking));
  }

  /** The booked appointment's manage token, from the backend's answer to the widget. */
  async manageToken(): Promise<string> {
    return until(() => this.booking && manageTokens.get(this.booking.id), "the booking's manage token", 30_000);
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get step(): string | undefined {
    return this.root.querySelector<HTMLElement>('.step')?.dataset['step'];
  }

  heading(): string {
    return this.root.querySelector('h2')?.textContent?.trim() ?? '';
  }

  /** Waits for a step whose content has loaded (no loading indicator). */
  async reach(step: Step, timeoutMs = 15_000): Promise<void> {
    await until(() => this.step === step && !this.root.querySelector('.step [aria-busy="true"]'), `step ${step} (now ${this.step})`, timeoutMs);
    await this.el.updateComplete;
  }

  /** Waits for the chosen date's times (or the words saying there are none) on the "when" step. */
  async reachTimes(timeoutMs = 15_000): Promise<void> {
    await until(
      () =>
        this.step === 'when' &&
        this.root.querySelector('.slots [part~="time"], .slots [part="no-times"]') &&
        !this.root.querySelector('.step [aria-busy="true"]'),
      `the times (step ${this.step})`,
      timeoutMs,
    );
    await this.el.updateComplete;
  }

  /** The date the calendar shows as chosen. */
  selectedDate(): string | undefined {
    return this.calendar.querySelector<HTMLButtonElement>('button.day[aria-pressed="true"]')?.dataset['date'];
  }

  /** Focus lands on the step's heading, so a screen reader starts reading there. */
  expectHeadingFocused(): void {
    expect(focused()?.tagName).to.equal('H2');
  }

  get calendar(): ShadowRoot {
    return this.root.querySelector('bookwell-calendar')!.shadowRoot!;
  }

  day(date: string): HTMLButtonElement {
    return this.calendar.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`)!;
  }

  async availableDays(): Promise<string[]> {
    await until(() => this.calendar.querySelector('button[data-available]'), 'an available date');
    return [...this.calendar.querySelectorAll<HTMLButtonElement>('button[data-available]')].map((b) => b.dataset['date'] ?? '');
  }

  times(): string[] {
    return [...this.root.querySelectorAll('[part~="time"] span')].map((s) => s.textContent?.trim() ?? '');
  }

  live(): string {
    return this.root.querySelector('[role="status"][aria-live="polite"]')?.textContent?.trim() ?? '';
  }

  field(name: string): HTMLInputElement {
    return this.root.querySelector<HTMLInputElement>(`#field-${name}`)!;
  }

  /** From the "when" step: clicks the first free date and its first time, and waits for the details. */
  async chooseFirstTime(): Promise<void> {
    await this.reach('when');
    this.day((await this.availableDays())[0]!).click();
    await this.reachTimes();
    this.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
    await this.reach('details');
  }

  /** Puts each value in its field as typing would (an input event each). */
  fillIn(values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) {
      this.field(name).value = value;
      this.field(name).dispatchEvent(new Event('input'));
    }
  }

  /** From the "when" step to the result: the first free time, booked for the customer with these details. */
  async bookFirstTime(details: Record<string, string>): Promise<void> {
    await this.chooseFirstTime();
    this.fillIn(details);
    this.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    await this.reach('result');
  }

  text(): string {
    return this.root.textContent?.replace(/\s+/g, ' ') ?? '';
  }
}
