// Before `npm start`: builds the widget quietly (its output only when the build fails), so the start shows only
// the server's own lines. A production install (`npm ci --omit=dev`) has no build tools: it serves the dist/ built
// earlier, or starts without one (the API works; the widget files and demo pages wait for `npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const vite = 'node_modules/vite/bin/vite.js';
if (!existsSync(vite)) {
  if (!existsSync('dist/widget.js')) {
    console.error(
      'Bookwell: the widget is not built (no build tools in this install); the API works, the widget and demo pages need `npm run build` on a full install.',
    );
  }
  process.exit(0);
}
console.error('Bookwell: building the widget…');
const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { encoding: 'utf8' });
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(build.status ?? 1);
}
