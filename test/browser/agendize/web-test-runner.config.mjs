/**
 * The Agendize end-to-end tests alone, with the plugin that runs the fake Agendize and the backend:
 *   npm run build && npx web-test-runner --config test/browser/agendize/web-test-runner.config.mjs
 */
import base from '../../../web-test-runner.config.mjs';
import { platformDemo } from '../platform-demo-plugin.mjs';

const hasPlugin = base.plugins.some((plugin) => plugin.name === 'bookwell-agendize');

export default {
  ...base,
  rootDir: new URL('../../..', import.meta.url).pathname,
  files: ['test/browser/agendize/**/*.test.ts'],
  plugins: hasPlugin ? base.plugins : [...base.plugins, platformDemo('agendize')],
};
