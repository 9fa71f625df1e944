import { expect } from '@open-wc/testing';
import { render } from 'lit';
import en from '../../../src/widget/i18n/en.ts';
import he from '../../../src/widget/i18n/he.ts';
import { businessBlock } from '../../../src/widget/views/business.ts';

function shown(business: Parameters<typeof businessBlock>[1], m = en): HTMLElement {
  const box = document.createElement('div');
  render(businessBlock(m, business), box);
  return box;
}

describe('the business block', () => {
  it('names the business, links its address to directions and its phone to a call', () => {
    const box = shown({ name: 'Bookwell Demo Studio', address: 'Keizersgracht 123, 1015 CJ Amsterdam', phone: '+31 20 555 0100' });
    expect(box.querySelector('[part="business-name"]')?.textContent).to.equal('Bookwell Demo Studio');
    expect(box.querySelector('[part="business-address"]')?.textContent).to.contain('Keizersgracht 123, 1015 CJ Amsterdam');
    const directions = new URL(box.querySelector<HTMLAnchorElement>('[part="business-address"] a')!.href);
    expect(directions.searchParams.get('query')).to.equal('Keizersgracht 123, 1015 CJ Amsterdam');
    const phone = box.querySelector<HTMLAnchorElement>('[part="business-phone"]')!;
    expect(phone.getAttribute('href')).to.equal('tel:+31205550100');
    expect(phone.getAttribute('aria-label')).to.equal('Call +31 20 555 0100');
  });

  it("leaves out what the platform does not give, and keeps a Hebrew page's phone number left to right", () => {
    const bare = shown({ name: 'Salon' });
    expect(bare.querySelector('[part="business-address"]') === null && bare.querySelector('[part="business-phone"]') === null).to.equal(true);
    const hebrew = shown({ name: 'מרפאת הדגמה', phone: '03-555-0100' }, he);
    expect(hebrew.querySelector('[part="business-phone"] span')?.getAttribute('dir')).to.equal('ltr');
    expect(hebrew.querySelector('[part="business-phone"]')?.getAttribute('aria-label')).to.equal('התקשרות אל 03-555-0100');
  });
});
