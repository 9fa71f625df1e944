import { addDays } from '../../../src/contract/plain-date.ts';
import { zonedDate, zonedInstant } from '../../../src/server/zoned.ts';
import * as api from './api.ts';
import { Refusal, type Params } from './api.ts';
import type { FakeAccount } from './seed.ts';

/** What goes under `<Response>` besides `<Status>`: `{Objects: {...}}`, a bare element, or nothing. */
export type Body = Record<string, unknown>;

const mobile = /^(06\d{8}|\+316\d{8})$/;
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An empty list: some calls leave `<Objects>` out entirely, others send it empty; both are seen live. */
const list = (name: string, values: unknown[], emptyForm: 'none' | 'empty'): Body =>
  values.length > 0 ? { Objects: { [name]: values } } : emptyForm === 'none' ? {} : { Objects: '' };

function requiredFields(account: FakeAccount, params: Params, form: 'Appointment' | 'Registration'): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const field of account.fields.filter((f) => f.Type === form)) {
    const value = params.get(field.Key);
    if (value !== undefined) extra[field.Key] = value;
    else if (field.Required === '1') throw new Refusal(`Verplicht veld ontbreekt: ${field.Label}`);
  }
  return extra;
}

function agendaXml(a: { Id: string; Name: string }): Body {
  return {
    Id: a.Id,
    Name: a.Name,
    DateFormat: 'D d/m/Y',
    TimeFormat: 'H:i',
    AlignGrid: '15',
    IsDefault: a.Id.endsWith('1') || a.Id === '1337' ? '1' : '0',
    BookingUrl: `https://widget.example/consumer/book/${a.Id}`,
  };
}

export const methods: Record<string, (account: FakeAccount, params: Params, now: Date) => Body> = {
  getAgendas: (account) => list('Agenda', account.agendas.map(agendaXml), 'empty'),

  getAgenda(account, params) {
    const agenda = account.agendas.find((a) => a.Id === params.id('Id', { required: true }));
    if (!agenda) throw new Refusal('Agenda niet gevonden.');
    return { Agenda: agendaXml(agenda) };
  },

  getAppointmentTypes: (account) =>
    list(
      'AppointmentType',
      account.types.map(
        ({ cancelMinutes: _hidden, ResourceId, Duration, Buffer, MinTimeBeforeAppointment, MaxTimeBeforeAppointment, Capacity, ...t }) => ({
          ...t,
          Description: '',
          Duration: String(Duration),
          MinTimeBeforeAppointment: String(MinTimeBeforeAppointment),
          MaxTimeBeforeAppointment: String(MaxTimeBeforeAppointment),
          Buffer: String(Buffer),
          ExplicitEndDate: '',
          Category: '',
          CategoryId: '',
          Capacity: String(Capacity),
          ResourceId: ResourceId.join(','),
        }),
      ),
      'empty',
    ),

  getResources: (account) =>
    list(
      'Resource',
      account.resources.map((r) => ({ ...r, Code: '', Description: '', Phone: '', MobilePhone: '', Email: '', Label: '1' })),
      'empty',
    ),

  getFields(account, params) {
    api.agendaOf(account, params);
    return list('Field', account.fields, 'none');
  },

  requiresConfirmation: (account) => ({ Confirmation: { Required: account.requiresConfirmation ? '1' : '0' } }),

  getBookableDays(account, params, now) {
    const agendaId = api.agendaOf(account, params);
    const type = api.bookableType(account, params.id('AppointmentTypeId', { required: true })!);
    const resource = params.id('ResourceId', { required: false });
    const today = zonedDate(api.timeZone, now.getTime());
    const from = params.date('StartDate', { required: false }) ?? today;
    const to = params.date('EndDate', { required: false }) ?? addDays(from, 30);
    if (to < from || addDays(from, 92) < to) throw new Refusal('Ongeldige periode.');
    const days = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      if (api.openings(account, agendaId, type, date, now, resource).length === 0) continue;
      // Month with a leading zero although the document says without: as live answers do.
      days.push({ Date: date, Month: date.slice(5, 7), Day: String(Number(date.slice(8, 10))) });
    }
    return list('BookableDay', days, 'none');
  },

  getBookableTimes(account, params, now) {
    const agendaId = api.agendaOf(account, params);
    const type = api.bookableType(account, params.id('AppointmentTypeId', { required: true })!);
    const date = params.date('Date', { required: true })!;
    const resource = params.id('ResourceId', { required: false });
    const times = api.openings(account, agendaId, type, date, now, resource).map((o) => ({
      Date: o.date,
      StartTime: api.clockOf(o.startMinute),
      LabelTime: api.clockOf(o.startMinute),
      EndTime: api.clockOf((o.startMinute + type.Duration) % 1440),
      // As in the document's samples: the wall clock read as UTC, not the true instant. Not to be trusted.
      Timestamp: String(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 0, o.startMinute) / 1000),
      AppointmentTypeId: type.Id,
      ResourceId: o.resource,
    }));
    return list('BookableTime', times, 'none');
  },

  getCustomers(account, params) {
    const wanted = params.get('Email')?.toLowerCase();
    const found = account.customers.filter((c) => wanted === undefined || c.Email.toLowerCase() === wanted);
    return list(
      'Customer',
      found.map(({ extra, ...c }) => ({ ...c, Type: 'Consumer', Insertions: '', ...extra })),
      'empty',
    );
  },

  setCustomer(account, params) {
    const first = params.required('FirstName');
    const last = params.required('LastName');
    const mail = params.required('Email');
    if (!email.test(mail)) throw new Refusal('Ongeldig e-mailadres.');
    const cell = params.get('MobilePhone') ?? '';
    if (cell && !mobile.test(cell)) throw new Refusal('Ongeldig mobiel nummer.');
    const extra = requiredFields(account, params, 'Registration');
    const id = String(5001 + account.customers.length);
    account.customers.push({ Id: id, FirstName: first, LastName: last, Email: mail, MobilePhone: cell, Status: '1', extra });
    return { Objects: { Customer: { Id: id, Status: '1' } } };
  },

  setAppointment(account, params, now) {
    const agendaId = api.agendaOf(account, params);
    const customerId = params.id('CustomerId', { required: true })!;
    if (!account.customers.some((c) => c.Id === customerId && c.Status === '1')) throw new Refusal('Klant niet gevonden.');
    if (params.get('Id')) throw new Refusal('Wijzigen kan alleen met BookingMode=customer.');
    const type = api.bookableType(account, params.id('AppointmentTypeId', { required: true })!);
    const date = params.date('Date', { required: true })!;
    const start = api.timeParam(params);
    const resource = params.id('ResourceId', { required: false });
    const extra = requiredFields(account, params, 'Appointment');
    const opening = api.openings(account, agendaId, type, date, now, resource).find((o) => o.startMinute === start);
    if (!opening) throw new Refusal('Geen vrij tijdslot voor afspraak.');
    const appt = api.newAppointment(account, { agendaId, type, customerId, opening, description: params.get('Description') ?? '', extra, now });
    return { Objects: { Appointment: { Id: appt.Id, Status: appt.Label } } };
  },

  getAppointment(account, params) {
    return { Appointment: api.appointmentXml(account, api.findAppointment(account, params)) };
  },

  getAppointments(account, params) {
    const agendaId = api.agendaOf(account, params);
    const from = params.date('StartDate', { required: false });
    const to = params.date('EndDate', { required: false });
    const customer = params.id('CustomerId', { required: false });
    const type = params.id('AppointmentTypeId', { required: false });
    const found = account.appointments.filter(
      (a) =>
        a.AgendaId === agendaId &&
        (!from || a.date >= from) &&
        (!to || a.date <= to) &&
        (!customer || a.CustomerId === customer) &&
        (!type || a.AppointmentTypeId === type),
    );
    return list(
      'Appointment',
      found.map((a) => api.appointmentXml(account, a)),
      'none',
    );
  },

  cancelAppointment(account, params, now) {
    const appt = api.findAppointment(account, params);
    const mode = params.get('Mode') ?? 'customer';
    if (mode !== 'customer' && mode !== 'company') throw new Refusal('Ongeldige Mode.');
    if (!api.isLive(appt)) throw new Refusal('De afspraak is al geannuleerd.');
    const start = zonedInstant(api.timeZone, appt.date, appt.startMinute) ?? 0;
    if (mode === 'customer' && now.getTime() >= start) throw new Refusal('De afspraak is al begonnen.');
    if (mode === 'customer' && api.cancelDeadlinePassed(account, appt, now)) {
      throw new Refusal('Annuleren is niet meer mogelijk: de annuleringstermijn is verstreken.');
    }
    if (params.get('DryRun') !== '1') {
      appt.Status = '2';
      appt.Label = '4';
    }
    return {};
  },

  confirmAppointment(account, params) {
    const appt = api.findAppointment(account, params, 'id');
    const code = params.required('ConfirmationCode');
    if (appt.Label !== '1' || appt.Status !== '1') throw new Refusal('Deze afspraak hoeft niet bevestigd te worden.');
    if (code !== appt.code) throw new Refusal('Ongeldige bevestigingscode.');
    appt.Label = '2';
    return {};
  },
};
