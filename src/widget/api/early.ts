/**
 * Calls /widget.js makes for a widget before the widget's own code has arrived (src/embed/early-calls.ts): the session
 * with the catalog, and the first month's dates when the page's attributes fix them. Each is kept under the request
 * it is (`METHOD url body-or-authorization`), on a global both sides find by the same registered symbol, since
 * /widget.js and the widget's chunk share no module. The npm package and the iframe page find none and ask themselves.
 */
export type EarlyCalls = Map<string, Promise<unknown>>;

export const earlyCallsKey = Symbol.for('bookwell.early-calls');

/** Settles when every call /widget.js started has its answer (or failed), the dates asked after the session included. */
export const earlyCallsSettledKey = Symbol.for('bookwell.early-calls-settled');

type EarlyGlobals = { [earlyCallsKey]?: EarlyCalls; [earlyCallsSettledKey]?: Promise<unknown> };

/** The answer to this very request if /widget.js already asked it; each is taken once, so no answer serves two widgets. */
export function takeEarlyCall(request: string): Promise<unknown> | undefined {
  const calls = (globalThis as EarlyGlobals)[earlyCallsKey];
  const answer = calls?.get(request);
  calls?.delete(request);
  return answer;
}

/**
 * Settles once /widget.js's calls have their answers or have failed (never rejects); undefined when it made none. The widget's first
 * render waits for it, 300 ms at most (WidgetHost `firstRender`): with the answers on their way, drawing the skeleton,
 * then the empty month, then its dates would cost the phone three renders and two frames for states on screen for a
 * few milliseconds.
 */
export function earlyCallsSettled(): Promise<unknown> | undefined {
  return (globalThis as EarlyGlobals)[earlyCallsSettledKey]?.catch(() => undefined);
}
