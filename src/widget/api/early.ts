/**
 * Calls /widget.js makes for a widget before the widget's own code has arrived (src/embed/early-calls.ts): the session
 * with the catalog, and the first month's dates when the page's attributes fix them. Each is kept under the request
 * it is (`METHOD url body-or-authorization`), on a global both sides find by the same registered symbol, since
 * /widget.js and the widget's chunk share no module. The npm package and the iframe page find none and ask themselves.
 */
export type EarlyCalls = Map<string, Promise<unknown>>;

export const earlyCallsKey = Symbol.for('bookwell.early-calls');

/** The answer to this very request if /widget.js already asked it; each is taken once, so no answer serves two widgets. */
export function takeEarlyCall(request: string): Promise<unknown> | undefined {
  const calls = (globalThis as { [earlyCallsKey]?: EarlyCalls })[earlyCallsKey];
  const answer = calls?.get(request);
  calls?.delete(request);
  return answer;
}
