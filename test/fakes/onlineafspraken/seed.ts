/**
 * The fake OnlineAfspraken's accounts: what a business would have set up in its back office.
 * Salon (SHA1, confirmation codes on, a required appointment field, two agendas) and Fysio (SHA256, no codes,
 * an agenda without a name, one resource: the one-item lists the XML turns into bare elements).
 */

export interface FakeType {
  Id: string;
  Name: string;
  Status: '1' | '2';
  SchedulingType: 'resource' | 'capacity';
  PriceType: '1' | '2' | '3';
  Price: string;
  Duration: number;
  Buffer: number;
  MinTimeBeforeAppointment: number;
  MaxTimeBeforeAppointment: number;
  CanBeBookedByConsumer: '0' | '1';
  Capacity: number;
  ResourceId: string[];
  /** Not in the API: the back office's "cancel no later than … minutes before" setting, enforced on Mode=customer. */
  cancelMinutes: number;
}

export interface FakeResource {
  Id: string;
  Name: string;
  Status: '1' | '2';
}

export interface FakeField {
  Id: string;
  Label: string;
  Key: string;
  Type: 'Appointment' | 'Registration';
  Required: '0' | '1';
}

export interface FakeCustomer {
  Id: string;
  FirstName: string;
  LastName: string;
  Email: string;
  MobilePhone: string;
  Status: '1' | '2' | '3';
  extra: Record<string, string>;
}

export interface FakeAppointment {
  Id: string;
  AgendaId: string;
  AppointmentTypeId: string;
  CustomerId: string;
  /** Wall clock, Europe/Amsterdam: `yyyy-mm-dd`, `hh:mm`. */
  date: string;
  start: string;
  /** Minutes from midnight. */
  startMinute: number;
  endMinute: number;
  blockedUntilMinute: number;
  ResourceId: string;
  Description: string;
  /** 1 enabled, 2 cancelled. */
  Status: '1' | '2';
  /** 1 pending, 2 approved, 4 cancelled. */
  Label: '1' | '2' | '4';
  code: string | null;
  extra: Record<string, string>;
  createdAt: string;
}

export interface FakeAccount {
  key: string;
  secret: string;
  algorithm: 'sha1' | 'sha256';
  requiresConfirmation: boolean;
  agendas: Array<{ Id: string; Name: string }>;
  types: FakeType[];
  resources: FakeResource[];
  fields: FakeField[];
  customers: FakeCustomer[];
  appointments: FakeAppointment[];
  /** Opening hours per weekday (0 = Sunday): [from, to] in minutes, the same for every resource. */
  hours: Record<number, [number, number]>;
}

const type = (t: Partial<FakeType> & Pick<FakeType, 'Id' | 'Name' | 'Duration'>): FakeType => ({
  Status: '1',
  SchedulingType: 'resource',
  PriceType: '1',
  Price: '0.00',
  Buffer: 0,
  MinTimeBeforeAppointment: 60,
  MaxTimeBeforeAppointment: 43_200,
  CanBeBookedByConsumer: '1',
  Capacity: 1,
  ResourceId: [],
  cancelMinutes: 1440,
  ...t,
});

const weekdays = { 1: [540, 1020], 2: [540, 1020], 3: [540, 1020], 4: [540, 1020], 5: [540, 1020], 6: [600, 840] } as Record<
  number,
  [number, number]
>;

export function salonAccount(): FakeAccount {
  return {
    key: 'oa-demo-salon-key',
    secret: 'oa-demo-salon-secret',
    algorithm: 'sha1',
    requiresConfirmation: true,
    agendas: [
      { Id: '1337', Name: 'Kapsalon Amstel' },
      { Id: '1338', Name: 'Kapsalon Amstel (Zuid)' },
    ],
    types: [
      type({ Id: '101', Name: 'Knippen', Duration: 30, Price: '35.00', ResourceId: ['187', '188', '189'], cancelMinutes: 30 }),
      type({ Id: '102', Name: 'Kleuren', Duration: 90, Buffer: 15, PriceType: '2', Price: '80.00', ResourceId: ['188'], cancelMinutes: 10_080 }),
      type({ Id: '103', Name: 'Intern overleg', Duration: 60, CanBeBookedByConsumer: '0', ResourceId: ['187'] }),
      type({ Id: '104', Name: 'Permanent (oud)', Duration: 120, Status: '2', ResourceId: ['187'] }),
      type({
        Id: '105',
        Name: 'Workshop haarverzorging',
        Duration: 120,
        SchedulingType: 'capacity',
        Capacity: 3,
        PriceType: '3',
        ResourceId: [],
        cancelMinutes: 0,
      }),
    ],
    resources: [
      { Id: '187', Name: 'Sanne de Vries', Status: '1' },
      { Id: '188', Name: 'Daan Bakker', Status: '1' },
      { Id: '189', Name: 'Oud-medewerker', Status: '2' },
    ],
    fields: [
      { Id: '11', Label: 'Toelichting', Key: 'Toelichting', Type: 'Appointment', Required: '1' },
      { Id: '12', Label: 'Klantnummer', Key: 'Klantnummer', Type: 'Registration', Required: '0' },
    ],
    customers: [
      { Id: '5001', FirstName: 'Gerrit', LastName: 'Pieterse', Email: 'gerrit@example.nl', MobilePhone: '0612345678', Status: '1', extra: {} },
    ],
    appointments: [],
    hours: weekdays,
  };
}

export function fysioAccount(): FakeAccount {
  return {
    key: 'oa-demo-fysio-key',
    secret: 'oa-demo-fysio-secret',
    algorithm: 'sha256',
    requiresConfirmation: false,
    agendas: [{ Id: '2001', Name: '' }],
    types: [
      type({
        Id: '201',
        Name: 'Fysiotherapie',
        Duration: 45,
        Price: '42.50',
        ResourceId: ['301'],
        MinTimeBeforeAppointment: 0,
        MaxTimeBeforeAppointment: 0,
        cancelMinutes: 60,
      }),
    ],
    resources: [{ Id: '301', Name: 'Praktijkruimte 1', Status: '1' }],
    fields: [{ Id: '21', Label: 'Verzekeraar', Key: 'Verzekeraar', Type: 'Registration', Required: '0' }],
    customers: [],
    appointments: [],
    hours: weekdays,
  };
}
