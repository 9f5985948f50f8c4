import { subjectFor } from '@intercity/contracts';

/**
 * Keeps one node's (or one test file's) streams apart from another's on the same server: stream
 * names and subjects carry the prefix. Production nodes leave both empty.
 */
export interface MessagingNamespace {
  subjectPrefix: string;
  streamPrefix: string;
}

export const DEFAULT_NAMESPACE: MessagingNamespace = { subjectPrefix: '', streamPrefix: '' };

export function namespaceFromEnv(env: NodeJS.ProcessEnv = process.env): MessagingNamespace {
  return { subjectPrefix: env.NATS_SUBJECT_PREFIX ?? '', streamPrefix: env.NATS_STREAM_PREFIX ?? '' };
}

/** The stream a service publishes its events into: `MEMBERSHIP` holds `membership.>`. */
export function eventStreamName(service: string, ns: MessagingNamespace): string {
  return `${ns.streamPrefix}${service.toUpperCase().replace(/-/g, '_')}`;
}

export function eventStreamSubjects(service: string, ns: MessagingNamespace): string[] {
  return [`${ns.subjectPrefix}${service}.>`];
}

export function deadLetterStreamName(ns: MessagingNamespace): string {
  return `${ns.streamPrefix}DEAD_LETTER`;
}

/** `deadletter.<consumer service>.<original type>`: one stream, filterable per consumer. */
export function deadLetterSubject(consumerService: string, originalSubject: string, ns: MessagingNamespace): string {
  const bare = originalSubject.startsWith(ns.subjectPrefix) ? originalSubject.slice(ns.subjectPrefix.length) : originalSubject;
  return `${ns.subjectPrefix}deadletter.${consumerService}.${bare}`;
}

export function eventSubject(type: string, ns: MessagingNamespace): string {
  return subjectFor(type, ns.subjectPrefix);
}

export function typeFromSubject(subject: string, ns: MessagingNamespace): string {
  return subject.startsWith(ns.subjectPrefix) ? subject.slice(ns.subjectPrefix.length) : subject;
}
