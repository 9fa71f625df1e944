/**
 * The script-tag entry, built as /widget.js. The widget lives in a versioned, hashed chunk: the file browsers check on
 * every visit stays small, and a page never mixes two versions' pieces. Right after asking for that chunk it starts
 * the widgets' first calls (early-calls.ts), so they travel while the chunk does. The chunk goes first: on a phone its
 * bytes are what the first screen waits for longest. The tags are defined when the chunk has run
 * (`customElements.whenDefined`); a module that imports this file waits for that, through the await.
 */
import { startEarlyCalls } from './early-calls.ts';

const widget = import('../widget/define.ts');
startEarlyCalls();
await widget;
