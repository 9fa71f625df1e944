/**
 * The script-tag entry, built as /widget.js. It only imports the widget, which lives in a versioned, hashed chunk:
 * the file browsers check on every visit stays a few bytes, and a page never mixes two versions' pieces.
 */
import '../widget/define.ts';
