import type { Provider } from '@nestjs/common';
import { MAIL_SENDER } from '../delivery/mail-sender';
import { EMAIL_OPTIONS, loadEmailOptions } from './email.config';
import { EmailTransport } from './email.transport';
import { EmailWorker } from './email.worker';

export { EMAIL_OPTIONS, loadEmailOptions, type EmailOptions } from './email.config';
export { EMAIL_QUEUE, emailJobOptions, type EmailJob } from './email.jobs';
export { EmailTransport, isPermanentSmtpFailure, type OutgoingEmail } from './email.transport';
export { EMAIL_LOCK_MS, EmailWorker, markStaleSendingUncertain, type EmailOutcome } from './email.worker';

/**
 * The e-mail channel, for the notifications module's providers: its options, the SMTP transport
 * (also as MAIL_SENDER) and the worker. The module also provides DeliveryRepository,
 * DirectoryCopies, Clock and the DataSource, and registers EMAIL_QUEUE.
 */
export const EMAIL_PROVIDERS: Provider[] = [
  { provide: EMAIL_OPTIONS, useFactory: () => loadEmailOptions() },
  EmailTransport,
  { provide: MAIL_SENDER, useExisting: EmailTransport },
  EmailWorker,
];
