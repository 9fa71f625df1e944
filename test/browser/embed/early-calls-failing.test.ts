/**
 * When a call /widget.js started fails, the widget asks again itself; when that fails too, the customer reads why and
 * can try again. Real backend and production build; the failures are made in this page's fetch.
 */
import { expect } from '@open-wc/testing';
import en from '../../../src/widget/i18n/en.ts';
import { until } from '../keyboard.ts';
import { startBackend } from './backend.ts';
import { addModuleScript, addWidget, bookableDate, calendarPreset, recordFetches } from './early-calls-page.ts';

describe('a first call of /widget.js that fails', () => {
  let api = '';

  before(async function () {
    this.timeout(120_000);
    api = await startBackend('embed-early-calls-failing');
  });

  it('is asked again by the widget; when that fails too the customer reads why, and trying again works', async function () {
    this.timeout(60_000);
    const studioPreset = await calendarPreset(api, 'demo-studio');
    const clinicPreset = await calendarPreset(api, 'demo-clinic');
    const studioSession = JSON.stringify({ site: 'demo-studio', catalog: true });
    let studioDown = true;
    const fetched = recordFetches((call) => {
      // The studio's sessions fail (a dropped connection) until it is back; the clinic's early dates meet a proxy's 503.
      if (studioDown && call.body === studioSession) return Promise.reject(new TypeError('Failed to fetch'));
      if (call.by === 'widget.js' && call.url.includes('/v1/availability/dates?')) return Promise.resolve(new Response('', { status: 503 }));
      return undefined;
    });
    const studio = addWidget({ site: 'demo-studio', api, lang: 'en', ...studioPreset });
    const clinic = addWidget({ site: 'demo-clinic', api, lang: 'en', ...clinicPreset });
    await addModuleScript(`${api}/widget.js`);

    await until(() => bookableDate(clinic), "the clinic's bookable date", 30_000);
    const clinicDates = fetched.filter((f) => f.url.includes('/v1/availability/dates?') && f.url.includes(`service=${clinicPreset['service']}`));
    expect(clinicDates.map((f) => f.by).slice(0, 2), 'the early dates failed; the widget asked again').to.deep.equal(['widget.js', 'widget']);
    expect(clinicDates[1]?.url).to.equal(clinicDates[0]?.url);

    const alert = await until(() => studio.shadowRoot?.querySelector('[role="alert"]'), "the studio's error", 30_000);
    expect(alert.textContent?.trim()).to.equal(en.errors.network);
    const studioSessions = fetched.filter((f) => f.body === studioSession);
    expect(
      studioSessions.map((f) => f.by),
      'the early session failed; the widget asked again',
    ).to.deep.equal(['widget.js', 'widget']);
    studioDown = false;
    studio.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await until(() => bookableDate(studio), "the studio's bookable date after trying again", 30_000);
  });
});
