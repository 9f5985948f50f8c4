import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { MailSender, OutgoingMail } from '../delivery/mail-sender';
import { EMAIL_OPTIONS, EmailOptions } from './email.config';

/** One e-mail to send (the pipeline's OutgoingMail, with a name and headers); From comes from the options. */
export interface OutgoingEmail extends Omit<OutgoingMail, 'to'> {
  to: string | { name: string; address: string };
  /** `<delivery id@intercity>`: the same id on every attempt, so a receiver can drop a duplicate. */
  messageId: string;
  headers?: Record<string, string>;
}

/**
 * The node's SMTP relay (nodemailer over NOTIFICATIONS_SMTP_URL); also the service's MAIL_SENDER. Short connection timeouts: a
 * relay that does not answer is a retry later, not a job holding its lock for minutes.
 */
@Injectable()
export class EmailTransport implements MailSender, OnApplicationShutdown {
  private readonly transporter;

  constructor(@Inject(EMAIL_OPTIONS) options: EmailOptions) {
    this.transporter = createTransport(
      // Pooled: a fan-out to a thousand people reuses a few connections instead of opening one per mail.
      { url: options.smtpUrl, pool: true, maxConnections: options.concurrency, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 },
      { from: options.from },
    );
  }

  /** MailSender's way: resolves once the relay accepted the message. */
  async send(mail: OutgoingMail): Promise<void> {
    await this.deliver(mail);
  }

  /** Resolves with the relay's reply once it accepted the message; rejects with nodemailer's error (`responseCode` for SMTP replies). */
  async deliver(email: OutgoingEmail): Promise<{ messageId: string; response: string }> {
    const info = await this.transporter.sendMail({
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      messageId: email.messageId,
      headers: email.headers,
      // What nodemailer picks for text in any of our languages anyway, without scanning every
      // part of every message to choose (a tenth of the CPU an e-mail costs).
      textEncoding: 'quoted-printable',
    });
    return { messageId: info.messageId, response: info.response };
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/**
 * Whether an SMTP failure will fail again however often it is retried: a 5yz reply (RFC 5321),
 * except 503 (bad sequence of commands: the session's state, not the message). Connection errors
 * and 4yz replies are transient.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 && code !== 503;
}
