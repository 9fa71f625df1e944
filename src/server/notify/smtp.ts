import type { Transporter } from 'nodemailer';
import { DeliveryError, type EmailTransport } from './transports.ts';

/** E-mail through an SMTP server (SMTP_URL); the .ics travels as an attachment a mail app offers to add. */
export class SmtpTransport implements EmailTransport {
  readonly name = 'smtp';
  constructor(
    private readonly transport: Pick<Transporter, 'sendMail'>,
    private readonly from: string,
  ) {}

  async send(mail: Parameters<EmailTransport['send']>[0]): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, ...mail });
    } catch (error) {
      // The SMTP error may quote the recipient; only its code travels on. 5xx answers are final.
      const code = (error as { code?: unknown }).code;
      const status = Number((error as { responseCode?: unknown }).responseCode);
      throw new DeliveryError(`smtp${typeof code === 'string' ? `_${code}` : ''}${status ? `_${status}` : ''}`, status >= 500 && status < 600);
    }
  }
}
