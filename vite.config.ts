/**
 * The production build: `npm run build` (= `vite build`) writes everything the backend and npm serve.
 *
 *   dist/widget.js                     script-tag entry (src/embed/script-tag.ts → src/widget/define.ts), short cache
 *   dist/widget/<version>/*-<hash>.js  its chunks, the iframe page bootstrap and one chunk per language
 *                                      (long cache; the versioned folder keeps two versions on one page apart)
 *   dist/embed.js                      the host-side iframe helper, a classic script under 2 KB gzip
 *   dist/npm/index.js, element.js      the npm entries `bookwell` and `bookwell/element` (dependencies external)
 *   dist/types/**                      declarations of src/widget and src/contract (tsc -p tsconfig.build.json)
 *   dist/custom-elements.json          the element's manifest (src/embed/manifest.config.mjs)
 *   dist/demo-app/                     the demo Vite app that imports 'bookwell', served at /demo/app/
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type UserConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** Where the script-tag chunks live; a new version gets a new folder, so cached chunks never mix. */
const chunkFolder = `widget/${pkg.version}`;

/** Each language stays its own chunk, loaded when shown. */
const isLanguage = (id: string): boolean => /\/src\/widget\/i18n\/[a-z]{2}\.ts$/.test(id);

/** Browsers every host page is likely to run; Lit 3 itself needs ES2021. */
const target = 'es2022';

/** The build `vite build` runs first; the others follow in `buildApp` below. */
const scriptTagWidget: UserConfig = {
  base: './',
  build: {
    outDir: here('./dist'),
    // Not emptied: a backend serving dist/ while someone rebuilds keeps finding its files; old hashed chunks left
    // behind are never referenced (widget.js and the manifest name the current ones) and never published.
    emptyOutDir: false,
    target,
    manifest: true,
    modulePreload: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: {
        widget: here('./src/embed/script-tag.ts'),
        frame: here('./src/embed/frame.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'widget' ? 'widget.js' : `${chunkFolder}/[name]-[hash].js`),
        chunkFileNames: `${chunkFolder}/[name]-[hash].js`,
        // The element and its libraries go to one versioned chunk that widget.js and the iframe page both import,
        // so nothing versioned ever imports the unversioned widget.js (an old page cannot meet a new entry).
        codeSplitting: {
          groups: [{ name: 'bookwell', test: (id: string) => !isLanguage(id) && !id.includes('/src/embed/') }],
        },
      },
    },
  },
};

const embedHelper: InlineConfig = {
  configFile: false,
  build: {
    outDir: here('./dist'),
    emptyOutDir: false,
    target,
    copyPublicDir: false,
    lib: { entry: here('./src/embed/host.ts'), formats: ['iife'], name: 'BookwellEmbed', fileName: () => 'embed.js' },
  },
};

/** Bare imports of our dependencies stay imports, so a host app shares one Lit with the rest of its code. */
const dependencyNames = Object.keys(pkg.dependencies);
const isDependency = (id: string): boolean => dependencyNames.some((name) => id === name || id.startsWith(`${name}/`));

const npmEntries: InlineConfig = {
  configFile: false,
  build: {
    outDir: here('./dist/npm'),
    emptyOutDir: true,
    target,
    copyPublicDir: false,
    lib: {
      entry: { index: here('./src/widget/define.ts'), element: here('./src/widget/index.ts') },
      formats: ['es'],
    },
    rolldownOptions: {
      external: isDependency,
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
};

const demoApp: InlineConfig = {
  configFile: false,
  root: here('./demo/app'),
  base: '/demo/app/',
  resolve: {
    // The demo imports the package by its name, as a customer's app would; here it resolves to the source.
    alias: [
      { find: /^bookwell$/, replacement: here('./src/widget/define.ts') },
      { find: /^bookwell\/element$/, replacement: here('./src/widget/index.ts') },
    ],
  },
  build: { outDir: here('./dist/demo-app'), emptyOutDir: true, target, copyPublicDir: false },
};

/** Runs a tool from node_modules/.bin, failing the build when it fails. */
function run(tool: string, args: string[]): void {
  execFileSync(here(`./node_modules/.bin/${tool}`), args, { cwd: here('.'), stdio: 'inherit' });
}

export default defineConfig({
  ...scriptTagWidget,
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      for (const config of [embedHelper, npmEntries, demoApp]) await build(config);
      // Declarations of removed source files must not linger into the package.
      rmSync(here('./dist/types'), { recursive: true, force: true });
      run('tsc', ['-p', 'tsconfig.build.json']);
      // The element's attributes, properties, events and parts for editors and docs, read from the source.
      run('custom-elements-manifest', ['analyze', '--config', 'src/embed/manifest.config.mjs']);
    },
  },
});
