import { expect } from '@open-wc/testing';
import type { CatalogResponse } from '../../../src/contract/index.ts';
import { firstDatesChoice, type Preset } from '../../../src/embed/early-calls.ts';
import { start } from '../../../src/widget/steps/machine.ts';
import { catalog } from '../component/fake-api.ts';

const service = (id: string, staffIds: string[], branchIds: string[] = [], group = false) => ({
  id,
  name: id,
  durationMinutes: 30,
  price: null,
  groupBooking: group,
  maxParticipants: group ? 6 : 1,
  staffIds,
  branchIds,
});

/** Catalogs with every shape the first steps depend on: one or many staff, branches, staff tied to branches, a group. */
const catalogs: CatalogResponse[] = [
  catalog,
  {
    services: [service('solo', ['dana']), service('pair', ['dana', 'eli']), service('nobody', [])],
    staff: [
      { id: 'dana', name: 'Dana' },
      { id: 'eli', name: 'Eli' },
    ],
    branches: [],
  },
  {
    services: [service('cut', ['dana', 'eli']), service('north-only', ['eli'], ['north']), service('class', ['dana'], [], true)],
    staff: [
      { id: 'dana', name: 'Dana', branchIds: ['north'] },
      { id: 'eli', name: 'Eli' },
    ],
    branches: [
      { id: 'north', name: 'North', address: null },
      { id: 'south', name: 'South', address: null },
    ],
  },
  {
    services: [service('cut', ['dana'])],
    staff: [{ id: 'dana', name: 'Dana' }],
    branches: [{ id: 'only', name: 'Only', address: null }],
  },
];

/** The first dates the flow asks for: its choices when it starts on the calendar, none otherwise. */
function flowsFirstDates(catalogue: CatalogResponse, preset: Preset) {
  const flow = start({
    catalog: catalogue,
    preset: { service: preset.service || undefined, staff: preset.staff || undefined, branch: preset.branch || undefined },
  });
  if (flow.step !== 'when' || !flow.choices.service) return undefined;
  const { service: id, staff, branch } = flow.choices;
  return { service: id, ...(staff ? { staff } : {}), ...(branch ? { branch } : {}) };
}

describe("/widget.js's guess of the first dates", () => {
  it('names the dates the booking flow asks first, or none when a step comes before the calendar', () => {
    let guessed = 0;
    for (const catalogue of catalogs) {
      const services = [null, 'unknown', ...catalogue.services.map((s) => s.id)];
      const staff = [null, ...catalogue.staff.map((s) => s.id)];
      const branches = [null, ...catalogue.branches.map((b) => b.id)];
      for (const s of services)
        for (const st of staff)
          for (const b of branches) {
            const preset = { service: s, staff: st, branch: b };
            const expected = flowsFirstDates(catalogue, preset);
            expect(firstDatesChoice(catalogue, preset), JSON.stringify(preset)).to.deep.equal(expected);
            if (expected) guessed++;
          }
    }
    // Not a comparison of two empty answers: many presets do start on the calendar.
    expect(guessed).to.be.greaterThan(10);
  });
});
