import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Booking, Language, ManageView } from '../contract/index.ts';
import { ApiProblem, type BookwellApi } from './api/client.ts';
import { BookwellAttendanceEvent, BookwellCancelledEvent } from './events.ts';
import type { Messages } from './i18n/en.ts';
import type { Flow } from './steps/machine.ts';
import { failed, pending, problemText } from './views/common.ts';
import { manageStep } from './views/manage.ts';

interface ManageHost extends ReactiveControllerHost {
  readonly client: BookwellApi;
  readonly manageToken: string | null | undefined;
  readonly flow: Flow | undefined;
  announce(text: string): void;
  focusAfterUpdate(selector: string): void;
  dispatchEvent(event: Event): boolean;
}

/** The calendar file as a link of its own: downloading it calls nothing, so no address ever carries the token. */
function calendarHref(view: ManageView): string {
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(view.calendar.file)}`;
}

/** The manage view of one appointment (its link's token), and the calendar links of a fresh booking. */
export class ManageController implements ReactiveController {
  readonly #host: ManageHost;
  #cancelAsked = false;
  /** The customer switched this link off here. */
  #revoked = false;
  /** The answer of the last action, which is the appointment's newest state. */
  #latest: ManageView | undefined;

  readonly viewTask: Task<readonly [string | null | undefined], ManageView | undefined>;
  readonly actionTask: Task<readonly [string, 'yes' | 'no' | 'cancel'], ManageView>;
  readonly revokeTask: Task<readonly [string], unknown>;

  constructor(host: ManageHost) {
    this.#host = host;
    host.addController(this);
    this.viewTask = new Task(host, {
      task: async ([token], { signal }) => {
        this.#latest = undefined;
        if (token === null) throw new ApiProblem('manage_token_invalid', 'the manage link in the page address cannot be read');
        return token ? host.client.manage(token, signal) : undefined;
      },
      args: () => [host.manageToken === undefined ? this.#bookedToken() : host.manageToken] as const,
    });
    this.actionTask = new Task(host, {
      autoRun: false,
      task: ([token, action]: readonly [string, 'yes' | 'no' | 'cancel']) =>
        action === 'cancel' ? host.client.cancel(token) : host.client.answerAttendance(token, action),
    });
    this.revokeTask = new Task(host, { autoRun: false, task: ([token]: readonly [string]) => host.client.revokeManageLink(token) });
  }

  hostConnected(): void {}

  /** A confirmed booking in the flow gets its calendar links from its manage view. */
  #bookedToken(): string | undefined {
    const flow = this.#host.flow;
    return flow?.step === 'result' && flow.booking?.status === 'confirmed' ? flow.booking.manage : undefined;
  }

  googleLink(booking: Booking): string | undefined {
    const view = this.viewTask.value;
    return view?.booking.id === booking.id ? view.calendar.google : undefined;
  }

  /** The .ics download of a fresh booking, once its manage view is loaded. */
  calendarFile(booking: Booking): string | undefined {
    const view = this.viewTask.value;
    return view?.booking.id === booking.id ? calendarHref(view) : undefined;
  }

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
      this.#host.announce(m.attendanceThanks[view.booking.attendance]);
      this.#host.dispatchEvent(new BookwellAttendanceEvent(view.booking.id, view.booking.attendance));
    }
    this.#host.requestUpdate();
  }

  render(m: Messages, lang: Language, token: string | null) {
    const body = this.viewTask.render({
      pending: () => pending(m),
      error: (e) => failed(m, e, () => void this.viewTask.run()),
      complete: (loaded) => {
        const view = this.#latest ?? loaded;
        if (!view || token === null) return nothing;
        return manageStep({
          m,
          lang,
          view,
          ics: calendarHref(view),
          busy: this.actionTask.status === TaskStatus.PENDING || this.revokeTask.status === TaskStatus.PENDING,
          cancelAsked: this.#cancelAsked,
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
