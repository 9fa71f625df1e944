/**
 * /widget.js asks for a widget's session (and, when the attributes fix the first step, its first dates) before the
 * widget's chunk has arrived; the widget takes those answers instead of asking again. Real backend, production build.
 */
import { expect } from '@open-wc/testing';
import { until } from '../keyboard.ts';
import { startBackend } from './backend.ts';
import { addModuleScript, addWidget, bookableDate, calendarPreset, recordFetches } from './early-calls-page.ts';

describe('the first calls, started by /widget.js', () => {
  let api = '';

  before(async function () {
    this.timeout(120_000);
    api = await startBackend('embed-early-calls');
  });

  it('are the only session and first dates the widget asks for, and leave before the widget has arrived', async function () {
    this.timeout(60_000);
    const preset = await calendarPreset(api, 'demo-studio');
    const fetched = recordFetches();
    const widget = addWidget({ site: 'demo-studio', api, lang: 'en', ...preset });
    await addModuleScript(`${api}/widget.js`);
    await until(() => bookableDate(widget), 'a bookable date', 30_000);

    const sessions = fetched.filter((f) => f.url === `${api}/v1/session`);
    expect(
      sessions.map((f) => f.by),
      'one session, asked by /widget.js',
    ).to.deep.equal(['widget.js']);
    const dates = fetched.filter((f) => f.url.startsWith(`${api}/v1/availability/dates?`));
    expect(dates[0]?.by, 'the first dates, asked by /widget.js').to.equal('widget.js');
    expect(new Set(dates.map((f) => f.url)).size, 'no dates asked twice').to.equal(dates.length);
    const loaded = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const chunk = loaded.find((e) => /\/widget\/[^/]+\/bookwell-[\w-]+\.js$/.test(e.name))!;
    const session = loaded.find((e) => e.name === `${api}/v1/session`)!;
    expect(session.startTime, 'the session left before the chunk had arrived').to.be.below(chunk.responseEnd);
  });
});
