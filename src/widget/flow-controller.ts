import { html, nothing, type ReactiveController } from 'lit';
import { TaskStatus } from '@lit/task';
import type { Booking, Customer, CustomerFieldName, Language } from '../contract/index.ts';
import { ApiProblem } from './api/client.ts';
import { AvailabilityController } from './availability-controller.ts';
import { BookingController } from './booking-controller.ts';
import type { CalendarMonthEvent, CalendarSelectEvent } from './calendar/bookwell-calendar.ts';
import { monthOf } from '../contract/plain-date.ts';
import { CodeController } from './code-controller.ts';
import { DetailsController } from './details-controller.ts';
import {
  BookwellBookedEvent,
  BookwellConfirmedEvent,
  BookwellDateEvent,
  BookwellFailedEvent,
  BookwellStepEvent,
  BookwellSubmitEvent,
  BookwellTimeEvent,
  type BookedDetail,
} from './events.ts';
import type { Messages } from './i18n/load.ts';
import { pageAttribution } from './attribution.ts';
import { lockedFields, withPrefill } from './prefill.ts';
import { awaitingCode, keepAwaitingCode } from './resume.ts';
import { branchesFor, staffFor, start, transition, type Flow, type FlowContext, type FlowEvent } from './steps/machine.ts';
import { failed, pending, priceText, problemText } from './views/common.ts';
import { branchStep, participantsStep, serviceStep, staffStep } from './views/choose.ts';
import { askedFields, detailsStep } from './views/details.ts';
import { choicesSummary } from './views/choices.ts';
import { fullDate, recipients } from './format.ts';
import { timesList, timesSkeleton, whenStep } from './views/when.ts';
import type { WidgetHost } from './widget-host.ts';

function detail(booking: Booking): BookedDetail {
  return { id: booking.id, status: booking.status, start: booking.start, service: booking.service };
}

/**
 * The booking flow: the customer's choices (steps/machine.ts), the data each step loads, sending the booking and
 * its code. Every step change goes through `transition()`.
 */
export class FlowController implements ReactiveController {
  readonly #host: WidgetHost;
  #flow: Flow | undefined;
  /** The preset the flow was started with: another one from the host page starts it again. */
  #preset = '';
  /** The month the calendar shows, `YYYY-MM`. */
  #month: string | undefined;
  /** Raised to load the times again (after a time was taken). */
  #timesVersion = 0;
  /** The hidden field only a bot fills in; sent as it is, so the server refuses the booking. */
  #website = '';
  readonly #details: DetailsController;
  readonly #booking: BookingController;
  readonly #code: CodeController<Booking>;
  readonly #availability: AvailabilityController;
  /** Whether the manage link of this booking was copied (false: the browser refused, so it is shown to copy by hand). */
  #copied: { booking: string; ok: boolean } | undefined;
  /** The result screen's module, loaded once the details step is reached: it is not part of the first screen. */
  #outcome: typeof import('./views/outcome.ts') | undefined;
  #outcomeLoading = false;

  constructor(host: WidgetHost) {
    this.#host = host;
    host.addController(this);
    this.#details = new DetailsController(host);
    this.#booking = new BookingController(host);
    this.#code = new CodeController<Booking>(this, {
      confirm: async (booking, code) => (await this.client.confirm(booking.id, code)).booking,
      resend: (booking) => this.client.resendCode(booking.id),
      confirmed: (booking) => this.confirmed(booking),
    });
    this.#availability = new AvailabilityController(this);
  }

  // What the sub-controllers read: the flow's state, and the shared parts of the widget.
  get flow(): Flow | undefined {
    return this.#flow;
  }
  get month(): string | undefined {
    return this.#month;
  }
  get timesVersion(): number {
    return this.#timesVersion;
  }
  get client() {
    return this.#host.client;
  }
  get today(): string {
    return this.#host.today;
  }
  get messages(): Messages | undefined {
    return this.#host.messages;
  }
  addController(controller: ReactiveController): void {
    this.#host.addController(controller);
  }
  removeController(controller: ReactiveController): void {
    this.#host.removeController(controller);
  }
  requestUpdate(): void {
    this.#host.requestUpdate();
  }
  get updateComplete(): Promise<boolean> {
    return this.#host.updateComplete;
  }
  announce(text: string): void {
    this.#host.announce(text);
  }

  get context(): FlowContext | undefined {
    const catalog = this.#host.catalog;
    const { service, staff, branch } = this.#host.element;
    return catalog && { catalog, preset: { service: service || undefined, staff: staff || undefined, branch: branch || undefined } };
  }

  /** Sets the flow; only the customer's own moves touch what a reload resumes. */
  #set(flow: Flow): void {
    this.#flow = flow;
    keepAwaitingCode(this.#host.element.api, this.#host.element.site, flow.step === 'result' ? flow.booking : undefined);
    this.#host.requestUpdate();
  }

  #send(event: FlowEvent): void {
    const ctx = this.context;
    if (!ctx || !this.#flow) return;
    const before = this.#flow.step;
    this.#set(transition(this.#flow, event, ctx));
    const flow = this.#flow;
    if (flow.step === 'when' && before !== 'when') this.#month = monthOf(flow.choices.date ?? this.today);
    if (flow.step === 'details' && before !== 'details') this.#arriveAtDetails();
    if (flow.step !== before) {
      this.#host.focusAfterUpdate(flow.step === 'details' ? this.#firstFieldToFill() : 'h2');
      this.#host.dispatchEvent(new BookwellStepEvent(flow.step));
    }
  }

  hostUpdate(): void {
    this.#startFlow();
    this.#pickFirstDate();
    this.#loadOutcome();
  }

  /** The flow from the catalog and the page's preset, once the catalog is there (and again when the preset changes). */
  #startFlow(): void {
    const ctx = this.context;
    const preset = JSON.stringify(ctx?.preset ?? null);
    if (this.#flow && preset !== this.#preset) this.#flow = undefined;
    if (ctx && !this.#flow) {
      // A widget that just started leaves what a reload resumes alone.
      this.#preset = preset;
      const resumed = awaitingCode(this.#host.element.api, this.#host.element.site);
      this.#flow = resumed ? transition(start(ctx), { type: 'booked', booking: resumed }, ctx) : start(ctx);
      if (this.#flow.step === 'when') this.#month = monthOf(this.today);
    }
  }

  /**
   * Before the first render, when /widget.js has the first answers on their way (WidgetHost `firstRender`): the flow
   * started and the first month's dates taken, so that render draws the month with its dates and the first of them
   * chosen. Otherwise it drew an empty month and the dates came in a second render, 50 ms later on a phone (Chromium
   * at 4x CPU throttling). Settles when the dates are in or failed; a popup's calendar waits for the popup to open.
   */
  firstDates(): Promise<unknown> | undefined {
    this.#startFlow();
    return this.#flow?.step === 'when' && !this.#host.inPopup ? this.#availability.dates.run() : undefined;
  }

  #loadOutcome(): void {
    const step = this.#flow?.step;
    if (this.#outcome || this.#outcomeLoading || (step !== 'details' && step !== 'result')) return;
    this.#outcomeLoading = true;
    void import('./views/outcome.ts').then(
      (loaded) => {
        this.#outcome = loaded;
        loaded.adoptResultLook(this.#host.element.renderRoot);
        this.requestUpdate();
      },
      () => (this.#outcomeLoading = false),
    );
  }

  /** The first free date of the month is chosen for the customer, so its times are in sight at once (one tap fewer). */
  #pickFirstDate(): void {
    const flow = this.#flow;
    const loaded = this.#availability.dates.value;
    const ctx = this.context;
    if (!flow || !ctx || flow.step !== 'when' || flow.choices.date || loaded?.month !== this.#month) return;
    const first = loaded?.dates[0];
    if (first) this.#flow = transition(flow, { type: 'date', date: first }, ctx);
  }

  #chooseDate(date: string): void {
    // The chosen date in sight: the next available date may lie months on.
    this.#month = monthOf(date);
    this.#host.dispatchEvent(new BookwellDateEvent(date));
    const m = this.messages;
    if (m) this.announce(m.dateChosen(fullDate(date, this.#host.language ?? 'en')));
    this.#send({ type: 'date', date });
  }

  /** The details step starts with what the host page filled in. */
  #arriveAtDetails(): void {
    const site = this.#host.site;
    if (!site || !this.#flow) return;
    const customer = withPrefill(this.#host.element, site, this.#flow.choices.customer);
    this.#flow = { ...this.#flow, choices: { ...this.#flow.choices, customer } };
  }

  /** On arriving at the details the customer types at once: the first field still empty (Book when all are filled). */
  #firstFieldToFill(): string {
    const site = this.#host.site;
    const customer = this.#flow?.choices.customer ?? {};
    const empty = site && askedFields(site).find((name) => !customer[name]?.trim() && !lockedFields(this.#host.element, site).has(name));
    return empty ? `#field-${empty}` : '[part~="book"]';
  }

  #customerChanged(name: CustomerFieldName, value: string): void {
    const site = this.#host.site;
    if (!site || !this.#flow || lockedFields(this.#host.element, site).has(name)) return;
    const customer = { ...this.#flow.choices.customer, [name]: value };
    this.#flow = { ...this.#flow, choices: { ...this.#flow.choices, customer } };
    this.#details.edited(site, customer, name);
    this.requestUpdate();
  }

  #submitDetails(): void {
    const site = this.#host.site;
    if (!site || !this.#flow) return;
    if (this.#booking.busy) return;
    const checked = this.#details.submit(site, this.#flow.choices.customer);
    if ('customer' in checked) {
      this.#send({ type: 'details', customer: checked.customer });
      return void this.#book();
    }
    const m = this.messages;
    if (m) this.announce(m.fixErrors);
    void this.updateComplete.then(() => this.#host.element.renderRoot.querySelector<HTMLElement>(`#field-${checked.wrong}`)?.focus());
  }

  async #book(): Promise<void> {
    const { time, participants, customer } = this.#flow?.choices ?? {};
    if (!time || !customer) return;
    const m = this.messages;
    const pendingResult = this.#booking.submit({
      ref: time.ref,
      participants,
      customer: customer as Customer,
      lang: this.#host.language,
      ...(this.#website ? { website: this.#website } : {}),
      attribution: pageAttribution(),
    });
    if (this.#booking.busy) {
      const service = this.context?.catalog.services.find((s) => s.id === this.#flow?.choices.service);
      this.#host.dispatchEvent(new BookwellSubmitEvent(time.start, { id: service?.id ?? '', name: service?.name ?? '' }));
      if (m) this.announce(m.booking);
    }
    const outcome = await pendingResult;
    if (!outcome) return;
    if ('booking' in outcome) {
      const { booking } = outcome;
      this.#code.reset();
      this.#host.dispatchEvent(new BookwellBookedEvent(detail(booking)));
      this.#send({ type: 'booked', booking });
      const to = booking.sentTo ? recipients(this.#host.language ?? 'en', booking.sentTo) : '';
      if (m)
        this.announce(
          booking.status === 'confirmed'
            ? m.booked
            : booking.status === 'pending_approval'
              ? (this.#outcome?.resultWords[this.#host.language ?? 'en'].approvalWait ?? '')
              : m.pendingCode(to),
        );
      return;
    }
    const problem = outcome.problem instanceof ApiProblem ? outcome.problem : undefined;
    const code = problem?.code ?? 'network';
    this.#host.dispatchEvent(new BookwellFailedEvent(code));
    // "customer.cell": the server refused one of the details, so the customer goes back to that field.
    const site = this.#host.site;
    const field = site && askedFields(site).find((name) => code === 'invalid_field' && problem?.field === `customer.${name}`);
    if (code === 'slot_taken') {
      this.#booking.forget();
      this.#send({ type: 'slot_taken' });
      this.#timesVersion++;
      if (m) this.announce(m.slotTaken);
    } else if (field && site) {
      this.#booking.forget();
      this.#details.rejected(site, customer, field);
      this.#host.focusAfterUpdate(`#field-${field}`);
      if (m) this.announce(m.fixErrors);
    }
    // Any other failure is the details step's alert, so the live region does not say it a second time.
    this.#host.requestUpdate();
  }

  /** Copies the manage link; where the browser refuses, the link is shown selected, to copy by hand. */
  async #copy(m: Messages, booking: Booking): Promise<void> {
    try {
      await navigator.clipboard.writeText(booking.manageUrl);
      this.#copied = { booking: booking.id, ok: true };
      this.announce(this.#outcome?.resultWords[this.#host.language ?? 'en'].copiedNote ?? '');
    } catch {
      this.#copied = { booking: booking.id, ok: false };
      this.#host.focusAfterUpdate('[part~="link-text"]');
    }
    this.requestUpdate();
  }

  /** A confirmed code updates the booking in place. */
  confirmed(booking: Booking): void {
    if (!this.#flow) return;
    this.#set({ ...this.#flow, booking });
    // The code form that had the focus is gone: the message saying the booking is confirmed takes it.
    this.#host.focusAfterUpdate('[part~="result-message"]');
    this.#host.dispatchEvent(new BookwellConfirmedEvent(detail(booking)));
  }

  #stepBody(m: Messages, lang: Language, flow: Flow, ctx: FlowContext) {
    const site = this.#host.site!;
    const c = flow.choices;
    const service = ctx.catalog.services.find((s) => s.id === c.service);
    const dates = this.#availability.dates;
    const times = this.#availability.times;
    switch (flow.step) {
      case 'service':
        return serviceStep(m, ctx.catalog.services, site, lang, c.service, (service) => this.#send({ type: 'service', service }));
      case 'staff':
        return staffStep(m, staffFor(ctx, c.service, ctx.preset.branch), c.staff, (staff) => this.#send({ type: 'staff', staff }));
      case 'branch':
        return branchStep(m, branchesFor(ctx, c.service, c.staff), c.branch, (branch) => this.#send({ type: 'branch', branch }));
      case 'participants':
        return participantsStep(m, service?.maxParticipants ?? 1, c.participants, (participants) =>
          this.#send({ type: 'participants', participants }),
        );
      case 'when':
        return whenStep({
          m,
          lang,
          site,
          today: this.today,
          month: this.#month ?? monthOf(this.today),
          chosen: c.date,
          loaded: dates.value,
          loading: dates.status === TaskStatus.PENDING,
          datesFailed: dates.status === TaskStatus.ERROR ? failed(m, dates.error, () => void dates.run()) : nothing,
          notice: flow.notice === 'slot_taken' ? html`<p class="notice" role="alert">${m.slotTaken}</p>` : nothing,
          times: !c.date
            ? nothing
            : (times.render({
                pending: () => timesSkeleton(m),
                error: (e) => failed(m, e, () => void times.run()),
                complete: (loaded) =>
                  timesList(m, lang, site, c.date!, loaded ?? [], c.time?.ref, (time) => {
                    this.#host.dispatchEvent(new BookwellTimeEvent(time.start, time.end));
                    this.#send({ type: 'time', time });
                  }),
              }) ?? nothing),
          pick: (date) => this.#chooseDate(date),
        });
      case 'details':
        return detailsStep({
          m,
          site,
          customer: c.customer,
          problems: this.#details.problems,
          locked: lockedFields(this.#host.element, site),
          busy: this.#booking.busy,
          status: this.#booking.problem ? html`<p class="error" role="alert" part="error">${problemText(m, this.#booking.problem)}</p>` : nothing,
          edit: (name, value) => this.#customerChanged(name, value),
          leave: (name) => this.#details.left(site, this.#flow?.choices.customer ?? {}, name),
          trap: (value) => (this.#website = value),
          submit: () => this.#submitDetails(),
        });
      case 'result': {
        const booking = flow.booking!;
        const outcome = this.#outcome;
        if (!outcome) return pending(m);
        const { codeForm, resultStep } = outcome;
        const price = ctx.catalog.services.find((s) => s.id === booking.service.id)?.price;
        const copied = this.#copied?.booking === booking.id ? this.#copied.ok : null;
        return resultStep({
          m,
          lang,
          site,
          booking,
          address: ctx.catalog.branches.find((b) => b.id === booking.branch?.id)?.address ?? site.address,
          price: price === null || price === undefined ? undefined : priceText(m, price * booking.participants, site.currency, lang),
          code: codeForm(this.#code.view(m, lang, site, booking)),
          copied,
          copy: () => void this.#copy(m, booking),
          again: () => this.#send({ type: 'restart' }),
        });
      }
    }
  }

  render(m: Messages, lang: Language) {
    const flow = this.#flow;
    const ctx = this.context;
    if (!flow || !ctx) return nothing;
    const canGoBack = flow.history.length > 0 && flow.step !== 'result';
    // While the booking is on its way nothing may change under it.
    const busy = this.#booking.busy;
    const c = flow.choices;
    const service = ctx.catalog.services.find((s) => s.id === c.service);
    const staffName = c.time?.staff?.name ?? (c.staff === null ? m.anyStaff : (ctx.catalog.staff.find((s) => s.id === c.staff)?.name ?? null));
    const summary =
      flow.step === 'service' || flow.step === 'result'
        ? nothing
        : choicesSummary({
            m,
            lang,
            site: this.#host.site!,
            service,
            staff: staffFor(ctx, c.service).length > 0 ? staffName : null,
            branch: ctx.catalog.branches.find((b) => b.id === c.branch)?.name ?? null,
            participants: c.participants,
            date: c.date,
            start: c.time?.start,
            history: busy ? [] : flow.history,
            change: (step) => this.#send({ type: 'change', step }),
          });
    return html`<div class="top">
        ${
          canGoBack
            ? html`<button type="button" class="back" part="back" aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && this.#send({ type: 'back' })}>
              <span aria-hidden="true" class="arrow"></span>${m.back}</button>`
            : nothing
        }
        <h2 tabindex="-1" part="heading">${flow.step === 'result' && flow.booking ? (this.#outcome?.resultWords[lang].title[flow.booking.status as 'confirmed'] ?? m.status[flow.booking.status]) : m.steps[flow.step]}</h2>
      </div>
      ${summary}
      <div class="step" data-step=${flow.step} @bookwell-calendar-select=${(e: CalendarSelectEvent) => this.#chooseDate(e.date)}
        @bookwell-calendar-month=${(e: CalendarMonthEvent) => {
          this.#month = e.month;
          this.requestUpdate();
        }}>${this.#stepBody(m, lang, flow, ctx)}</div>`;
  }
}
