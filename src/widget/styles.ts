import { css } from 'lit';

/** One dark palette for theme="dark" and for theme="auto" on a dark system. */
const darkPalette = css`
  --bookwell-text: #ececf1;
  --bookwell-background: #17171c;
  --bookwell-muted: #b4b4bf;
  --bookwell-border: #7a7a86;
  --bookwell-accent: #8fb3ff;
  --bookwell-accent-soft: #27324a;
  --bookwell-accent-strong: #cfe0ff;
  --bookwell-hover: #23232b;
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
    --bookwell-border: #85858f;
    --bookwell-accent: #1a56db;
    --bookwell-accent-soft: #e3ecfd;
    --bookwell-accent-strong: #123f9e;
    --bookwell-hover: #f2f5fc;
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
  /* As wide as the page gives it, up to a comfortable reading width. */
  .base { padding: var(--bookwell-space); display: grid; gap: var(--bookwell-space); container-type: inline-size; max-inline-size: 64rem; margin-inline: auto; box-sizing: border-box; }
  #code { max-inline-size: 12rem; letter-spacing: 0.2em; }
  h2 { margin: 0; font-size: 1.25em; }
  /* Popup mode: the dialog is as wide as a page allows, scrolls inside, and keeps its close button in reach. */
  dialog { padding: 0; border: 0; border-radius: var(--bookwell-radius); inline-size: min(64rem, calc(100vw - 2rem)); max-block-size: calc(100dvh - 2rem); color: inherit; background: var(--bookwell-background); box-shadow: 0 10px 40px rgb(0 0 0 / 35%); }
  dialog::backdrop { background: rgb(0 0 0 / 50%); }
  /* The close button lies over the heading's row (its own margin gives the height back) instead of narrowing every step beside it. */
  dialog .close { position: sticky; inset-block-start: 0.5rem; z-index: 1; display: flex; block-size: 44px; inline-size: 44px; padding: 0; margin-block: 0.5rem calc(-44px - 0.5rem); margin-inline: auto 0.5rem; justify-content: center; font-size: 1.25em; background: var(--bookwell-background); }
  dialog .top { padding-inline-end: 3rem; }
  [tabindex='-1']:focus { outline: none; }
  [tabindex='-1']:focus-visible { outline: 3px solid var(--bookwell-focus); outline-offset: 2px; }
  h3 { margin: 0; font-size: 1em; color: var(--bookwell-muted); }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--bookwell-space) / 2); }
  h4 { margin: 0; font-size: 0.9em; font-weight: 600; color: var(--bookwell-muted); }
  /* Times in a grid whose columns fit their longest label ("12:45 PM", "8 places left") on one line each. */
  .times { display: grid; gap: 0.35rem; }
  .times ul { grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr)); }
  .time { flex-direction: column; align-items: stretch; justify-content: center; text-align: center; gap: 0; padding: 0.45rem 0.5rem; }
  .time .clock { font-weight: 600; white-space: nowrap; }
  .time small { white-space: nowrap; font-size: 0.8em; }
  .top { display: flex; align-items: center; gap: var(--bookwell-space); flex-wrap: wrap; }
  .back { border-color: transparent; padding-inline: 0.5rem; color: var(--bookwell-accent-strong); font-weight: 600; }
  .back .arrow::before { content: '←'; }
  [dir='rtl'] .back .arrow::before { content: '→'; }
  /* The chosen date and its times side by side where there is room, stacked on a phone. */
  .when { display: grid; gap: calc(var(--bookwell-space) * 1.5); align-items: start; }
  @container (min-width: 640px) {
    .when { grid-template-columns: minmax(18rem, 1fr) minmax(0, 1fr); }
  }
  .dates, .slots, .empty-month { display: grid; gap: calc(var(--bookwell-space) / 1.5); align-content: start; }
  .empty-month p, .hint, .slots p { margin: 0; }
  .hint, .zone { color: var(--bookwell-muted); }
  .zone { font-size: 0.9em; }
  .choices { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; padding: 0.5rem 0.75rem; border-radius: var(--bookwell-radius); background: var(--bookwell-accent-soft); }
  /* Links and the plain current item on one line, centred alike (a link is 32 px high, its text 24). */
  .choices ul, .choices li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0; }
  .choices li:not(:last-child)::after { content: '·'; margin-inline: 0.4rem; color: var(--bookwell-muted); }
  .choices .price { margin-inline-start: auto; font-weight: 600; }
  /* On a phone the summary wraps, and a dot left at a line's end reads as clutter: there the gap alone parts the links. */
  @container (max-width: 479px) {
    .choices li:not(:last-child)::after { content: none; }
    .choices ul { gap: 0.25rem 1rem; }
  }
  button.link { min-block-size: 32px; min-inline-size: 0; padding: 0 0.15rem; border: 0; background: none; color: var(--bookwell-accent-strong); text-decoration: underline; text-underline-offset: 3px; font-weight: 600; }
  button.link:hover { text-decoration-thickness: 2px; }
  /* Any link the widget shows (a phone to call, a calendar file) in the theme's colour: the browser's blue is unreadable on dark. */
  a { color: var(--bookwell-accent-strong); text-underline-offset: 3px; }
  .skeleton { display: grid; gap: calc(var(--bookwell-space) / 2); }
  .bar { display: block; block-size: 44px; border-radius: var(--bookwell-radius); background: var(--bookwell-accent-soft); animation: pulse 1.2s ease-in-out infinite alternate; }
  .bar.short { block-size: 1.25rem; inline-size: 60%; }
  .time-grid { display: grid; gap: calc(var(--bookwell-space) / 2); grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr)); }
  @keyframes pulse { to { opacity: 0.5; } }
  button, input, textarea, a.button {
    font: inherit; color: inherit; min-block-size: 44px; min-inline-size: 44px; box-sizing: border-box;
    border-radius: var(--bookwell-radius); border: 1px solid var(--bookwell-border); background: var(--bookwell-background);
  }
  button, a.button { cursor: pointer; padding: 0.5rem 1rem; text-align: start; text-decoration: none; display: inline-flex; align-items: center; gap: 0.5rem; }
  .option { inline-size: 100%; justify-content: space-between; }
  .option small { color: var(--bookwell-muted); }
  /* Visible states: hover and press tint the option and ring it in the accent (3:1 against the background); the chosen one is filled. */
  button:not([aria-disabled='true']):not(.primary):not(.link):hover { background: var(--bookwell-hover); border-color: var(--bookwell-accent); }
  button:not([aria-disabled='true']):not(.primary):not(.link):active { background: var(--bookwell-accent-soft); }
  button[aria-pressed='true'] { background: var(--bookwell-accent); border-color: var(--bookwell-accent); color: var(--bookwell-on-accent); font-weight: 600; }
  button[aria-pressed='true']:not([aria-disabled='true']):hover { background: var(--bookwell-accent); color: var(--bookwell-on-accent); }
  button[aria-pressed='true'] small { color: inherit; }
  .primary { background: var(--bookwell-accent); color: var(--bookwell-on-accent); border-color: var(--bookwell-accent); font-weight: 600; justify-content: center; }
  .primary:not([aria-disabled='true']):hover { filter: brightness(1.1); }
  .primary:not([aria-disabled='true']):active { filter: brightness(0.9); }
  .book { inline-size: 100%; }
  .book .spinner { border-color: color-mix(in srgb, var(--bookwell-on-accent) 35%, transparent); border-top-color: var(--bookwell-on-accent); }
  button[aria-disabled='true'], button:disabled { opacity: 0.6; cursor: default; }
  .primary[aria-disabled='true'] { opacity: 0.85; cursor: progress; }
  /* Cancel is destructive: red, and never the page's main colour. */
  .danger { background: var(--bookwell-danger, #b42318); color: #fff; border-color: var(--bookwell-danger, #b42318); font-weight: 600; }
  .danger-outline { color: var(--bookwell-error); border-color: currentColor; }
  button:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible {
    outline: 3px solid var(--bookwell-focus); outline-offset: 2px;
  }
  input, textarea { padding: 0.5rem 0.75rem; inline-size: 100%; }
  /* Prefilled and locked by the host page: plainly not a field to type in, yet readable. */
  input[readonly], textarea[readonly] { background: var(--bookwell-accent-soft); border-style: dashed; }
  /* Above the page, where no direction scrolls to (left or right would scroll an RTL or LTR page). */
  .trap { position: absolute; inset-block-start: -10000px; inline-size: 1px; block-size: 1px; overflow: hidden; }
  form { display: grid; gap: var(--bookwell-space); }
  /* Fields as wide as what people type in them, not as the page. */
  form.details { max-inline-size: 36rem; }
  /* Phone numbers and e-mail addresses read left to right, and in Hebrew still start where the labels do. */
  [dir='rtl'] input[dir='ltr'] { text-align: right; }
  form .book { margin-block-start: calc(var(--bookwell-space) / 2); }
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
  .spinner { display: inline-block; flex: none; box-sizing: border-box; inline-size: 1.25rem; block-size: 1.25rem; border: 3px solid var(--bookwell-accent-soft); border-top-color: var(--bookwell-accent); border-radius: 50%; animation: spin 0.8s linear infinite; }
  @keyframes spin { to { transform: rotate(1turn); } }
  @media (prefers-reduced-motion: reduce) {
    .spinner { animation-duration: 3s; }
    .bar { animation: none; }
    * { transition: none !important; scroll-behavior: auto !important; }
  }
`;
