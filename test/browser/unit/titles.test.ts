import { expect } from '@open-wc/testing';
import { languages } from '../../../src/contract/index.ts';
import { mount } from '../../../src/embed/host.ts';
import { embedPageHtml, managePageHtml } from '../../../src/embed/pages.ts';

const titleOf = (page: string) => new DOMParser().parseFromString(page, 'text/html').title;
const wanted = {
  he: ['קביעת תור', 'התור שלך'],
  en: ['Book an appointment', 'Your appointment'],
  nl: ['Afspraak maken', 'Uw afspraak'],
  fr: ['Prendre rendez-vous', 'Votre rendez-vous'],
};

describe('page and frame titles', () => {
  it('name the embed page and the manage page in their language', () => {
    for (const lang of languages) {
      const embed = embedPageHtml({ site: 's', api: 'http://x.test', lang, script: '/frame.js', origins: [] });
      expect(titleOf(embed), lang).to.equal(wanted[lang][0]);
      expect(titleOf(managePageHtml({ api: 'http://x.test', lang, script: '/widget.js' })), lang).to.equal(wanted[lang][1]);
    }
    expect(titleOf(managePageHtml({ api: 'http://x.test', script: '/widget.js' }))).to.equal('Your appointment');
  });

  it('name the iframe in the frame language, else the host page language, unless the page names it', () => {
    const target = () => document.createElement('div');
    for (const lang of languages) expect(mount(target(), { site: 's', lang }).title, lang).to.equal(wanted[lang][0]);
    const before = document.documentElement.lang;
    document.documentElement.lang = 'nl-NL';
    try {
      expect(mount(target(), { site: 's' }).title).to.equal('Afspraak maken');
    } finally {
      document.documentElement.lang = before;
    }
    const named = target();
    named.setAttribute('data-title', 'Reserveren bij Studio');
    expect(mount(named, { site: 's', lang: 'nl' }).title).to.equal('Reserveren bij Studio');
  });
});
