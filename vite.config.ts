/**
 * The production build: `npm run build` (= `vite build`) writes everything the backend and npm serve.
 *
 *   dist/widget.js                     script-tag entry (src/embed/script-tag.ts: starts the first calls, then imports
 *                                      the widget's chunk), short cache; built after the chunks it names
 *   dist/widget/<version>/*-<hash>.js  the widget (bookwell-<hash>.js, src/widget/define.ts), the iframe page
 *                                      bootstrap, one chunk per language
 *                                      (long cache; the versioned folder keeps two versions on one page apart)
 *   dist/embed.js                      the host-side iframe helper, a classic script under 2 KB gzip
 *   dist/package/                      the npm package `bookwell`, published from there (`npm publish dist/package`):
 *     index.js, element.js, chunks/    the entries `bookwell` and `bookwell/element` (dependencies external)
 *     react.js                         `bookwell/react`, the React 18 wrapper (src/react; @lit/react inside, react a peer)
 *     types/**                         declarations of src/widget, src/react and src/contract (tsc -p src/widget/tsconfig.build.json)
 *     custom-elements.json             the element's manifest (src/embed/manifest.config.mjs)
 *     package.json, README.md          written here: the widget's own dependencies only, none of the server's
 *   dist/demo-app/                     the demo Vite app that imports 'bookwell', served at /demo/app/
 *   dist/demo-react/, dist/demo-vue/   the React 19 and Vue 3 demo apps (their own vite.config.ts), at /demo/react/ and /demo/vue/
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type UserConfig } from 'vite';
import { packageAliases } from './demo/package-aliases.ts';
import { compactCssPlugin } from './scripts/compact-css.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as {
  version: string;
  license: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What the published widget imports (the shared contract brings zod and date-fns); the app's package.json holds their versions. */
const widgetDependencies = ['lit', '@lit/task', 'zod', 'date-fns', '@date-fns/utc'];
const packageDir = here('./dist/package');

/** Where the script-tag chunks live; a new version gets a new folder, so cached chunks never mix. */
const chunkFolder = `widget/${pkg.version}`;

/** Each language stays its own chunk, loaded when shown. */
const isLanguage = (id: string): boolean => /\/src\/widget\/i18n\/[a-z]{2}\.ts$/.test(id);

/**
 * Modules the widget imports when they are needed, each its own chunk out of the first screen: the popup's dialog, the
 * result screen with its code step, and the manage view with its parts (asked for when a manage link is opened).
 */
const isOwnChunk = (id: string): boolean =>
  /\/src\/widget\/(popup|manage-controller|views\/manage|views\/outcome|views\/code|views\/booked|views\/business|views\/later-looks)\.ts$/.test(id);

/** V8's magic comment that compiles every function of a file eagerly; a comment to any other engine. */
const compileAllOnLoad = '//# allFunctionsCalledOnLoad';

/** Browsers every host page is likely to run; Lit 3 itself needs ES2021. */
const target = 'es2022';

/** The build `vite build` runs first (the widget's versioned chunks); the others follow in `buildApp` below. */
const scriptTagWidget: UserConfig = {
  base: './',
  plugins: [compactCssPlugin()],
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
        bookwell: here('./src/widget/define.ts'),
        frame: here('./src/embed/frame.ts'),
      },
      output: {
        entryFileNames: `${chunkFolder}/[name]-[hash].js`,
        chunkFileNames: `${chunkFolder}/[name]-[hash].js`,
        // Chromium's compile hint (V8's explicit compile hints, Chrome 136+): the first screen runs most of the widget's
        // functions, so all are compiled with the file (in the background while it streams, where the browser can),
        // not one by one on first call. On a phone at 4x throttling (bench/first-paint.ts) the chunk's evaluation went
        // from 94 to 52 ms and the first render from 153 to 70 ms; the first bookable date from 890 to 760 ms.
        postBanner: (chunk) => (chunk.name === 'bookwell' ? compileAllOnLoad : ''),
        // The element and its libraries in one versioned chunk (no second round trip for a shared one), which the
        // iframe page imports too; nothing versioned imports the unversioned widget.js (an old page cannot meet a new entry).
        codeSplitting: {
          groups: [{ name: 'bookwell', test: (id: string) => !isLanguage(id) && !isOwnChunk(id) && !id.includes('/src/embed/') }],
        },
      },
    },
  },
};

/**
 * /widget.js on its own, after the chunks: it names them by their built files (the manifest), as plain imports. Built
 * with the rest, its import of the widget would go through Vite's preload helper, which lives in the widget's chunk,
 * and a static import of that chunk would hold the first calls back until it has arrived.
 */
function scriptTagEntry(): InlineConfig {
  const manifest = JSON.parse(readFileSync(here('./dist/.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
  const built = new Map(Object.entries(manifest).map(([source, chunk]) => [here(`./${source}`), `./${chunk.file}`]));
  return {
    configFile: false,
    build: {
      outDir: here('./dist'),
      emptyOutDir: false,
      target,
      copyPublicDir: false,
      lib: { entry: here('./src/embed/script-tag.ts'), formats: ['es'], fileName: () => 'widget.js' },
      // Library builds keep ES output readable; this one is a page's first download, all of it run at once.
      rolldownOptions: { output: { minify: true, postBanner: compileAllOnLoad } },
    },
    plugins: [
      {
        name: 'bookwell-built-chunks',
        enforce: 'pre',
        resolveId(source, importer) {
          const file = importer && source.startsWith('.') ? built.get(resolve(dirname(importer), source)) : undefined;
          return file ? { id: file, external: true } : null;
        },
      },
    ],
  };
}

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

/** React, for `bookwell/react` only: the host app's own copy (an optional peer dependency). */
const reactPeer = { react: '^18.0.0 || ^19.0.0' };

/** Bare imports of our dependencies stay imports, so a host app shares one Lit (and one React) with the rest of its code. */
const isDependency = (id: string): boolean =>
  [...widgetDependencies, ...Object.keys(reactPeer)].some((name) => id === name || id.startsWith(`${name}/`));

const npmEntries: InlineConfig = {
  configFile: false,
  plugins: [compactCssPlugin()],
  build: {
    outDir: packageDir,
    emptyOutDir: true,
    target,
    copyPublicDir: false,
    lib: {
      entry: { index: here('./src/widget/define.ts'), element: here('./src/widget/index.ts'), react: here('./src/react/index.ts') },
      formats: ['es'],
    },
    rolldownOptions: {
      external: isDependency,
      // Keeps the licence notice of what is bundled in (@lit/react in react.js).
      output: { chunkFileNames: 'chunks/[name]-[hash].js', comments: { legal: true } },
    },
  },
};

const demoApp: InlineConfig = {
  configFile: false,
  root: here('./demo/app'),
  base: '/demo/app/',
  // The demo imports the package by its name, as a customer's app would; here it resolves to the source.
  resolve: { alias: packageAliases },
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
      const frameworkDemos = ['react', 'vue'].map((name): InlineConfig => ({ configFile: here(`./demo/${name}/vite.config.ts`) }));
      for (const config of [scriptTagEntry(), embedHelper, npmEntries, demoApp, ...frameworkDemos]) await build(config);
      run('tsc', ['-p', 'src/widget/tsconfig.build.json']);
      // The element's attributes, properties, events and parts for editors and docs, read from the source.
      run('custom-elements-manifest', ['analyze', '--quiet', '--config', 'src/embed/manifest.config.mjs']);
      writePackage();
    },
  },
});

/** The published package.json: the entries, their declarations and the widget's dependencies at the app's versions. */
function writePackage(): void {
  const dependencies = Object.fromEntries(
    widgetDependencies.map((name) => {
      const range = pkg.dependencies[name] ?? pkg.devDependencies[name];
      if (!range) throw new Error(`package.json names no version of ${name}, a dependency of the widget`);
      return [name, range];
    }),
  );
  const manifest = {
    name: 'bookwell',
    version: pkg.version,
    description: 'An embeddable booking widget: <bookwell-widget>, a Lit custom element that talks to a Bookwell backend.',
    license: pkg.license,
    type: 'module',
    keywords: ['booking', 'appointments', 'web-component', 'custom-element', 'lit'],
    customElements: 'custom-elements.json',
    types: './types/widget/define.d.ts',
    exports: {
      '.': { types: './types/widget/define.d.ts', default: './index.js' },
      './element': { types: './types/widget/index.d.ts', default: './element.js' },
      './react': { types: './types/react/index.d.ts', default: './react.js' },
      './custom-elements.json': './custom-elements.json',
      './package.json': './package.json',
    },
    // Importing `bookwell` (or `bookwell/react`) defines the tag; the element entry and its chunks only declare.
    sideEffects: ['./index.js', './react.js'],
    dependencies,
    peerDependencies: reactPeer,
    peerDependenciesMeta: { react: { optional: true } },
  };
  writeFileSync(`${packageDir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  copyFileSync(here('./docs/embedding.md'), `${packageDir}/README.md`);
}
