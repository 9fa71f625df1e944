/**
 * A strict fake of Twilio's Messages API (2010-04-01), on a real HTTP server: it refuses what Twilio refuses.
 * POST /2010-04-01/Accounts/{AccountSid}/Messages.json, Basic auth AccountSid:AuthToken, form-encoded To, Body and
 * From or MessagingServiceSid; 201 with the message resource, or Twilio's error body {code, message, more_info, status}.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** Messages accepted, in order. */
  messages: { to: string; from: string; body: string; sid: string }[];
  /** The next answers are these HTTP statuses (500, 429, …) instead of accepting. */
  failNext: number[];
  close(): Promise<void>;
}

const e164 = /^\+[1-9]\d{1,14}$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const from = '+15005550006';
  const fake: Omit<FakeTwilio, 'url' | 'close'> = { accountSid, authToken, from, messages: [], failNext: [] };
  const server: Server = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) =>
      send(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
    const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const auth = req.headers.authorization ?? '';
    const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    if (!auth.startsWith('Basic ') || user !== accountSid || pass !== authToken) return error(401, 20003, 'Authenticate');
    if (req.url !== path) return error(404, 20404, 'The requested resource was not found');
    if (req.method !== 'POST') return error(405, 20004, 'Method not allowed');
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return error(400, 21100, 'Invalid content type');
    const form = new URLSearchParams(await readBody(req));
    const status = fake.failNext.shift();
    if (status) return error(status, status === 429 ? 20429 : 20500, status === 429 ? 'Too Many Requests' : 'Internal Server Error');
    const to = form.get('To');
    const body = form.get('Body');
    const sender = form.get('From') ?? form.get('MessagingServiceSid');
    if (!to) return error(400, 21604, "A 'To' phone number is required.");
    if (!e164.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!sender) return error(400, 21603, "A 'From' phone number is required.");
    if (form.get('From') && form.get('From') !== from)
      return error(400, 21606, "The 'From' phone number provided is not a valid message-capable Twilio phone number for this account.");
    if (!body) return error(400, 21602, 'Message body is required.');
    if ([...body].length > 1600) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    fake.messages.push({ to, from: sender, body, sid });
    send(201, {
      sid,
      account_sid: accountSid,
      to,
      from: sender,
      body,
      status: 'queued',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      error_code: null,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  }
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    ...fake,
    get messages() {
      return fake.messages;
    },
    get failNext() {
      return fake.failNext;
    },
    set failNext(v) {
      fake.failNext = v;
    },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
