/**
 * The fake's business: a US clinic with two New York locations and a staff member who works from Chicago
 * (her times are in Central time while the location's are in Eastern). English names, numbers as numbers.
 */

export interface FakeLocation {
  locationId: number;
  locationName: string;
  active: boolean;
  address1: string;
  city: string;
  state: string;
  zip: string;
  /** TimeTap's own zone code (GET /timezones maps it). */
  timeZoneCode: string;
}

export interface FakeReason {
  reasonId: number;
  reasonDesc: string;
  reasonType: 'SERVICE' | 'CLASS' | 'PERSONAL';
  visitMinutes: number;
  bufferBefore: number | null;
  bufferAfter: number | null;
  price: number | null;
  active: boolean;
  isPrivate: boolean;
}

export interface FakeStaff {
  professionalId: number;
  firstName: string;
  lastName: string;
  active: boolean;
  timeZoneCode: string;
  /** Working hours in the staff member's own zone: location -> weekday (0 = Sunday) -> [open, close) minutes. */
  hours: Record<number, Record<number, [number, number]>>;
}

export interface FakeClient {
  clientId: number;
  firstName: string;
  lastName: string;
  emailAddress: string;
  cellPhone: string;
  status: string;
}

export interface FakeAppointment {
  calendarId: number;
  clientId: number;
  locationId: number;
  professionalId: number;
  reasonId: number;
  /** Wall times in the staff member's zone, as posted. */
  clientStartDate: string;
  clientStartTime: number;
  clientEndDate: string;
  clientEndTime: number;
  startDate: string;
  startTime: number;
  endDate: string;
  endTime: number;
  status: string;
  subStatus: string;
  clientConfirmed: boolean;
  clientConfirmedDate: number | null;
  note: string;
  sendConfirmationToClient: boolean;
  sendConfirmationToStaff: boolean;
  clientReminderHours: number;
  staffReminderHours: number;
  remindClientSmsHrs: number;
  remindStaffSmsHrs: number;
  createdMs: number;
  cancelEmails: { staff: boolean; client: boolean } | null;
}

export interface FakeBusiness {
  businessId: number;
  privateKey: string;
  /** Nothing can be booked sooner than this after now. */
  minNoticeMinutes: number;
  /** Nor more days ahead than this. */
  maxAdvanceDays: number;
  /** Minutes between two bookable starts. */
  slotStepMinutes: number;
  timezones: Array<{ timeZoneId: number; timeZoneCode: string; timeZoneDesc: string; javaTimeZone: string }>;
  locations: FakeLocation[];
  reasons: FakeReason[];
  staff: FakeStaff[];
  serviceStaff: Record<number, number[]>;
  clients: FakeClient[];
  appointments: FakeAppointment[];
}

const weekdays = (open: number, close: number, days: number[]) => Object.fromEntries(days.map((d) => [d, [open, close] as [number, number]]));

export function clinic(): FakeBusiness {
  return {
    businessId: 40123,
    privateKey: 'tt-private-5c1e7a9d0b3f',
    minNoticeMinutes: 120,
    maxAdvanceDays: 60,
    slotStepMinutes: 30,
    timezones: [
      { timeZoneId: 6, timeZoneCode: 'ET', timeZoneDesc: 'Eastern Time (US & Canada)', javaTimeZone: 'America/New_York' },
      { timeZoneId: 7, timeZoneCode: 'CT', timeZoneDesc: 'Central Time (US & Canada)', javaTimeZone: 'America/Chicago' },
    ],
    locations: [
      {
        locationId: 501,
        locationName: 'Midtown Clinic',
        active: true,
        address1: '250 W 57th St',
        city: 'New York',
        state: 'NY',
        zip: '10107',
        timeZoneCode: 'ET',
      },
      {
        locationId: 502,
        locationName: 'Brooklyn Studio',
        active: true,
        address1: '80 Court St',
        city: 'Brooklyn',
        state: 'NY',
        zip: '11201',
        timeZoneCode: 'ET',
      },
      { locationId: 503, locationName: 'Old Office', active: false, address1: '', city: 'Newark', state: 'NJ', zip: '', timeZoneCode: 'ET' },
    ],
    reasons: [
      {
        reasonId: 601,
        reasonDesc: 'Consultation',
        reasonType: 'SERVICE',
        visitMinutes: 30,
        bufferBefore: null,
        bufferAfter: null,
        price: 75,
        active: true,
        isPrivate: false,
      },
      {
        reasonId: 602,
        reasonDesc: 'Therapy session',
        reasonType: 'SERVICE',
        visitMinutes: 60,
        bufferBefore: 0,
        bufferAfter: 15,
        price: 140,
        active: true,
        isPrivate: false,
      },
      {
        reasonId: 603,
        reasonDesc: 'Yoga class',
        reasonType: 'CLASS',
        visitMinutes: 60,
        bufferBefore: null,
        bufferAfter: null,
        price: 20,
        active: true,
        isPrivate: false,
      },
      {
        reasonId: 604,
        reasonDesc: 'Lunch',
        reasonType: 'PERSONAL',
        visitMinutes: 60,
        bufferBefore: null,
        bufferAfter: null,
        price: null,
        active: true,
        isPrivate: false,
      },
      {
        reasonId: 605,
        reasonDesc: 'Private intake',
        reasonType: 'SERVICE',
        visitMinutes: 45,
        bufferBefore: null,
        bufferAfter: null,
        price: null,
        active: true,
        isPrivate: true,
      },
      {
        reasonId: 606,
        reasonDesc: 'Retired service',
        reasonType: 'SERVICE',
        visitMinutes: 30,
        bufferBefore: null,
        bufferAfter: null,
        price: 50,
        active: false,
        isPrivate: false,
      },
    ],
    staff: [
      // Mon, Wed, Fri at Midtown; Tue, Thu in Brooklyn; 9:00 to 17:00 New York time.
      {
        professionalId: 701,
        firstName: 'Maria',
        lastName: 'Lopez',
        active: true,
        timeZoneCode: 'ET',
        hours: { 501: weekdays(540, 1020, [1, 3, 5]), 502: weekdays(540, 1020, [2, 4]) },
      },
      // Works from Chicago for Midtown: 8:00 to 12:00 Central, which is 9:00 to 13:00 in New York.
      {
        professionalId: 702,
        firstName: 'James',
        lastName: 'Carter',
        active: true,
        timeZoneCode: 'America/Chicago',
        hours: { 501: weekdays(480, 720, [1, 2, 3, 4, 5]) },
      },
      {
        professionalId: 703,
        firstName: 'Ann',
        lastName: 'Former',
        active: false,
        timeZoneCode: 'ET',
        hours: { 501: weekdays(540, 1020, [1, 2, 3, 4, 5]) },
      },
      { professionalId: 704, firstName: 'Front', lastName: 'Desk', active: true, timeZoneCode: 'ET', hours: {} },
    ],
    serviceStaff: { 601: [701, 702, 703], 602: [701], 603: [701], 605: [701], 606: [701] },
    clients: [],
    appointments: [],
  };
}
