/**
 * The fake's account: one company in Paris (a hair and care salon) with French names, accents included, as a
 * business would type them. Another account's company exists too, to show a key cannot reach it.
 */

export interface FakeFormItem {
  id: string;
  type: string;
  title: string;
  bind?: string;
  mandatory: boolean;
  visible: boolean;
}

export interface FakeService {
  id: string;
  name: string;
  i18n: Record<string, { name: string }>;
  duration: number;
  bufferDuration: number;
  price: number | { amount: number; currency: string } | null;
  capacity: number;
  /** Minutes before the start after which an appointment may not be cancelled. */
  maxCancellationDelay: number;
  /** Minutes ahead: the soonest and furthest start. */
  minAppointmentDate: number;
  maxAppointmentDate: number;
  staff: string[];
  formItems: FakeFormItem[];
  visible: boolean;
}

export interface FakeStaff {
  id: string;
  firstName: string;
  lastName: string;
}

export interface FakeClient {
  id: string;
  firstName: string;
  lastName: string;
  emailAddresses: Array<{ email: string; primary: boolean }>;
  phoneNumbers: Array<{ number: string; primary: boolean; mobile: boolean }>;
}

export type NativeStatus = 'completed' | 'noShow' | 'accepted' | 'pending' | 'declined' | 'cancelled' | 'inProgress';

export interface FakeAppointment {
  id: string;
  reference: string;
  companyId: string;
  service: string;
  staff: string;
  client: string;
  /** Epoch ms. */
  start: number;
  end: number;
  status: NativeStatus;
  customStatus: string | null;
  notes: string;
  form: Array<{ id: string; value: string }>;
  silent: boolean;
  extendedProperties: { private?: Record<string, unknown>; public?: Record<string, unknown> };
  history: Array<{ text: string; at: number }>;
  deleted: boolean;
  created: number;
}

export interface FakeWatch {
  id: string;
  companyId: string;
  address: string;
  basicAuth?: { username: string; password: string } | undefined;
}

export interface FakeCompany {
  id: string;
  name: string;
  timeZone: string;
  phone: string;
  /** As parts, the way the vendor's libraries model a company's address. */
  address?: { street: string; zipCode: string; city: string; country: string };
  /** Opening hours per weekday (0 = Sunday) as [from, to] minutes of the day. */
  hours: Record<number, Array<[number, number]>>;
  services: FakeService[];
  staff: FakeStaff[];
  customStatuses: Array<{ id: string; name: string }>;
  /** Whether the account lets the API change an appointment's native status (else only DELETE cancels). */
  allowsStatusUpdate: boolean;
}

export interface FakeAccount {
  apiKey: string;
  token: string;
  companies: string[];
}

const weekdays: Array<[number, number]> = [
  [9 * 60, 12 * 60],
  [14 * 60, 18 * 60],
];

export function salon(): FakeCompany {
  return {
    id: '1001',
    name: 'Salon Hélène & Fils',
    timeZone: 'Europe/Paris',
    phone: '01 42 00 00 00',
    address: { street: '12 rue des Martyrs', zipCode: '75009', city: 'Paris', country: 'France' },
    hours: { 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: [[9 * 60, 13 * 60]] },
    services: [
      {
        id: '2001',
        name: 'Coupe femme',
        i18n: { fr: { name: 'Coupe femme' }, en: { name: "Women's haircut" }, nl: { name: 'Knippen dames' } },
        duration: 30,
        bufferDuration: 0,
        price: 45,
        capacity: 1,
        maxCancellationDelay: 24 * 60,
        // Two days ahead at the soonest: a fresh booking can always still be cancelled, whatever the hour of the test.
        minAppointmentDate: 2 * 24 * 60,
        maxAppointmentDate: 90 * 24 * 60,
        staff: ['3001', '3002'],
        formItems: [],
        visible: true,
      },
      {
        id: '2002',
        name: 'Atelier coloration',
        i18n: { fr: { name: 'Atelier coloration' }, en: { name: 'Colour workshop' } },
        duration: 60,
        bufferDuration: 15,
        price: { amount: 80, currency: 'EUR' },
        capacity: 3,
        maxCancellationDelay: 48 * 60,
        minAppointmentDate: 60,
        maxAppointmentDate: 90 * 24 * 60,
        staff: ['3002'],
        formItems: [],
        visible: true,
      },
      {
        id: '2003',
        name: 'Soin du visage',
        i18n: {},
        duration: 45,
        bufferDuration: 0,
        price: null,
        capacity: 1,
        maxCancellationDelay: 0,
        minAppointmentDate: 60,
        maxAppointmentDate: 90 * 24 * 60,
        staff: ['3001'],
        formItems: [{ id: 'f-allergies', type: 'text', title: 'Allergies connues', mandatory: true, visible: true }],
        visible: true,
      },
      {
        id: '2004',
        name: 'Réunion d’équipe',
        i18n: {},
        duration: 60,
        bufferDuration: 0,
        price: null,
        capacity: 1,
        maxCancellationDelay: 0,
        minAppointmentDate: 0,
        maxAppointmentDate: 90 * 24 * 60,
        staff: ['3001', '3002'],
        formItems: [],
        visible: false,
      },
    ],
    staff: [
      { id: '3001', firstName: 'Hélène', lastName: 'Dupont' },
      { id: '3002', firstName: 'François', lastName: 'Noël' },
      { id: '3003', firstName: 'Zoé', lastName: 'Martin' },
    ],
    customStatuses: [
      { id: '501', name: 'Venue confirmée' },
      { id: '502', name: 'Ne viendra pas' },
    ],
    allowsStatusUpdate: true,
  };
}

export function otherCompany(): FakeCompany {
  return { ...salon(), id: '1999', name: 'Autre entreprise', services: [], staff: [] };
}

export const accounts: FakeAccount[] = [
  { apiKey: 'agz-key-7f3a9c1e', token: 'agz-token-52b8d0e4', companies: ['1001'] },
  { apiKey: 'agz-key-other', token: 'agz-token-other', companies: ['1999'] },
];
