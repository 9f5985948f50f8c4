/** One e-mail to send; `messageId` lets a receiver (and our tests) see each delivery is one mail. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
}

/** What sends mail (SMTP in the service, a real in-process SMTP server in tests). */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

export const MAIL_SENDER = Symbol('MAIL_SENDER');
