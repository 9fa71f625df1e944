/**
 * The widget's palettes meet WCAG 2.2 AA in light and dark: text 4.5:1, and 3:1 for what tells a control apart
 * (field and button borders, the selected day's fill, the focus ring) — axe checks text only, not these.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';

function luminance(color: string): number {
  const [r, g, b] = color
    .match(/\d+(\.\d+)?/g)!
    .slice(0, 3)
    .map((v) => Number(v) / 255);
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** A custom property of the element's palette as the browser resolves it (rgb()). */
async function palette(theme: 'light' | 'dark'): Promise<(name: string) => string> {
  const el = await fixture(html`<bookwell-widget theme=${theme}></bookwell-widget>`);
  const probe = document.createElement('span');
  el.shadowRoot!.appendChild(probe);
  return (name) => {
    probe.style.color = `var(--bookwell-${name})`;
    return getComputedStyle(probe).color;
  };
}

const pairs: Array<[fore: string, back: string, least: number]> = [
  ['text', 'background', 4.5],
  ['muted', 'background', 4.5],
  ['accent-strong', 'background', 4.5],
  ['accent-strong', 'accent-soft', 4.5],
  ['on-accent', 'accent', 4.5],
  ['error', 'background', 4.5],
  ['border', 'background', 3],
  ['border', 'accent-soft', 3],
  ['accent', 'background', 3],
  ['focus', 'background', 3],
];

describe('colour contrast of the palettes', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: text 4.5:1, control boundaries and states 3:1`, async () => {
      const color = await palette(theme);
      const short = pairs
        .map(([fore, back, least]) => ({ pair: `${fore} on ${back}`, ratio: Math.round(ratio(color(fore), color(back)) * 100) / 100, least }))
        .filter((p) => p.ratio < p.least);
      expect(short, JSON.stringify(short)).to.deep.equal([]);
    });
  }
});
