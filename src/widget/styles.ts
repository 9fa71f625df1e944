import { css } from 'lit';

/** One dark palette for theme="dark" and for theme="auto" on a dark system. */
const darkPalette = css`
  --bookwell-text: #ececf1;
  --bookwell-background: #17171c;
  --bookwell-muted: #b4b4bf;
  --bookwell-border: #55555f;
  --bookwell-accent: #8fb3ff;
  --bookwell-accent-soft: #27324a;
  --bookwell-on-accent: #0b1530;
  --bookwell-error: #ffb4ab;
  --bookwell-focus: #8fb3ff;
`;

/** The widget's look; every value a host page may change is a custom property with its default on :host. */
export const widgetStyles = css`
  :host {
    --bookwell-font: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;
    --bookwell-text: #1b1b1f;
    --bookwell-background: #ffffff;
    --bookwell-muted: #5c5c66;
    --bookwell-border: #c4c4cc;
    --bookwell-accent: #1a56db;
    --bookwell-accent-soft: #e3ecfd;
    --bookwell-on-accent: #ffffff;
    --bookwell-error: #b3261e;
    --bookwell-focus: #1a56db;
    --bookwell-radius: 8px;
    --bookwell-space: 0.75rem;
    display: block;
    font-family: var(--bookwell-font);
    color: var(--bookwell-text);
    background: var(--bookwell-background);
    line-height: 1.5;
  }
  :host([hidden]) { display: none; }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkPalette}
    }
  }
  .base { padding: var(--bookwell-space); display: grid; gap: var(--bookwell-space); }
  h2 { margin: 0; font-size: 1.25em; }
  [tabindex='-1']:focus { outline: none; }
  [tabindex='-1']:focus-visible { outline: 3px solid var(--bookwell-focus); outline-offset: 2px; }
  h3 { margin: 0; font-size: 1em; color: var(--bookwell-muted); }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--bookwell-space) / 2); }
  .times ul { grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr)); }
  button, input, textarea, a.button {
    font: inherit; color: inherit; min-block-size: 44px; min-inline-size: 44px; box-sizing: border-box;
    border-radius: var(--bookwell-radius); border: 1px solid var(--bookwell-border); background: var(--bookwell-background);
  }
  button, a.button { cursor: pointer; padding: 0.5rem 1rem; text-align: start; text-decoration: none; display: inline-flex; align-items: center; gap: 0.5rem; }
  .option { inline-size: 100%; justify-content: space-between; }
  .option small { color: var(--bookwell-muted); }
  .primary { background: var(--bookwell-accent); color: var(--bookwell-on-accent); border-color: var(--bookwell-accent); font-weight: 600; }
  button[aria-disabled='true'], button:disabled { opacity: 0.6; cursor: default; }
  button:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible {
    outline: 3px solid var(--bookwell-focus); outline-offset: 2px;
  }
  input, textarea { padding: 0.5rem 0.75rem; inline-size: 100%; }
  label { display: block; font-weight: 600; }
  .field { display: grid; gap: 0.25rem; }
  .field small { font-weight: normal; color: var(--bookwell-muted); }
  [aria-invalid='true'] { border-color: var(--bookwell-error); border-width: 2px; }
  .error { color: var(--bookwell-error); margin: 0; }
  .notice { border-inline-start: 4px solid var(--bookwell-accent); padding-inline-start: var(--bookwell-space); margin: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--bookwell-space); justify-content: space-between; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem var(--bookwell-space); margin: 0; }
  dt { color: var(--bookwell-muted); }
  dd { margin: 0; }
  .sr { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .spinner { inline-size: 1.25rem; block-size: 1.25rem; border: 3px solid var(--bookwell-accent-soft); border-top-color: var(--bookwell-accent); border-radius: 50%; animation: spin 0.8s linear infinite; }
  @keyframes spin { to { transform: rotate(1turn); } }
  @media (prefers-reduced-motion: reduce) {
    .spinner { animation-duration: 3s; }
    * { transition: none !important; scroll-behavior: auto !important; }
  }
`;
