import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { languages, type Booking, type Customer, type CustomerFieldName, type Language } from '../contract/index.ts';
import { ApiProblem, BookwellApi } from './api/client.ts';
import { BookwellCalendar, type CalendarMonthEvent, type CalendarSelectEvent } from './calendar/bookwell-calendar.ts';
import { BookingController } from './booking-controller.ts';
import { DetailsController } from './details-controller.ts';
import { monthOf, todayIn } from './calendar/month.ts';
import { AvailabilityController } from './availability-controller.ts';
import { BookwellBookedEvent, BookwellConfirmedEvent, BookwellDateEvent, BookwellFailedEvent, BookwellStepEvent, BookwellTimeEvent, type BookedDetail } from './events.ts';
import { fullDate } from './format.ts';
import { loadMessages, type Messages } from './i18n/load.ts';
import { branchesFor, staffFor, start, transition, type Flow, type FlowContext, type FlowEvent } from './steps/machine.ts';
import { awaitingCode, keepAwaitingCode } from './resume.ts';
import { widgetStyles } from './styles.ts';
import { failed, pending, problemText } from './views/common.ts';
import { branchStep, participantsStep, serviceStep, staffStep } from './views/choose.ts';
import { askedFields, detailsStep } from './views/details.ts';
import { codeForm, resultStep, reviewStep } from './views/outcome.ts';
import { dateStep, timeStep } from './views/when.ts';
import { ManageController } from './manage-controller.ts';
import { CodeController } from './code-controller.ts';

function detail(booking: Booking): BookedDetail {
  return { id: booking.id, status: booking.status, start: booking.start, service: booking.service };
}

/**
 * Books an appointment with a business, step by step: service, staff, branch, participants, date, time, details, review.
 * With a `manage` token (attribute or `#bookwell-manage=` in the page address) it shows that appointment instead.
 *
 * @summary The Bookwell booking widget.
 *
 * @cssproperty --bookwell-font - Font family.
 * @cssproperty --bookwell-text - Text colour.
 * @cssproperty --bookwell-background - Background colour.
 * @cssproperty --bookwell-muted - Secondary text colour.
 * @cssproperty --bookwell-border - Border colour of buttons and fields.
 * @cssproperty --bookwell-accent - Colour of the main button, chosen date and focus.
 * @cssproperty --bookwell-accent-soft - Background of available dates.
 * @cssproperty --bookwell-on-accent - Text on the accent colour.
 * @cssproperty --bookwell-error - Colour of error messages and invalid fields.
 * @cssproperty --bookwell-focus - Focus ring colour.
 * @cssproperty --bookwell-radius - Corner radius.
 * @cssproperty --bookwell-space - Base spacing.
 *
 * @csspart base - The widget's box.
 * @csspart heading - The heading of the current step.
 * @csspart options - A list of choices (services, staff, branches).
 * @csspart option - One choice.
 * @csspart calendar - The date grid.
 * @csspart day - A date in the grid (with `selected`, `today`, `unavailable`).
 * @csspart times - A list of times of one part of the day.
 * @csspart time - One time.
 * @csspart form - A form (participants, details, code).
 * @csspart field - A labelled field.
 * @csspart field-error - The message under a wrong field.
 * @csspart summary - The appointment's summary.
 * @csspart book - The book button.
 * @csspart back - The back button.
 * @csspart loading - A loading indicator.
 * @csspart error - A failure with its retry button.
 * @csspart calendar-links - "Add to calendar".
 * @csspart next - The continue button of a form.
 * @csspart month-title - The calendar's month name.
 * @csspart month-button - The previous and next month buttons.
 * @csspart grid - The calendar's table of dates.
 * @csspart next-available - The offer of the next available date under an empty month.
 * @csspart timezone - The note naming the site's timezone when the customer is elsewhere.
 * @csspart no-times - The message of a date with no times left.
 * @csspart result-message - What happened to the booking.
 * @csspart code-form - The form for the confirmation code.
 * @csspart confirm - The button that sends the code.
 * @csspart send-again - The button that sends the code again.
 * @csspart resend-note - When the code was sent again and when it can be sent next.
 * @csspart start-over - Book another appointment.
 * @csspart status - The appointment's state in the manage view.
 * @csspart attendance - "Are you coming?".
 * @csspart cancel - The cancel button; `cancel-confirm` the one that really cancels.
 * @csspart cancel-refused - Why the appointment cannot be cancelled online.
 *
 * @event bookwell-step - {BookwellStepEvent} The customer moved to another step (`step`).
 * @event bookwell-date - {BookwellDateEvent} A date was chosen (`date`).
 * @event bookwell-time - {BookwellTimeEvent} A time was chosen (`start`, `end`).
 * @event bookwell-booked - {BookwellBookedEvent} A booking was made (`booking`: id, status, start, service).
 * @event bookwell-failed - {BookwellFailedEvent} A booking failed (`code`).
 * @event bookwell-confirmed - {BookwellConfirmedEvent} The code was right; the booking is confirmed.
 * @event bookwell-attendance - {BookwellAttendanceEvent} The customer answered "are you coming?".
 * @event bookwell-cancelled - {BookwellCancelledEvent} The customer cancelled.
 */
export class BookwellWidget extends LitElement {
  static override styles = widgetStyles;

  static override properties = {
    site: { reflect: true },
    api: {},
    lang: {},
    service: {},
    staff: {},
    branch: {},
    theme: { reflect: true },
    manage: {},
    flow: { state: true },
    month: { state: true },
    announcement: { state: true },
    timesVersion: { state: true },
  };

  /** The site id as configured on the backend. */
  declare site: string;
  /** The backend's origin. */
  declare api: string;
  /** he, en, nl or fr; the site's language when absent. */
  declare lang: string;
  /** Preselected service, staff member and branch ids: those steps are skipped. */
  declare service: string | undefined;
  declare staff: string | undefined;
  declare branch: string | undefined;
  /** light, dark or auto (follows the device). */
  declare theme: 'light' | 'dark' | 'auto';
  /** A manage token: shows that appointment instead of the booking flow. */
  declare manage: string | undefined;
  declare flow: Flow | undefined;
  declare month: string | undefined;
  declare announcement: string;
  declare timesVersion: number;

  #client: BookwellApi | undefined;
  /** What gets the focus once the next render is done: the step's heading, or what replaced the focused control. */
  #focusTarget: string | undefined;
  #details = new DetailsController(this);
  #booking = new BookingController(this);
  #code = new CodeController(this);
  #manage = new ManageController(this);

  constructor() {
    super();
    this.site = '';
    this.api = '';
    this.lang = '';
    this.theme = 'light';
    this.announcement = '';
    this.timesVersion = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The date grid is the widget's own part: defined here too, so importing only the class is enough.
    if (!customElements.get('bookwell-calendar')) customElements.define('bookwell-calendar', BookwellCalendar);
    globalThis.addEventListener?.('hashchange', this.#hashChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('hashchange', this.#hashChanged);
  }

  /** A manage link opened on the same page changes only the fragment. */
  #hashChanged = () => this.requestUpdate();

  get client(): BookwellApi {
    if (!this.#client || this.#client.api !== this.api.replace(/\/+$/, '')) this.#client = new BookwellApi({ api: this.api, site: this.site });
    return this.#client;
  }

  /** The session's site and the catalog: everything the flow is built on. The manage view needs no catalog; run again when it closes. */
  readonly startTask = new Task(this, {
    task: async ([api, site, managing]) => {
      if (!api || !site) return undefined;
      this.#client = new BookwellApi({ api, site });
      const session = await this.#client.session();
      return { site: session.site, catalog: managing ? undefined : await this.#client.catalog() };
    },
    args: () => [this.api, this.site, this.manageToken !== undefined] as const,
  });

  readonly messagesTask = new Task(this, {
    task: ([lang]) => (lang ? loadMessages(lang) : undefined),
    args: () => [this.language] as const,
  });

  readonly availability = new AvailabilityController(this);

  get messages(): Messages | undefined {
    return this.messagesTask.value;
  }

  get language(): Language | undefined {
    const wanted = languages.find((l) => l === this.lang);
    return wanted ?? this.startTask.value?.site.locale ?? (this.startTask.status === TaskStatus.ERROR ? 'en' : undefined);
  }

  get today(): string {
    const site = this.startTask.value?.site;
    return todayIn(site?.timezone ?? 'UTC');
  }

  /** The manage token from the attribute, or from the host page's address (`#bookwell-manage=<token>`); null when that link is mangled. */
  get manageToken(): string | null | undefined {
    if (this.manage) return this.manage;
    const match = /(?:^#|&)bookwell-manage=([^&]+)/.exec(globalThis.location?.hash ?? '');
    if (!match?.[1]) return undefined;
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return null;
    }
  }

  get context(): FlowContext | undefined {
    const catalog = this.startTask.value?.catalog;
    return catalog && { catalog, preset: { service: this.service || undefined, staff: this.staff || undefined, branch: this.branch || undefined } };
  }

  /** Says something to screen readers through the polite live region. */
  announce(text: string): void {
    // Emptied first so the same words twice are said twice; deferred so no update is requested during one.
    queueMicrotask(() => {
      this.announcement = '';
      setTimeout(() => (this.announcement = text), 30);
    });
  }

  send(event: FlowEvent): void {
    const ctx = this.context;
    if (!ctx || !this.flow) return;
    const before = this.flow.step;
    this.flow = transition(this.flow, event, ctx);
    if (this.flow.step === 'date') this.month = monthOf(this.flow.choices.date ?? this.today);
    if (this.flow.step !== before) {
      this.#focusTarget = 'h2';
      this.dispatchEvent(new BookwellStepEvent(this.flow.step));
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('service') || changed.has('staff') || changed.has('branch')) && this.flow) this.flow = undefined;
    const ctx = this.context;
    if (ctx && !this.flow) {
      const resumed = awaitingCode(this.api, this.site);
      this.flow = resumed ? transition(start(ctx), { type: 'booked', booking: resumed }, ctx) : start(ctx);
      if (this.flow.step === 'date') this.month = monthOf(this.today);
    }
    // Only the customer's own moves touch what a reload resumes; a widget that just started leaves it alone.
    if (changed.get('flow') !== undefined && this.flow) keepAwaitingCode(this.api, this.site, this.flow.step === 'result' ? this.flow.booking : undefined);
  }

  /** Moves the focus after the next render, e.g. to what replaced a control that had it. */
  focusAfterUpdate(selector: string): void {
    this.#focusTarget = selector;
    this.requestUpdate();
  }

  protected override updated(): void {
    if (this.#focusTarget && this.messagesTask.value) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusTarget)?.focus();
      this.#focusTarget = undefined;
    }
  }

  #chooseDate(date: string): void {
    this.dispatchEvent(new BookwellDateEvent(date));
    const m = this.messagesTask.value;
    if (m) this.announce(m.dateChosen(fullDate(date, this.language ?? 'en')));
    this.send({ type: 'date', date });
  }

  #customerChanged(name: CustomerFieldName, value: string): void {
    const site = this.startTask.value?.site;
    if (!site || !this.flow) return;
    const customer = { ...this.flow.choices.customer, [name]: value };
    this.flow = { ...this.flow, choices: { ...this.flow.choices, customer } };
    this.#details.edited(site, customer, name);
  }

  #submitDetails(): void {
    const site = this.startTask.value?.site;
    if (!site || !this.flow) return;
    const checked = this.#details.submit(site, this.flow.choices.customer);
    if ('customer' in checked) return this.send({ type: 'details', customer: checked.customer });
    const m = this.messagesTask.value;
    if (m) this.announce(m.fixErrors);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#field-${checked.wrong}`)?.focus());
  }

  async #book(): Promise<void> {
    const { time, participants, customer } = this.flow?.choices ?? {};
    if (!time || !customer) return;
    const m = this.messagesTask.value;
    const pendingResult = this.#booking.submit({ ref: time.ref, participants, customer: customer as Customer, lang: this.language });
    if (m && this.#booking.busy) this.announce(m.booking);
    const outcome = await pendingResult;
    if (!outcome) return;
    if ('booking' in outcome) {
      const { booking } = outcome;
      this.#code.reset();
      this.dispatchEvent(new BookwellBookedEvent(detail(booking)));
      this.send({ type: 'booked', booking });
      if (m) this.announce(booking.status === 'confirmed' ? m.booked : booking.status === 'pending_approval' ? m.pendingApproval : m.pendingCode(''));
      return;
    }
    const problem = outcome.problem instanceof ApiProblem ? outcome.problem : undefined;
    const code = problem?.code ?? 'network';
    this.dispatchEvent(new BookwellFailedEvent(code));
    // "customer.cell": the server refused one of the details, so the customer goes back to that field.
    const site = this.startTask.value?.site;
    const field = site && askedFields(site).find((name) => code === 'invalid_field' && problem?.field === `customer.${name}`);
    if (code === 'slot_taken') {
      this.#booking.forget();
      this.send({ type: 'slot_taken' });
      this.timesVersion++;
      if (m) this.announce(m.slotTaken);
    } else if (field && site) {
      this.#booking.forget();
      this.#details.rejected(site, customer, field);
      this.send({ type: 'back' });
      this.focusAfterUpdate(`#field-${field}`);
      if (m) this.announce(m.fixErrors);
    }
    // Any other failure is the review step's alert, so the live region does not say it a second time.
  }

  /** A confirmed code updates the booking in place. */
  confirmed(booking: Booking): void {
    if (!this.flow) return;
    this.flow = { ...this.flow, booking };
    // The code form that had the focus is gone: the message saying the booking is confirmed takes it.
    this.focusAfterUpdate('[part~="result-message"]');
    this.dispatchEvent(new BookwellConfirmedEvent(detail(booking)));
  }

  #stepBody(m: Messages, lang: Language, flow: Flow, ctx: FlowContext) {
    const site = this.startTask.value!.site;
    const c = flow.choices;
    const service = ctx.catalog.services.find((s) => s.id === c.service);
    switch (flow.step) {
      case 'service':
        return serviceStep(m, ctx.catalog.services, site, lang, c.service, (service) => this.send({ type: 'service', service }));
      case 'staff':
        return staffStep(m, staffFor(ctx, c.service), c.staff, (staff) => this.send({ type: 'staff', staff }));
      case 'branch':
        return branchStep(m, branchesFor(ctx, c.service), c.branch, (branch) => this.send({ type: 'branch', branch }));
      case 'participants':
        return participantsStep(m, service?.maxParticipants ?? 1, c.participants, (participants) => this.send({ type: 'participants', participants }));
      case 'date':
        return dateStep({
          m, lang, site, today: this.today, month: this.month ?? monthOf(this.today), chosen: c.date,
          loaded: this.availability.dates.value,
          loading: this.availability.dates.status === TaskStatus.PENDING,
          status: this.availability.dates.render({ pending: () => pending(m), error: (e) => failed(m, e, () => void this.availability.dates.run()) }),
          pick: (date) => this.#chooseDate(date),
        });
      case 'time':
        return html`${flow.notice === 'slot_taken' ? html`<p class="notice" role="alert">${m.slotTaken}</p>` : nothing}
          ${this.availability.times.render({
            pending: () => pending(m),
            error: (e) => failed(m, e, () => void this.availability.times.run()),
            complete: (times) => timeStep(m, lang, site, c.date ?? '', times ?? [], c.time?.ref, (time) => {
              this.dispatchEvent(new BookwellTimeEvent(time.start, time.end));
              this.send({ type: 'time', time });
            }),
          })}`;
      case 'details':
        return detailsStep({
          m, site, customer: c.customer, problems: this.#details.problems,
          edit: (name, value) => this.#customerChanged(name, value),
          leave: (name) => this.#details.left(site, c.customer, name),
          submit: () => this.#submitDetails(),
        });
      case 'review':
        return reviewStep({
          m, lang, site, service: service ?? { name: '', price: null },
          staff: c.time?.staff?.name ?? null,
          branch: ctx.catalog.branches.find((b) => b.id === c.branch)?.name ?? null,
          start: c.time?.start ?? '', participants: c.participants,
          name: `${c.customer.firstName ?? ''} ${c.customer.lastName ?? ''}`,
          busy: this.#booking.busy,
          status: this.#booking.problem ? html`<p class="error" role="alert" part="error">${problemText(m, this.#booking.problem)}</p>` : nothing,
          book: () => void this.#book(),
        });
      case 'result': {
        const booking = flow.booking!;
        return resultStep({
          m, lang, site, booking,
          code: codeForm(this.#code.view(m, lang, site, booking)),
          ics: this.client.calendarUrl(booking.manage),
          google: this.#manage.googleLink(booking),
          again: () => this.send({ type: 'restart' }),
        });
      }
    }
  }

  #body(m: Messages, lang: Language) {
    const token = this.manageToken;
    if (token !== undefined) return this.#manage.render(m, lang, token);
    const flow = this.flow;
    const ctx = this.context;
    if (!flow || !ctx) return nothing;
    const canGoBack = flow.history.length > 0 && flow.step !== 'result';
    return html`<h2 tabindex="-1" part="heading">${m.steps[flow.step]}</h2>
      <div class="step" data-step=${flow.step} @bookwell-calendar-select=${(e: CalendarSelectEvent) => this.#chooseDate(e.date)}
        @bookwell-calendar-month=${(e: CalendarMonthEvent) => (this.month = e.month)}>${this.#stepBody(m, lang, flow, ctx)}</div>
      ${canGoBack ? html`<div class="actions"><button type="button" part="back" @click=${() => this.send({ type: 'back' })}>${m.back}</button></div>` : nothing}`;
  }

  override render() {
    const m = this.messagesTask.value;
    const lang = this.language ?? 'en';
    return html`<div class="base" part="base" lang=${lang} dir=${m?.dir ?? 'auto'}>
      ${m
        ? this.startTask.render({
            pending: () => pending(m),
            error: (e) => failed(m, e, () => void this.startTask.run()),
            complete: () => this.#body(m, lang),
          })
        : this.startTask.status === TaskStatus.ERROR || this.messagesTask.status === TaskStatus.ERROR
          ? html`<p class="error" role="alert" part="error">Bookwell: ${String(this.startTask.error ?? this.messagesTask.error)}</p>`
          : html`<p part="loading" aria-busy="true"><span class="spinner"></span></p>`}
      <div class="sr" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

export { BookwellCalendar };
