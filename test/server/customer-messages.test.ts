import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendsCustomerMessages, type SiteConfig } from '../../src/server/config/sites.ts';
import { fakeSites as agendize } from '../fakes/agendize/sites.ts';
import { fakeSites as onlineAfspraken } from '../fakes/onlineafspraken/sites.ts';
import { fakeSites as timeTap } from '../fakes/timetap/sites.ts';
import { fakeSites as tor4you } from '../fakes/tor4you/sites.ts';
import { testSites } from './server-fixture.ts';

// The site configs read the fake's address and credentials; any text does.
const anything: object = new Proxy(
  {},
  {
    get: (_, key) =>
      key === Symbol.toPrimitive ? () => 'fake-value-0123456789' : key === 'url' ? 'http://127.0.0.1:9' : key === 'id' ? '1001' : anything,
  },
);
const fake = anything as never;
const withProvider = (site: SiteConfig, provider: object): SiteConfig => ({ ...site, provider: { ...site.provider, ...provider } }) as SiteConfig;

describe('who writes to the customer after booking, when the site does not say', () => {
  test("Bookwell, where the platform's own documents say it sends nothing", () => {
    const engine = testSites()[0]!;
    const { clinic } = timeTap(fake);
    const { salon } = agendize(fake);
    const { slots } = tor4you(fake);
    assert.equal(sendsCustomerMessages(engine), true, 'the embedded engine sends none of its own');
    assert.equal(sendsCustomerMessages(withProvider(clinic, { sendConfirmationToClient: false })), true, 'TimeTap told not to confirm');
    assert.equal(sendsCustomerMessages(withProvider(salon, { silent: true })), true, 'Agendize silenced');
    assert.equal(sendsCustomerMessages(withProvider(slots, { sendNotice: false })), true, 'Tor4You without its notices');
  });

  test('the platform, where it sends its own', () => {
    const { clinic } = timeTap(fake);
    assert.equal(sendsCustomerMessages(clinic), false, 'TimeTap sends its confirmation by default (sendConfirmationToClient)');
    assert.equal(sendsCustomerMessages(withProvider(agendize(fake).salon, { silent: false })), false);
    assert.equal(sendsCustomerMessages(withProvider(tor4you(fake).slots, { sendNotice: true })), false);
    assert.equal(sendsCustomerMessages(onlineAfspraken(fake).salon), false, 'OnlineAfspraken confirms by its own settings');
  });

  test("the site's own setting wins either way", () => {
    assert.equal(sendsCustomerMessages({ ...timeTap(fake).clinic, customerMessages: true }), true);
    assert.equal(sendsCustomerMessages({ ...testSites()[0]!, customerMessages: false }), false);
  });
});
