// `npm run check:package`: packs the widget package as it would be published (dist/package, `npm run build`
// first), lints the tarball with publint, then installs it into a fresh Vite app that imports it as a customer's
// app would (also `bookwell/react` in a React 18 component), typechecks that app against the package's
// declarations and builds it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'bookwell-package-'));
const sh = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  const [packed] = JSON.parse(sh('npm', ['pack', join(root, 'dist/package'), '--json', '--pack-destination', work], root));
  const tarball = join(work, packed.filename);
  console.log(`packed ${packed.filename}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} KB`);
  const leaked = packed.files
    .map((f) => f.path)
    .filter((path) => /(^|\/)(src|test|server)\//.test(path) || (path.endsWith('.ts') && !path.endsWith('.d.ts')));
  if (leaked.length) throw new Error(`the package holds files that are not the widget's: ${leaked.join(', ')}`);

  process.stdout.write(sh(join(root, 'node_modules/.bin/publint'), ['run', '--strict', tarball], root));

  const fresh = join(work, 'fresh-app');
  execFileSync('mkdir', [fresh]);
  writeFileSync(join(fresh, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, type: 'module' }, null, 2));
  writeFileSync(join(fresh, 'index.html'), '<!doctype html><title>App</title><script type="module" src="/main.ts"></script>\n');
  writeFileSync(
    join(fresh, 'main.ts'),
    [
      "import 'bookwell';",
      "const widget = document.createElement('bookwell-widget');",
      "widget.site = 'demo-clinic';",
      "widget.api = 'https://book.example.com';",
      "widget.addEventListener('bookwell-booked', (event) => console.log(event.booking.id));",
      'document.body.append(widget);',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(fresh, 'own-tag.ts'),
    "import { BookwellWidget } from 'bookwell/element';\ncustomElements.define('clinic-booking', class extends BookwellWidget {});\n",
  );
  // React 18, for which the wrapper exists: typed props and event handlers, and a ref to the element.
  writeFileSync(
    join(fresh, 'booking.tsx'),
    [
      "import { useRef } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import { BookwellWidget, type BookwellBookedEvent } from 'bookwell/react';",
      "import type { BookwellWidget as BookwellElement } from 'bookwell/element';",
      'function Booking() {',
      '  const widget = useRef<BookwellElement>(null);',
      '  const booked = (event: BookwellBookedEvent) => console.log(event.booking.id, widget.current?.site);',
      '  return <BookwellWidget ref={widget} site="demo-clinic" api="https://book.example.com" lang="he" theme="dark" onBooked={booked} />;',
      '}',
      'createRoot(document.body).render(<Booking />);',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(fresh, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        jsx: 'react-jsx',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      },
      include: ['main.ts', 'own-tag.ts', 'booking.tsx'],
    }),
  );
  writeFileSync(join(fresh, 'react.html'), '<!doctype html><title>React app</title><script type="module" src="/booking.tsx"></script>\n');
  writeFileSync(join(fresh, 'vite.config.mjs'), "export default { build: { rolldownOptions: { input: ['index.html', 'react.html'] } } };\n");
  const react18 = ['react@18', 'react-dom@18', '@types/react@18', '@types/react-dom@18'];
  sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel',
      'error',
      tarball,
      `vite@${app.devDependencies.vite}`,
      `typescript@${app.devDependencies.typescript}`,
      ...react18,
    ],
    fresh,
  );
  const installed = sh('npm', ['ls', '--all', '--parseable'], fresh).split('\n');
  for (const server of ['hono', 'jose', 'pg', 'nodemailer', '@electric-sql/pglite', 'tsx']) {
    if (installed.some((path) => path.endsWith(`/node_modules/${server}`)))
      throw new Error(`installing bookwell brought in ${server}, a server package`);
  }
  sh(join(fresh, 'node_modules/.bin/tsc'), ['-p', '.'], fresh);
  sh(join(fresh, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], fresh);
  const built = readdirSync(join(fresh, 'dist/assets'))
    .map((f) => readFileSync(join(fresh, 'dist/assets', f), 'utf8'))
    .join('\n');
  if (!built.includes('bookwell-widget')) throw new Error('the fresh app built without the element');
  if (!built.includes('onBooked')) throw new Error('the fresh app built without bookwell/react');
  console.log('a fresh Vite app installed the package (and React 18), typechecked against its declarations and built');
} finally {
  rmSync(work, { recursive: true, force: true });
}
