/**
 * What a business's visitors download: builds the production widget (`vite build`) and prints the gzip size of
 * everything a script-tag page loads before the first step is on screen for one language (/widget.js, the widget's
 * chunk it imports with that chunk's static imports, one language chunk with its own imports), for every language; of a complete booking (that plus the
 * chunks the widget fetches while the customer chooses: the manage view with a booking's calendar links); of the
 * popup mode's own chunk; and of /embed.js. Fails above the budgets (first screen 40 KB, /embed.js 2 KB).
 *
 *   tsx bench/size.ts            build, then measure
 *   tsx bench/size.ts --no-build measure the dist/ already there
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');

export const budgets = { scriptTag: 40 * 1024, embedHelper: 2 * 1024 };

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface SizeReport {
  /** Gzip bytes of /widget.js + static imports + the language's chunk, per language. */
  scriptTag: Record<string, number>;
  /** The same plus every chunk fetched later in a booking (all but other languages and the popup), per language. */
  completeBooking: Record<string, number>;
  /** What the popup mode adds. */
  popup: number;
  embedHelper: number;
  ok: boolean;
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

/** The files a chunk pulls in before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

export function measure(): SizeReport {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  // /widget.js is built on its own after the chunks (vite.config.ts) and imports the widget's entry chunk.
  const widgetKey = 'src/widget/define.ts';
  const loader = readFileSync(join(dist, 'widget.js'), 'utf8');
  if (!manifest[widgetKey] || !loader.includes(manifest[widgetKey].file)) {
    throw new Error(`dist/widget.js does not import ${widgetKey}'s chunk (dist/.vite/manifest.json): is the build broken?`);
  }
  const base = staticClosure(manifest, widgetKey, new Set(['widget.js']));
  // The languages the widget loads on demand, from any chunk it has by then.
  const loaded = Object.values(manifest).filter((chunk) => base.has(chunk.file));
  const languageKeys = [...new Set(loaded.flatMap((chunk) => chunk.dynamicImports ?? []))].filter((key) => /\/i18n\/[a-z]{2}\.ts$/.test(key));
  const total = (files: Set<string>) => [...files].reduce((sum, file) => sum + gzipSize(file), 0);
  // Chunks the widget imports later (not a language, not the popup), with what they import in turn.
  const isPopup = (key: string) => /\/popup\.ts$/.test(key);
  const laterKeys = [...new Set(loaded.flatMap((chunk) => chunk.dynamicImports ?? []))].filter((key) => !languageKeys.includes(key) && !isPopup(key));
  const scriptTag: Record<string, number> = {};
  const completeBooking: Record<string, number> = {};
  for (const key of languageKeys) {
    const files = staticClosure(manifest, key, new Set(base));
    const language = /\/i18n\/([a-z]{2})\.ts$/.exec(key)![1]!;
    scriptTag[language] = total(files);
    for (const later of laterKeys) staticClosure(manifest, later, files);
    completeBooking[language] = total(files);
  }
  const popupKey = [...new Set(loaded.flatMap((chunk) => chunk.dynamicImports ?? []))].find(isPopup);
  const popup = popupKey ? total(new Set([...staticClosure(manifest, popupKey)].filter((file) => !base.has(file)))) : 0;
  if (languageKeys.length === 0) scriptTag['(no language chunk)'] = [...base].reduce((sum, file) => sum + gzipSize(file), 0);
  const embedHelper = gzipSize('embed.js');
  const ok = Object.values(scriptTag).every((size) => size <= budgets.scriptTag) && embedHelper <= budgets.embedHelper;
  return { scriptTag, completeBooking, popup, embedHelper, ok };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function print(report: SizeReport): void {
  console.log('Download size, gzip (what a visitor of the business site loads)');
  for (const [language, size] of Object.entries(report.scriptTag)) {
    const verdict = size <= budgets.scriptTag ? 'ok' : 'OVER BUDGET';
    console.log(
      `  script tag, ${language}: first screen (/widget.js + imports + language)  ${kb(size)}  (budget ${kb(budgets.scriptTag)}) ${verdict}`,
    );
  }
  for (const [language, size] of Object.entries(report.completeBooking)) {
    console.log(`  script tag, ${language}: complete booking (first screen + chunks fetched while choosing)  ${kb(size)}`);
  }
  console.log(`  popup mode adds  ${kb(report.popup)}`);
  const verdict = report.embedHelper <= budgets.embedHelper ? 'ok' : 'OVER BUDGET';
  console.log(`  iframe helper /embed.js  ${kb(report.embedHelper)}  (budget ${kb(budgets.embedHelper)}) ${verdict}`);
}

/** Builds (unless told not to), measures, prints; true when every budget holds. */
export function runSizeBench(options: { build?: boolean } = {}): boolean {
  if (options.build !== false) execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  const report = measure();
  print(report);
  return report.ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = runSizeBench({ build: !process.argv.includes('--no-build') }) ? 0 : 1;
}
