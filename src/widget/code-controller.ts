import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Booking, Language, ResendResponse, SiteInfo } from '../contract/index.ts';
import { clockTime, recipients } from './format.ts';
import type { Messages } from './i18n/en.ts';
import { problemText } from './views/common.ts';
import type { CodeInput } from './views/code.ts';

interface CodeHost extends ReactiveControllerHost {
  announce(text: string): void;
}

/**
 * How the code reaches the server, and what becomes of the answer: the booking flow names the booking by its id
 * (with the session) and gets the booking back; the manage view names it by its link and gets the whole view.
 */
export interface CodeWay<T> {
  confirm(booking: Booking, code: string): Promise<T>;
  resend(booking: Booking): Promise<ResendResponse>;
  confirmed(answer: T): void;
}

/** The 6-digit code of a pending_code booking: confirm it, or have it sent again. */
export class CodeController<T> implements ReactiveController {
  readonly #host: CodeHost;
  readonly #way: CodeWay<T>;
  #problem: string | null = null;
  #resend: ResendResponse | null = null;

  readonly confirmTask: Task<readonly [Booking, string], T>;
  readonly resendTask: Task<readonly [Booking], ResendResponse>;

  constructor(host: CodeHost, way: CodeWay<T>) {
    this.#host = host;
    this.#way = way;
    host.addController(this);
    this.confirmTask = new Task(host, { autoRun: false, task: ([booking, code]: readonly [Booking, string]) => way.confirm(booking, code) });
    this.resendTask = new Task(host, { autoRun: false, task: ([booking]: readonly [Booking]) => way.resend(booking) });
  }

  hostConnected(): void {}

  reset(): void {
    this.#problem = null;
    this.#resend = null;
  }

  async #confirm(m: Messages, booking: Booking, code: string): Promise<void> {
    if (!/^\d{6}$/.test(code)) {
      this.#problem = m.errors['code_wrong'] ?? m.errors.generic;
      this.#host.announce(this.#problem);
      this.#host.requestUpdate();
      return;
    }
    await this.confirmTask.run([booking, code]);
    if (this.confirmTask.status === TaskStatus.COMPLETE && this.confirmTask.value !== undefined) {
      this.#problem = null;
      this.#way.confirmed(this.confirmTask.value);
      this.#host.announce(m.confirmed);
    } else {
      this.#problem = problemText(m, this.confirmTask.error);
      this.#host.announce(this.#problem);
    }
    this.#host.requestUpdate();
  }

  /** While a code is on its way, and until the server allows the next one, sending again waits. */
  #resendWaits(): boolean {
    return this.resendTask.status === TaskStatus.PENDING || (this.#resend !== null && Date.now() < Date.parse(this.#resend.nextResendAt));
  }

  async #sendAgain(m: Messages, booking: Booking): Promise<void> {
    if (this.#resendWaits()) return;
    await this.resendTask.run([booking]);
    if (this.resendTask.status === TaskStatus.COMPLETE && this.resendTask.value) {
      this.#resend = this.resendTask.value;
      // The button is offered again when the server allows the next code.
      setTimeout(() => this.#host.requestUpdate(), Date.parse(this.#resend.nextResendAt) - Date.now());
      this.#problem = null;
      this.#host.announce(m.sentAgain(this.#resend.sentTo));
    } else {
      this.#problem = problemText(m, this.resendTask.error);
      this.#host.announce(this.#problem);
    }
    this.#host.requestUpdate();
  }

  view(m: Messages, lang: Language, site: Pick<SiteInfo, 'timezone' | 'codeResend'>, booking: Booking): CodeInput {
    const resend = this.#resend;
    return {
      m,
      busy: this.confirmTask.status === TaskStatus.PENDING,
      resendWaits: this.#resendWaits(),
      problem: this.#problem,
      sentTo: resend?.sentTo ?? (booking.sentTo ? recipients(lang, booking.sentTo) : ''),
      resendNote: resend ? `${m.sentAgain(resend.sentTo)} ${m.sendAgainAt(clockTime(resend.nextResendAt, lang, site.timezone))}` : null,
      confirm: (code) => void this.#confirm(m, booking, code),
      resend: site.codeResend === false ? null : () => void this.#sendAgain(m, booking),
    };
  }
}
