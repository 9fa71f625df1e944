import { LitElement } from 'lit';
import { BookwellCalendar } from './calendar/bookwell-calendar.ts';
import { widgetStyles } from './styles.ts';
import { WidgetHost } from './widget-host.ts';

/**
 * Books an appointment with a business, step by step: service, staff, branch, participants, when (date and time), details.
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
 * @cssproperty --bookwell-accent-soft - Background of available dates, the summary and skeletons.
 * @cssproperty --bookwell-accent-strong - Text on the soft accent, Back and the summary links.
 * @cssproperty --bookwell-hover - Background of a hovered option, time or answer.
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
 * @csspart choices - The summary of the choices above each step.
 * @csspart choice - One of its items (a button back to its step).
 * @csspart price - The price in that summary.
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
 * @event bookwell-submit - {BookwellSubmitEvent} The customer pressed Book; the booking is on its way (`start`, `service`).
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
    firstName: { attribute: 'first-name' },
    lastName: { attribute: 'last-name' },
    email: {},
    phone: {},
    notes: {},
    locked: {},
    dataLayer: { attribute: 'data-layer', type: Boolean },
    popup: {},
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
  /** The customer's details when the host page knows them: the details step starts filled in. */
  declare firstName: string | undefined;
  declare lastName: string | undefined;
  declare email: string | undefined;
  /** The mobile number. */
  declare phone: string | undefined;
  declare notes: string | undefined;
  /**
   * Prefilled fields the customer sees but cannot change (still sent with the booking): attribute names separated
   * by spaces (`locked="email phone"`), or empty for every prefilled one. A value the checks refuse stays editable.
   */
  declare locked: string | undefined;
  /** Pushes each of the widget's events, without any personal data, to `window.dataLayer` (Google Tag Manager). */
  declare dataLayer: boolean;
  /** Shows a button with this text (the language's "Book an appointment" when empty) that opens the widget in a dialog. */
  declare popup: string | undefined;

  /** Everything inside: the booking flow, the manage view and what they share; none of it is public API. */
  readonly #host: WidgetHost;

  constructor() {
    super();
    this.site = '';
    this.api = '';
    this.lang = '';
    this.theme = 'light';
    this.dataLayer = false;
    this.#host = new WidgetHost(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The date grid is the widget's own part: defined here too, so importing only the class is enough.
    if (!customElements.get('bookwell-calendar')) customElements.define('bookwell-calendar', BookwellCalendar);
  }

  /** The first update waits a little for the answers already on their way (WidgetHost `firstRender`); the others do not. */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await this.#host.firstRender();
    await super.scheduleUpdate();
  }

  override render() {
    return this.#host.render();
  }
}

export { BookwellCalendar };
