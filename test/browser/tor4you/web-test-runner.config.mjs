/**
 * The Tor4You end-to-end tests alone, with the plugin that runs the fake Tor4You and the backend:
 *   npm run build && npx web-test-runner --config test/browser/tor4you/web-test-runner.config.mjs
 */
import base from '../../../web-test-runner.config.mjs';
import { platformDemo } from '../platform-demo-plugin.mjs';

const hasPlugin = base.plugins.some((plugin) => plugin.name === 'bookwell-tor4you');

export default {
  ...base,
  rootDir: new URL('../../..', import.meta.url).pathname,
  files: ['test/browser/tor4you/**/*.test.ts'],
  plugins: hasPlugin ? base.plugins : [...base.plugins, platformDemo('tor4you')],
};
