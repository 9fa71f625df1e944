import { SitesConfigError } from '../config/errors.ts';
import { DeliveryError, type SmsTransport } from './transports.ts';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** A Twilio number in E.164, or an alphanumeric sender; or a Messaging Service instead. */
  from?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** https://api.twilio.com unless a test points it elsewhere. */
  baseUrl: string;
  timeoutMs: number;
}

/** TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID; none of them: no SMS gateway. */
export function twilioConfigFromEnv(env: NodeJS.ProcessEnv): TwilioConfig | null {
  const accountSid = env['TWILIO_ACCOUNT_SID'];
  const authToken = env['TWILIO_AUTH_TOKEN'];
  const from = env['TWILIO_FROM'] || undefined;
  const messagingServiceSid = env['TWILIO_MESSAGING_SERVICE_SID'] || undefined;
  if (!accountSid && !authToken && !from && !messagingServiceSid) return null;
  if (!accountSid || !/^AC[0-9a-fA-F]{32}$/.test(accountSid))
    throw new SitesConfigError('TWILIO_ACCOUNT_SID must be an account SID (AC and 32 hex digits)');
  if (!authToken) throw new SitesConfigError('TWILIO_AUTH_TOKEN must be set with TWILIO_ACCOUNT_SID');
  if (!from && !messagingServiceSid) throw new SitesConfigError('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID must be set with TWILIO_ACCOUNT_SID');
  return {
    accountSid,
    authToken,
    from,
    messagingServiceSid,
    baseUrl: (env['TWILIO_API_URL'] || 'https://api.twilio.com').replace(/\/$/, ''),
    timeoutMs: 10_000,
  };
}

/** Twilio errors no retry can fix: the number is invalid, unreachable or has opted out; the body is too long. */
const finalCodes = new Set([21211, 21214, 21408, 21610, 21612, 21614, 21617]);

/** SMS through Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded, Basic auth). */
export class TwilioTransport implements SmsTransport {
  readonly name = 'twilio';
  constructor(
    private readonly config: TwilioConfig,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async send(sms: { to: string; body: string }): Promise<void> {
    if (!/^\+[1-9]\d{6,14}$/.test(sms.to)) throw new DeliveryError('twilio_not_e164', true);
    const { accountSid, authToken, from, messagingServiceSid, baseUrl, timeoutMs } = this.config;
    const form = new URLSearchParams({ To: sms.to, Body: sms.body });
    if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
    else if (from) form.set('From', from);
    let response: Response;
    try {
      response = await this.fetcher(`${baseUrl}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new DeliveryError('twilio_unreachable');
    }
    if (response.status === 201 || response.status === 200) {
      await response.body?.cancel();
      return;
    }
    // Twilio's error body: {code, message, more_info, status}; the message may quote the number, so only the code is kept.
    const body = (await response.json().catch(() => ({}))) as { code?: unknown };
    const code = typeof body.code === 'number' ? body.code : 0;
    throw new DeliveryError(`twilio_${response.status}${code ? `_${code}` : ''}`, response.status === 400 && finalCodes.has(code));
  }
}
