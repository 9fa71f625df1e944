/**
 * The embedding tests alone, with the commands they need (frame-plugin.mjs):
 *   npm run build && npx web-test-runner --config test/browser/embed/web-test-runner.config.mjs
 */
import base from '../../../web-test-runner.config.mjs';
import { bookwellEmbedCommands } from './frame-plugin.mjs';

const hasCommands = base.plugins.some((plugin) => plugin.name === 'bookwell-embed-commands');

export default {
  ...base,
  rootDir: new URL('../../..', import.meta.url).pathname,
  files: ['test/browser/embed/**/*.test.ts'],
  plugins: hasCommands ? base.plugins : [...base.plugins, bookwellEmbedCommands()],
};
