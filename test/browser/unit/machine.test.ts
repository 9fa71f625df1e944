import { expect } from '@open-wc/testing';
import type { BookableTime, Booking, CatalogResponse } from '../../../src/contract/index.ts';
import { branchesFor, staffFor, start, transition, type Flow, type FlowContext } from '../../../src/widget/steps/machine.ts';

const catalog: CatalogResponse = {
  services: [
    { id: 'cut', name: 'Haircut', durationMinutes: 30, price: 25, groupBooking: false, maxParticipants: 1, staffIds: ['ann', 'bob'], branchIds: [] },
    { id: 'yoga', name: 'Yoga', durationMinutes: 60, price: null, groupBooking: true, maxParticipants: 8, staffIds: ['ann'], branchIds: ['north'] },
  ],
  staff: [
    { id: 'ann', name: 'Ann' },
    { id: 'bob', name: 'Bob' },
  ],
  branches: [
    { id: 'north', name: 'North', address: null },
    { id: 'south', name: 'South', address: null },
  ],
};
const ctx: FlowContext = { catalog, preset: {} };
const time: BookableTime = { start: '2026-12-01T09:00:00+02:00', end: '2026-12-01T09:30:00+02:00', staff: null, placesLeft: null, ref: 'r1' };
const customer = { firstName: 'Dana', lastName: 'Levi', cell: '0501234567' };

function walk(flow: Flow, ...events: Parameters<typeof transition>[1][]): Flow {
  return events.reduce((f, e) => transition(f, e, ctx), flow);
}

describe('the step machine', () => {
  it('asks staff and branch when a service has several of each', () => {
    const flow = walk(start(ctx), { type: 'service', service: 'cut' });
    expect(flow.step).to.equal('staff');
    expect(walk(flow, { type: 'staff', staff: null }).step).to.equal('branch');
  });

  it('staff and branch narrow each other: a staff member working at one branch books there, a preset branch offers only its staff', () => {
    const placed: FlowContext = {
      catalog: {
        ...catalog,
        staff: [
          { id: 'ann', name: 'Ann', branchIds: ['north'] },
          { id: 'bob', name: 'Bob', branchIds: ['north', 'south'] },
          { id: 'cy', name: 'Cy' },
        ],
        services: [{ ...catalog.services[0]!, staffIds: ['ann', 'bob', 'cy'] }],
      },
      preset: {},
    };
    const go = (flow: Flow, ...events: Parameters<typeof transition>[1][]) => events.reduce((f, e) => transition(f, e, placed), flow);
    const ann = go(start(placed), { type: 'service', service: 'cut' }, { type: 'staff', staff: 'ann' });
    expect([ann.step, ann.choices.branch]).to.deep.equal(['when', 'north']);
    expect(go(start(placed), { type: 'service', service: 'cut' }, { type: 'staff', staff: 'bob' }).step).to.equal('branch');
    expect(go(start(placed), { type: 'service', service: 'cut' }, { type: 'staff', staff: 'cy' }).step, 'no branch ids: everywhere').to.equal(
      'branch',
    );
    // Back to the staff, another one: a branch where they do not work is not kept.
    const south = go(
      start(placed),
      { type: 'service', service: 'cut' },
      { type: 'staff', staff: 'bob' },
      { type: 'branch', branch: 'south' },
      { type: 'change', step: 'staff' },
      { type: 'staff', staff: 'ann' },
    );
    expect([south.step, south.choices.branch]).to.deep.equal(['when', 'north']);
    // A preset branch offers only who works there: at south, Bob and Cy.
    const atSouth: FlowContext = { ...placed, preset: { branch: 'south' } };
    expect(staffFor(atSouth, 'cut', 'south').map((s) => s.id)).to.deep.equal(['bob', 'cy']);
    expect(branchesFor(placed, 'cut', 'ann').map((b) => b.id)).to.deep.equal(['north']);
    expect(
      branchesFor(placed, 'cut', null).map((b) => b.id),
      '"any available" keeps every branch',
    ).to.deep.equal(['north', 'south']);
  });

  it('skips the steps a service has only one answer for, and asks participants for group slots', () => {
    const flow = walk(start(ctx), { type: 'service', service: 'yoga' });
    expect(flow.step).to.equal('participants');
    expect(flow.choices.staff).to.equal('ann');
    expect(flow.choices.branch).to.equal('north');
  });

  it('skips preset steps', () => {
    const preset: FlowContext = { catalog, preset: { service: 'cut', staff: 'bob', branch: 'south' } };
    const flow = start(preset);
    expect(flow.step).to.equal('when');
    expect(flow.choices).to.include({ service: 'cut', staff: 'bob', branch: 'south' });
  });

  it('ignores a preset service the catalog does not offer', () => {
    expect(start({ catalog, preset: { service: 'nope' } }).step).to.equal('service');
  });

  it('goes back step by step and keeps every choice made', () => {
    let flow = walk(
      start(ctx),
      { type: 'service', service: 'cut' },
      { type: 'staff', staff: 'bob' },
      { type: 'branch', branch: 'south' },
      { type: 'date', date: '2026-12-01' },
      { type: 'time', time },
      { type: 'details', customer },
    );
    expect(flow.step).to.equal('details');
    const back = ['when', 'branch', 'staff', 'service'];
    for (const step of back) {
      flow = transition(flow, { type: 'back' }, ctx);
      expect(flow.step).to.equal(step);
    }
    expect(flow.choices).to.deep.include({ service: 'cut', staff: 'bob', branch: 'south', date: '2026-12-01', time, customer });
    expect(transition(flow, { type: 'back' }, ctx)).to.equal(flow);
  });

  it('forgets the date and time when an earlier answer changes, but not the customer', () => {
    let flow = walk(
      start(ctx),
      { type: 'service', service: 'cut' },
      { type: 'staff', staff: 'bob' },
      { type: 'branch', branch: 'south' },
      { type: 'date', date: '2026-12-01' },
      { type: 'time', time },
      { type: 'details', customer },
    );
    flow = walk(flow, { type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'staff', staff: 'ann' });
    expect(flow.choices.date).to.equal(undefined);
    expect(flow.choices.time).to.equal(undefined);
    expect(flow.choices.customer).to.deep.equal(customer);
  });

  it('brings the customer back to the same date when the time was taken', () => {
    const flow = walk(start({ catalog, preset: { service: 'cut', staff: 'bob', branch: 'south' } }));
    const taken = walk(flow, { type: 'date', date: '2026-12-01' }, { type: 'time', time }, { type: 'details', customer }, { type: 'slot_taken' });
    expect(taken.step).to.equal('when');
    expect(taken.notice).to.equal('slot_taken');
    expect(taken.choices.date).to.equal('2026-12-01');
    expect(taken.choices.time).to.equal(undefined);
    expect(taken.history).to.deep.equal([]);
  });

  it("shows a date's times on the same step, and a time leads to the details", () => {
    const flow = start({ catalog, preset: { service: 'cut', staff: 'bob', branch: 'south' } });
    const dated = walk(flow, { type: 'date', date: '2026-12-01' });
    expect(dated.step).to.equal('when');
    expect(dated.history).to.deep.equal([]);
    expect(walk(dated, { type: 'date', date: '2026-12-02' }).choices.date).to.equal('2026-12-02');
    expect(walk(dated, { type: 'time', time }).step).to.equal('details');
  });

  it('follows a summary link back to an earlier step, keeping the choices', () => {
    const flow = walk(
      start(ctx),
      { type: 'service', service: 'cut' },
      { type: 'staff', staff: 'bob' },
      { type: 'branch', branch: 'south' },
      { type: 'date', date: '2026-12-01' },
      { type: 'time', time },
    );
    const changed = transition(flow, { type: 'change', step: 'staff' }, ctx);
    expect(changed.step).to.equal('staff');
    expect(changed.history).to.deep.equal(['service']);
    expect(changed.choices).to.deep.include({ staff: 'bob', date: '2026-12-01', time });
    expect(transition(flow, { type: 'change', step: 'participants' }, ctx)).to.equal(flow);
  });

  it('ends on the result, which back cannot leave, and starts over keeping the customer', () => {
    const booking = { id: 'b1', status: 'confirmed' } as Booking;
    const done = walk(start(ctx), { type: 'service', service: 'yoga' }, { type: 'participants', participants: 3 }, { type: 'booked', booking });
    expect(done.step).to.equal('result');
    expect(transition(done, { type: 'back' }, ctx)).to.equal(done);
    const again = walk(done, { type: 'details', customer }, { type: 'restart' });
    expect(again.step).to.equal('service');
    expect(again.choices.customer).to.deep.equal(customer);
  });
});
