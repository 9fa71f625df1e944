/** The demo apps import the package by its name, as a customer's app does; inside this repository the names resolve to the source. */
import { fileURLToPath } from 'node:url';

const source = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

export const packageAliases = [
  { find: /^bookwell$/, replacement: source('widget/define.ts') },
  { find: /^bookwell\/element$/, replacement: source('widget/index.ts') },
  { find: /^bookwell\/react$/, replacement: source('react/index.ts') },
];
