import { headers as natsHeaders, MsgHdrs } from '@nats-io/transport-node';
import { JetStreamClient } from '@nats-io/jetstream';
import { deadLetterSubject, MessagingNamespace } from './namespace';

/** Headers a dead letter carries beside the original message's own. */
export const DEAD_LETTER_HEADERS = {
  reason: 'Intercity-Dead-Letter-Reason',
  originalSubject: 'Intercity-Original-Subject',
  attempts: 'Intercity-Attempts',
  consumer: 'Intercity-Consumer',
  streamSequence: 'Intercity-Stream-Sequence',
  failedAt: 'Intercity-Failed-At',
} as const;

export interface DeadLetter {
  consumerService: string;
  consumer: string;
  subject: string;
  data: Uint8Array;
  headers?: MsgHdrs;
  reason: string;
  attempts: number;
  streamSequence: number;
}

/** Header values are one line of text; a stack trace or a multi-line message is folded. */
function oneLine(s: string, max = 2000): string {
  const flat = s.replace(/[\r\n]+/g, ' | ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export async function publishDeadLetter(js: JetStreamClient, ns: MessagingNamespace, dl: DeadLetter): Promise<void> {
  const h = natsHeaders();
  for (const [k, values] of dl.headers ?? []) {
    // The original id would make JetStream drop the dead letter as a duplicate of the event.
    if (k.toLowerCase() === 'nats-msg-id') continue;
    for (const v of values) h.append(k, v);
  }
  h.set(DEAD_LETTER_HEADERS.reason, oneLine(dl.reason));
  h.set(DEAD_LETTER_HEADERS.originalSubject, dl.subject);
  h.set(DEAD_LETTER_HEADERS.attempts, String(dl.attempts));
  h.set(DEAD_LETTER_HEADERS.consumer, dl.consumer);
  h.set(DEAD_LETTER_HEADERS.streamSequence, String(dl.streamSequence));
  h.set(DEAD_LETTER_HEADERS.failedAt, new Date().toISOString());
  await js.publish(deadLetterSubject(dl.consumerService, dl.subject, ns), dl.data, {
    headers: h,
    msgID: `dead-letter:${dl.consumer}:${dl.streamSequence}`,
  });
}
