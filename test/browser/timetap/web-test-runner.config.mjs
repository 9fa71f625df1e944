/**
 * The TimeTap end-to-end tests alone, with the plugin that runs the fake TimeTap and the backend:
 *   npm run build && npx web-test-runner --config test/browser/timetap/web-test-runner.config.mjs
 */
import base from '../../../web-test-runner.config.mjs';
import { platformDemo } from '../platform-demo-plugin.mjs';

const hasPlugin = base.plugins.some((plugin) => plugin.name === 'bookwell-timetap');

export default {
  ...base,
  rootDir: new URL('../../..', import.meta.url).pathname,
  files: ['test/browser/timetap/**/*.test.ts'],
  plugins: hasPlugin ? base.plugins : [...base.plugins, platformDemo('timetap')],
};
