/** A page object: tests read like a person using the widget, and the DOM structure lives here only. */
import { expect } from '@open-wc/testing';
import type { BookwellWidget } from '../../src/widget/index.ts';
import type { Step } from '../../src/widget/index.ts';
import { focused, until } from './keyboard.ts';

export class WidgetPage {
  constructor(readonly el: BookwellWidget) {}

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

  text(): string {
    return this.root.textContent?.replace(/\s+/g, ' ') ?? '';
  }
}
