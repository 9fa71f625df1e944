/**
 * What a business's visitors download: builds the production widget (`vite build`) and prints the gzip size of
 * everything a script-tag page loads for one language (/widget.js, its static imports, one language chunk with
 * its own imports), for every language, and of /embed.js. Fails above the budgets of issue 3.
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
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.file === 'widget.js');
  if (!entryKey) throw new Error('dist/.vite/manifest.json has no widget.js entry: is the build broken?');
  const base = staticClosure(manifest, entryKey);
  // The languages the widget loads on demand, from any chunk it has by then.
  const loaded = Object.values(manifest).filter((chunk) => base.has(chunk.file));
  const languageKeys = [...new Set(loaded.flatMap((chunk) => chunk.dynamicImports ?? []))].filter((key) => /\/i18n\/[a-z]{2}\.ts$/.test(key));
  const scriptTag: Record<string, number> = {};
  for (const key of languageKeys) {
    const files = staticClosure(manifest, key, new Set(base));
    const language = /\/i18n\/([a-z]{2})\.ts$/.exec(key)![1]!;
    scriptTag[language] = [...files].reduce((sum, file) => sum + gzipSize(file), 0);
  }
  if (languageKeys.length === 0) scriptTag['(no language chunk)'] = [...base].reduce((sum, file) => sum + gzipSize(file), 0);
  const embedHelper = gzipSize('embed.js');
  const ok = Object.values(scriptTag).every((size) => size <= budgets.scriptTag) && embedHelper <= budgets.embedHelper;
  return { scriptTag, embedHelper, ok };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function print(report: SizeReport): void {
  console.log('Download size, gzip (what a visitor of the business site loads)');
  for (const [language, size] of Object.entries(report.scriptTag)) {
    const verdict = size <= budgets.scriptTag ? 'ok' : 'OVER BUDGET';
    console.log(`  script tag, ${language}: /widget.js + imports + language  ${kb(size)}  (budget ${kb(budgets.scriptTag)}) ${verdict}`);
  }
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
