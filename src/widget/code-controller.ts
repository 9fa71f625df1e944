import type { ReactiveController } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Booking, Language, SiteInfo } from '../contract/index.ts';
import type { BookwellApi } from './api/client.ts';
import { clockTime, recipients } from './format.ts';
import type { Messages } from './i18n/en.ts';
import { problemText } from './views/common.ts';
import type { CodeInput } from './views/outcome.ts';

interface CodeHost {
  readonly client: BookwellApi;
  addController(controller: ReactiveController): void;
  requestUpdate(): void;
  announce(text: string): void;
  confirmed(booking: Booking): void;
}

/** The 6-digit code of a pending_code booking: confirm it, or have it sent again. */
export class CodeController implements ReactiveController {
  readonly #host: CodeHost;
  #problem: string | null = null;
  #resend: { sentTo: string; nextResendAt: string } | null = null;

  readonly confirmTask: Task<readonly [string, string], Booking>;
  readonly resendTask: Task<readonly [string], { sentTo: string; nextResendAt: string }>;

  constructor(host: CodeHost & ConstructorParameters<typeof Task>[0]) {
    this.#host = host;
    host.addController(this);
    this.confirmTask = new Task(host, {
      autoRun: false,
      task: async ([id, code]: readonly [string, string]) => (await host.client.confirm(id, code)).booking,
    });
    this.resendTask = new Task(host, { autoRun: false, task: ([id]: readonly [string]) => host.client.resendCode(id) });
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
    await this.confirmTask.run([booking.id, code]);
    if (this.confirmTask.status === TaskStatus.COMPLETE && this.confirmTask.value) {
      this.#problem = null;
      this.#host.confirmed(this.confirmTask.value);
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
    await this.resendTask.run([booking.id]);
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

  view(m: Messages, lang: Language, site: SiteInfo, booking: Booking): CodeInput {
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
