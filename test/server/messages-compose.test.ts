/** Every message kind in every language: subject, e-mail text and HTML, SMS; links where they belong; untrusted text escaped. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languages } from '../../src/contract/common.ts';
import { composeMessage, writeWhen } from '../../src/server/messages/compose.ts';
import type { BookingMessageKind, MessageFacts } from '../../src/server/messages/facts.ts';
import { messageKinds } from '../../src/server/notify/notifier.ts';

const kinds = messageKinds.filter((k): k is BookingMessageKind => k !== 'confirmation_code');
const links = {
  manageUrl: 'https://book.example/manage/?site=s#bookwell-manage=TOKEN',
  approveUrl: 'https://book.example/decide/A',
  declineUrl: 'https://book.example/decide/D',
};
const facts = (kind: BookingMessageKind, lang: (typeof languages)[number]): MessageFacts => ({
  kind,
  lang,
  siteName: 'Studio <b>',
  sitePhone: '03-5550000',
  address: 'Herzl 1 & Co',
  customerName: '<script>alert(1)</script>',
  customerCell: '+972501234567',
  service: 'Yoga "flow"',
  staff: 'Dana',
  when: writeWhen(lang, 'Asia/Jerusalem', '2026-12-03T08:00:00+02:00'),
  participants: 2,
  price: '₪120',
  reference: 'bk_ref',
  ...links,
  comingUrl: `${links.manageUrl}&bookwell-answer=yes`,
  notComingUrl: `${links.manageUrl}&bookwell-answer=no`,
});

const expectedLinks: Partial<Record<BookingMessageKind, string[]>> = {
  booked: [links.manageUrl],
  awaiting_approval: [links.manageUrl],
  approved: [links.manageUrl],
  reminder: [`${links.manageUrl}&bookwell-answer=yes`, `${links.manageUrl}&bookwell-answer=no`],
  business_approval: [links.approveUrl, links.declineUrl],
};

describe('message texts', () => {
  for (const lang of languages) {
    for (const kind of kinds) {
      it(`${kind} in ${lang}`, () => {
        const m = composeMessage(facts(kind, lang));
        assert.ok(m.subject.length > 5 && m.text.length > 20 && m.sms.length > 10);
        assert.ok(!m.html.includes('<script>alert') && m.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is escaped in the HTML');
        assert.ok(!m.html.includes('Studio <b>') && m.html.includes('Studio &lt;b&gt;'));
        assert.match(m.html, new RegExp(`<html lang="${lang}" dir="${lang === 'he' ? 'rtl' : 'ltr'}"`));
        assert.ok(m.text.includes(facts(kind, lang).when), 'the time, written in the language');
        for (const url of expectedLinks[kind] ?? []) {
          assert.ok(m.text.includes(url) && m.sms.includes(url), `${url} in text and SMS`);
          assert.ok(m.html.includes(`href="${url.replace(/&/g, '&amp;')}"`), `${url} as a link in the HTML`);
        }
        if (!expectedLinks[kind]) assert.ok(!m.text.includes('https://'), 'no link where none belongs');
        if (kind.startsWith('business_')) assert.ok(!m.text.includes('bookwell-manage'), "the customer's manage link never goes to the business");
        if (lang !== 'en') assert.notEqual(m.subject, composeMessage(facts(kind, 'en')).subject, 'translated, not English');
      });
    }
  }

  it('writes the time on the site wall clock in the language', () => {
    assert.equal(writeWhen('en', 'Asia/Jerusalem', '2026-12-03T06:00:00Z'), 'Thursday, December 3 at 08:00 AM');
    assert.match(writeWhen('he', 'Asia/Jerusalem', '2026-12-03T06:00:00Z'), /יום חמישי.*08:00/);
    assert.match(writeWhen('nl', 'Europe/Amsterdam', '2026-12-03T06:00:00Z'), /donderdag 3 december.*07:00/);
    assert.match(writeWhen('fr', 'Europe/Paris', '2026-12-03T06:00:00Z'), /jeudi 3 décembre.*07:00/);
  });
});
