/** The build step that keeps the comments of the widget's styles out of what visitors download (scripts/compact-css.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactCss } from '../../scripts/compact-css.ts';

test('drops comments and folds white space inside css templates, and touches nothing else', () => {
  const source = [
    'const note = `keep  /* this */  as is`;',
    'export const styles = css`',
    '  /* Why the days are round. */',
    "  .day { border-radius: 50%;   content: '·'; }",
    "  :host([theme='dark']) {",
    '    ${darkPalette}',
    '  }',
    '`;',
  ].join('\n');
  assert.equal(
    compactCss(source),
    [
      'const note = `keep  /* this */  as is`;',
      "export const styles = css`.day { border-radius: 50%; content: '·'; } :host([theme='dark']) { ${darkPalette} }`;",
    ].join('\n'),
  );
});

test('leaves a file without css templates as it is', () => {
  const source = 'const a = html`<p>  /* not css */  </p>`;\n';
  assert.equal(compactCss(source), source);
});
