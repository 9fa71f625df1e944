import { expect } from '@open-wc/testing';
import { languages } from '../../../src/contract/index.ts';
import { loadMessages } from '../../../src/widget/i18n/load.ts';

/** Every message path, so a language missing one (or saying one the others do not) shows up by name. */
function paths(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

describe('the languages', () => {
  it('each say every message English says, and nothing else', async () => {
    const en = paths(await loadMessages('en')).sort();
    for (const lang of languages) expect(paths(await loadMessages(lang)).sort(), lang).to.deep.equal(en);
  });

  it('fill in what they are given', async () => {
    for (const lang of languages) {
      const m = await loadMessages(lang);
      expect(m.placesLeft(3), lang).to.contain('3');
      expect(m.nextAvailable('X'), lang).to.contain('X');
      expect(m.timesIn('A', 'B'), lang).to.contain('A').and.contain('B');
      expect(m.manageLink.fromReminder(m.yes), lang).to.contain(m.yes);
    }
  });

  it('name the failures of booking twice at once, cancelling and answering too late, in every language', async () => {
    for (const lang of languages) {
      const m = await loadMessages(lang);
      for (const code of ['idempotency_conflict', 'idempotency_in_progress', 'cancel_not_allowed', 'attendance_not_allowed']) {
        expect(m.errors[code], `${lang} ${code}`).to.be.a('string').and.not.equal(m.errors.generic);
      }
    }
  });

  it('read right to left in Hebrew only', async () => {
    for (const lang of languages) expect((await loadMessages(lang)).dir, lang).to.equal(lang === 'he' ? 'rtl' : 'ltr');
  });
});
