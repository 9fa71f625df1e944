import type { BookableTime, Booking, CatalogResponse, Customer } from '../../contract/index.ts';

/** The booking flow's steps, in the order a customer meets them; `when` is the date and its times on one screen, `details` ends with Book. */
export const steps = ['service', 'staff', 'branch', 'participants', 'when', 'details', 'result'] as const;
export type Step = (typeof steps)[number];

/** Everything the customer has chosen so far; going back never clears it. */
export interface Choices {
  service?: string;
  /** null: "any available" staff member. */
  staff?: string | null;
  branch?: string;
  participants: number;
  date?: string;
  time?: BookableTime;
  customer: Partial<Customer>;
}

/** Why the customer is shown a step again, said to them in their language. */
export type Notice = 'slot_taken' | null;

export interface Flow {
  step: Step;
  choices: Choices;
  /** The steps that led here, so back returns exactly where the customer came from. */
  history: Step[];
  notice: Notice;
  booking?: Booking;
}

/** What the host page preselected through attributes; those steps are skipped. */
export interface Preset {
  service?: string | undefined;
  staff?: string | undefined;
  branch?: string | undefined;
}

export interface FlowContext {
  catalog: CatalogResponse;
  preset: Preset;
}

export type FlowEvent =
  | { type: 'service'; service: string }
  | { type: 'staff'; staff: string | null }
  | { type: 'branch'; branch: string }
  | { type: 'participants'; participants: number }
  | { type: 'date'; date: string }
  | { type: 'time'; time: BookableTime }
  | { type: 'details'; customer: Customer }
  | { type: 'booked'; booking: Booking }
  | { type: 'slot_taken' }
  | { type: 'back' }
  /** The customer follows a link of the summary back to an earlier step. */
  | { type: 'change'; step: Step }
  | { type: 'restart' };

/** Does this staff member work at this branch? No branch ids: everywhere. */
function worksAt(member: CatalogResponse['staff'][number] | undefined, branch: string): boolean {
  return !member?.branchIds?.length || member.branchIds.includes(branch);
}

/** Who performs the service, at the chosen branch when one is (a preset branch comes before the staff step). */
export function staffFor(ctx: FlowContext, service: string | undefined, branch?: string): CatalogResponse['staff'] {
  const offered = ctx.catalog.services.find((s) => s.id === service);
  if (!offered) return [];
  return ctx.catalog.staff.filter((s) => offered.staffIds.includes(s.id) && (branch === undefined || worksAt(s, branch)));
}

/** Where the service is given, narrowed to where the chosen staff member works, so no choice leads to a month without dates. */
export function branchesFor(ctx: FlowContext, service: string | undefined, staff?: string | null): CatalogResponse['branches'] {
  const offered = ctx.catalog.services.find((s) => s.id === service);
  if (!offered) return [];
  const member = staff ? ctx.catalog.staff.find((s) => s.id === staff) : undefined;
  return ctx.catalog.branches.filter((b) => (offered.branchIds.length === 0 || offered.branchIds.includes(b.id)) && worksAt(member, b.id));
}

/** Whether the customer has to be asked this step, given what is chosen or preset. */
export function isAsked(step: Step, choices: Choices, ctx: FlowContext): boolean {
  const service = ctx.catalog.services.find((s) => s.id === choices.service);
  switch (step) {
    case 'service':
      return !ctx.catalog.services.some((s) => s.id === ctx.preset.service);
    case 'staff':
      return ctx.preset.staff === undefined && staffFor(ctx, choices.service, ctx.preset.branch).length > 1;
    case 'branch':
      return ctx.preset.branch === undefined && branchesFor(ctx, choices.service, choices.staff).length > 1;
    case 'participants':
      return service !== undefined && service.groupBooking && service.maxParticipants > 1;
    default:
      return true;
  }
}

function nextAsked(from: Step, choices: Choices, ctx: FlowContext): Step {
  for (const step of steps.slice(steps.indexOf(from) + 1)) {
    if (isAsked(step, choices, ctx)) return step;
  }
  return 'result';
}

/** Choices that follow from the preset and from a service with a single option. */
function withDefaults(choices: Choices, ctx: FlowContext): Choices {
  const next = { ...choices };
  if (!isAsked('service', next, ctx)) next.service = ctx.preset.service;
  if (ctx.preset.staff !== undefined) next.staff = ctx.preset.staff;
  else if (staffFor(ctx, next.service, ctx.preset.branch).length === 1) next.staff = staffFor(ctx, next.service, ctx.preset.branch)[0]?.id ?? null;
  return withBranch(next, ctx);
}

/** The branch follows the staff member: the only one where they work is chosen, one where they do not is dropped. */
function withBranch(choices: Choices, ctx: FlowContext): Choices {
  if (ctx.preset.branch !== undefined) return { ...choices, branch: ctx.preset.branch };
  const places = branchesFor(ctx, choices.service, choices.staff);
  if (places.length === 1) return { ...choices, branch: places[0]!.id };
  if (choices.branch !== undefined && !places.some((b) => b.id === choices.branch)) {
    const { branch: _dropped, ...rest } = choices;
    return rest;
  }
  return choices;
}

/** The flow as a customer first sees it: the first step that needs an answer. */
export function start(ctx: FlowContext, customer: Partial<Customer> = {}): Flow {
  const choices = withDefaults({ participants: 1, customer }, ctx);
  const step = isAsked('service', choices, ctx) ? 'service' : nextAsked('service', choices, ctx);
  return { step, choices, history: [], notice: null };
}

function advance(flow: Flow, choices: Choices, ctx: FlowContext): Flow {
  return { ...flow, choices, step: nextAsked(flow.step, choices, ctx), history: [...flow.history, flow.step], notice: null };
}

/** A changed earlier answer makes the chosen date and time meaningless. */
function clearTime(choices: Choices): Choices {
  const { date: _date, time: _time, ...rest } = choices;
  return rest;
}

/** Back to an earlier step the customer went through, as if they had pressed Back until there; any other step stays. */
function goBackTo(flow: Flow, step: Step): Flow {
  const cut = flow.history.lastIndexOf(step);
  if (cut < 0) return flow;
  return { ...flow, step, history: flow.history.slice(0, cut), notice: null };
}

/** The one place the flow changes: the current flow and what happened give the next flow. */
export function transition(flow: Flow, event: FlowEvent, ctx: FlowContext): Flow {
  const { choices } = flow;
  switch (event.type) {
    case 'service': {
      if (event.service === choices.service) return advance(flow, choices, ctx);
      const { staff: _s, branch: _b, ...rest } = clearTime(choices);
      return advance(flow, withDefaults({ ...rest, service: event.service, participants: 1 }, ctx), ctx);
    }
    case 'staff':
      return advance(flow, event.staff === choices.staff ? choices : withBranch({ ...clearTime(choices), staff: event.staff }, ctx), ctx);
    case 'branch':
      return advance(flow, event.branch === choices.branch ? choices : { ...clearTime(choices), branch: event.branch }, ctx);
    case 'participants':
      return advance(flow, event.participants === choices.participants ? choices : { ...clearTime(choices), participants: event.participants }, ctx);
    case 'date':
      // A date shows its times on the same screen.
      return { ...flow, choices: event.date === choices.date ? choices : { ...choices, date: event.date, time: undefined }, notice: null };
    case 'time':
      return advance(flow, { ...choices, time: event.time }, ctx);
    case 'details':
      // The details step books; its answers are kept for the booking and for a restart.
      return { ...flow, choices: { ...choices, customer: event.customer } };
    case 'booked':
      return { ...flow, step: 'result', booking: event.booking, history: [], notice: null };
    case 'slot_taken': {
      // Back to the same date's times, which the widget reloads; the earlier steps stay in history.
      const back = goBackTo(flow, 'when');
      return { ...back, choices: { ...choices, time: undefined }, notice: 'slot_taken' };
    }
    case 'back': {
      const previous = flow.history.at(-1);
      if (previous === undefined || flow.step === 'result') return flow;
      return { ...flow, step: previous, history: flow.history.slice(0, -1), notice: null };
    }
    case 'change':
      return flow.step === 'result' ? flow : goBackTo(flow, event.step);
    case 'restart':
      return start(ctx, choices.customer);
  }
}
