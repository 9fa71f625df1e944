/**
 * Browser tests in Debian's Chromium: unit tests of the widget's pure modules, component tests against a fake
 * `fetch`, and end-to-end tests against the real backend (test/browser/backend-plugin.mjs starts it).
 *   npx web-test-runner                         all of test/browser/**\/*.test.ts
 *   npx web-test-runner "test/browser/unit/**"   a subset
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { bookwellBackend } from './test/browser/backend-plugin.mjs';
import { bookwellEmbedCommands } from './test/browser/embed/frame-plugin.mjs';
import { bookwellTimeZone } from './test/browser/timezone-plugin.mjs';
import { platformDemo } from './test/browser/platform-demo-plugin.mjs';
import { bookwellScreenshots } from './test/browser/screenshot-plugin.mjs';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  // One page at a time: keyboard tests (sendKeys) need the focused page; two pages in one browser steal focus.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 30_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  // The embed and platform demos' plugins too, so `npm run test:browser` runs every browser test in one go.
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    bookwellBackend(),
    bookwellEmbedCommands(),
    bookwellTimeZone(),
    platformDemo('tor4you'),
    platformDemo('onlineafspraken'),
    platformDemo('timetap'),
    platformDemo('agendize'),
    bookwellScreenshots(),
  ],
};
