import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { waitFor, type WaitForOptions } from '@intercity/testing';

/** One message the sink accepted, parsed. */
export interface CaughtMessage {
  /** 1, 2, 3…: order of arrival. */
  seq: number;
  /** The Message-ID header, angle brackets included. */
  messageId: string | undefined;
  /** The From and To headers as written (`Name <address>`). */
  from: string;
  to: string;
  /** The SMTP envelope: who the relay was told to deliver to. */
  envelope: { from: string; to: string[] };
  subject: string;
  date: Date | undefined;
  html: string | undefined;
  text: string | undefined;
  headers: Record<string, string>;
  receivedAt: Date;
}

export interface SmtpSinkOptions {
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Oldest messages are dropped beyond this many. */
  keep?: number;
  /**
   * How long the sink holds each accepted message before its 250 reply (0, the default: at once).
   * The message is recorded first, so a slow relay leaves senders with messages that arrived but
   * whose acceptance they have not heard of yet: where a worker killed mid-batch stands.
   */
  replyDelayMs?: number;
}

/**
 * An SMTP server that accepts every message (no TLS, no authentication) and keeps it parsed in
 * memory: the tests' mail relay, and the heart of the demo's mail catcher.
 */
export interface SmtpSink {
  host: string;
  port: number;
  /** `smtp://host:port`, for NOTIFICATIONS_SMTP_URL. */
  url: string;
  /** In order of arrival. */
  readonly messages: readonly CaughtMessage[];
  /** Resolves with all messages once at least `count` arrived. */
  waitForMessages(count: number, options?: WaitForOptions): Promise<CaughtMessage[]>;
  /** The next `count` messages are refused with `code` (451, a transient failure, by default). */
  refuseNext(count: number, code?: number): void;
  clear(): void;
  close(): Promise<void>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string => (a === undefined ? '' : [a].flat().map((x) => x.text).join(', '));

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return JSON.stringify(value);
}

function caught(seq: number, mail: ParsedMail, envelope: CaughtMessage['envelope']): CaughtMessage {
  return {
    seq,
    messageId: mail.messageId,
    from: addresses(mail.from),
    to: addresses(mail.to),
    envelope,
    subject: mail.subject ?? '',
    date: mail.date,
    html: typeof mail.html === 'string' ? mail.html : undefined,
    text: mail.text,
    headers: Object.fromEntries([...mail.headers].map(([k, v]) => [k, headerText(v)])),
    receivedAt: new Date(),
  };
}

export async function startSmtpSink({ host = '127.0.0.1', port = 0, keep = 1000, replyDelayMs = 0 }: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: CaughtMessage[] = [];
  let seq = 0;
  let refusals: { count: number; code: number } = { count: 0, code: 451 };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 25 * 1024 * 1024,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const envelope = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
      };
      if (refusals.count > 0) {
        refusals = { ...refusals, count: refusals.count - 1 };
        const error: SMTPServerError = new Error('refused by the sink, as asked');
        error.responseCode = refusals.code;
        stream.resume();
        stream.on('end', () => callback(error));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(caught(++seq, mail, envelope));
          if (messages.length > keep) messages.splice(0, messages.length - keep);
          if (replyDelayMs > 0) setTimeout(() => callback(), replyDelayMs);
          else callback();
        })
        .catch((e: Error) => callback(e));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // An SMTP client that misbehaves must not bring the process down.
  server.on('error', () => undefined);
  const bound = (server.server.address() as AddressInfo).port;

  return {
    host,
    port: bound,
    url: `smtp://${host}:${bound}`,
    messages,
    waitForMessages: (count, options) =>
      waitFor(() => (messages.length >= count ? [...messages] : undefined), { description: `${count} e-mail(s) at the SMTP sink`, ...options }),
    refuseNext(count, code = 451) {
      refusals = { count, code };
    },
    clear() {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
