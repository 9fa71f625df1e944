import type { CSSResult } from 'lit';

/**
 * Adds the looks of views that come in later chunks (the result screen, the business block) to the widget's shadow
 * root, by the chunk's own code once it is loaded, so the first screen does not carry them. Not a <style> in the
 * template: that is an inline style, which a host page's Content-Security-Policy without 'unsafe-inline' blocks (the
 * demo pages have one); adopted sheets are not.
 */
export function adoptLooks(root: Node, ...looks: CSSResult[]): void {
  if (!(root instanceof ShadowRoot)) return;
  const sheets = looks.map((look) => look.styleSheet).filter((sheet): sheet is CSSStyleSheet => !!sheet && !root.adoptedStyleSheets.includes(sheet));
  if (sheets.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
}
