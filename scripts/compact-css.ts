/**
 * A build step for the widget's Lit styles. The comments in its css`…` templates say why for the reader; a visitor
 * need not download them, and the bundlers leave template text as it is written. Inside `css` tagged templates only,
 * this drops the comments and folds runs of white space into one space; everything else stays as written.
 * (vite.config.ts runs it on src/widget for the script tag and the npm package; bench/size.ts shows the gain.)
 */
import type { Plugin } from 'vite';

/** A `css` tagged template: its text runs to the next backtick (our styles hold none inside). */
const cssTemplate = /\bcss`([^`]*)`/g;

export function compactCss(source: string): string {
  return source.replace(cssTemplate, (_template, body: string) => {
    const compact = body
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .trim();
    return `css\`${compact}\``;
  });
}

export function compactCssPlugin(): Plugin {
  return {
    name: 'bookwell-compact-css',
    // Before TypeScript is stripped, on the source as written.
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/widget\/.+\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: compactCss(code), map: null };
    },
  };
}
