import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Language, ManageView, SiteInfo } from '../contract/index.ts';
import { ApiProblem, type BookwellApi } from './api/client.ts';
import { CodeController } from './code-controller.ts';
import { BookwellAttendanceEvent, BookwellCancelledEvent, BookwellConfirmedEvent } from './events.ts';
import type { Messages } from './i18n/en.ts';
import { codeForm } from './views/code.ts';
import { calendarFileHref, failed, pending, problemText } from './views/common.ts';
import { manageStep } from './views/manage.ts';

interface ManageHost extends ReactiveControllerHost {
  readonly client: BookwellApi;
  readonly manageToken: string | null | undefined;
  /** The answer the link brought (a reminder's "Yes, I'm coming" / "No"), ready to send. */
  readonly linkAnswer: 'yes' | 'no' | undefined;
  readonly site: SiteInfo | undefined;
  announce(text: string): void;
  focusAfterUpdate(selector: string): void;
  dispatchEvent(event: Event): boolean;
}

/** The manage view of one appointment (its link's token). */
export class ManageController implements ReactiveController {
  readonly #host: ManageHost;
  #cancelAsked = false;
  /** The customer switched this link off here. */
  #revoked = false;
  /** The customer answered in this view: the link's answer is no longer offered. */
  #answeredHere = false;
  /** The link's answer got the focus once; it does not take it back after every render. */
  #readyFocused = false;
  /** The answer of the last action, which is the appointment's newest state. */
  #latest: ManageView | undefined;
  /** A booking waiting for its code: confirmed here with the link, the answer is the whole view. */
  readonly #code: CodeController<ManageView>;

  readonly viewTask: Task<readonly [string | null | undefined], ManageView | undefined>;
  readonly actionTask: Task<readonly [string, 'yes' | 'no' | 'cancel'], ManageView>;
  readonly revokeTask: Task<readonly [string], unknown>;

  constructor(host: ManageHost) {
    this.#host = host;
    host.addController(this);
    this.viewTask = new Task(host, {
      task: async ([token], { signal }) => {
        // Another link (the address changed): nothing of the last one's state stays.
        this.#latest = undefined;
        this.#answeredHere = false;
        this.#readyFocused = false;
        this.#code.reset();
        if (token === null) throw new ApiProblem('manage_token_invalid', 'the manage link in the page address cannot be read');
        return token ? host.client.manage(token, signal) : undefined;
      },
      args: () => [host.manageToken] as const,
    });
    this.actionTask = new Task(host, {
      autoRun: false,
      task: ([token, action]: readonly [string, 'yes' | 'no' | 'cancel']) =>
        action === 'cancel' ? host.client.cancel(token) : host.client.answerAttendance(token, action),
    });
    this.revokeTask = new Task(host, { autoRun: false, task: ([token]: readonly [string]) => host.client.revokeManageLink(token) });
    this.#code = new CodeController<ManageView>(host, {
      confirm: (booking, code) => host.client.confirmByLink(booking.manage, code),
      resend: (booking) => host.client.resendCodeByLink(booking.manage),
      confirmed: (view) => {
        this.#latest = view;
        // The code form that had the focus is gone: the appointment's new state takes it.
        host.focusAfterUpdate('[part~="status"]');
        const { id, status, start, service } = view.booking;
        host.dispatchEvent(new BookwellConfirmedEvent({ id, status, start, service }));
      },
    });
  }

  hostConnected(): void {}

  async #revoke(m: Messages, token: string): Promise<void> {
    await this.revokeTask.run([token]);
    if (this.revokeTask.status !== TaskStatus.COMPLETE) return;
    this.#revoked = true;
    this.#host.focusAfterUpdate('[part~="link-revoked"]');
    this.#host.announce(m.manageLink.revoked);
  }

  async #act(m: Messages, token: string, action: 'yes' | 'no' | 'cancel'): Promise<void> {
    await this.actionTask.run([token, action]);
    const view = this.actionTask.value;
    // A failure is the view's alert; the live region does not say it a second time.
    if (this.actionTask.status !== TaskStatus.COMPLETE || !view) return;
    this.#latest = view;
    this.#cancelAsked = false;
    if (action === 'cancel') {
      // The cancel button that had the focus is gone: the appointment's new state takes it.
      this.#host.focusAfterUpdate('[part~="status"]');
      this.#host.announce(m.cancelled);
      this.#host.dispatchEvent(new BookwellCancelledEvent(view.booking.id));
    } else {
      this.#answeredHere = true;
      this.#host.announce(m.attendanceThanks[view.booking.attendance]);
      this.#host.dispatchEvent(new BookwellAttendanceEvent(view.booking.id, view.booking.attendance));
    }
    this.#host.requestUpdate();
  }

  /** The link's answer while it is still to be sent: not once answered here, nor when the appointment already says it. */
  #readyAnswer(view: ManageView): 'yes' | 'no' | undefined {
    const answer = this.#host.linkAnswer;
    return answer && view.attendance.allowed && !this.#answeredHere && view.booking.attendance !== answer ? answer : undefined;
  }

  render(m: Messages, lang: Language, token: string | null) {
    const body = this.viewTask.render({
      pending: () => pending(m),
      error: (e) => failed(m, e, () => void this.viewTask.run()),
      complete: (loaded) => {
        const view = this.#latest ?? loaded;
        if (!view || token === null) return nothing;
        const ready = this.#readyAnswer(view);
        if (ready && !this.#readyFocused) {
          this.#readyFocused = true;
          // One press sends it: the answer the customer chose in the reminder has the focus (after this render).
          queueMicrotask(() => this.#host.focusAfterUpdate('[part~="ready-answer"]'));
        }
        const site = { timezone: view.site.timezone, codeResend: this.#host.site?.codeResend };
        return manageStep({
          m,
          lang,
          view,
          ics: calendarFileHref(view.calendar.file),
          busy: this.actionTask.status === TaskStatus.PENDING || this.revokeTask.status === TaskStatus.PENDING,
          cancelAsked: this.#cancelAsked,
          ready,
          code: view.booking.status === 'pending_code' ? codeForm(this.#code.view(m, lang, site, view.booking)) : nothing,
          status: [this.actionTask, this.revokeTask].some((t) => t.status === TaskStatus.ERROR)
            ? html`<p class="error" role="alert" part="error">${problemText(m, this.actionTask.error ?? this.revokeTask.error)}</p>`
            : nothing,
          revoked: this.#revoked,
          revoke: () => void this.#revoke(m, token),
          keep: () => {
            this.#cancelAsked = false;
            this.#host.focusAfterUpdate('[part~="cancel"]');
          },
          answer: (a) => void this.#act(m, token, a),
          askCancel: () => {
            this.#cancelAsked = true;
            this.#host.focusAfterUpdate('[part~="cancel-confirm"]');
          },
          cancel: () => void this.#act(m, token, 'cancel'),
        });
      },
    });
    return html`<h2 tabindex="-1" part="heading">${m.manageTitle}</h2>${body}`;
  }
}
