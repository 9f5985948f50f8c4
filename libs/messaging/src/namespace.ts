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

/**
 * The token that marks an event pulled from the hub in a city's network stream: that stream
 * can't share the subjects of the service's own stream, so `exchanges.visit.scheduled` is stored
 * there as `network.exchanges.visit.scheduled`.
 */
export const PULLED_FROM_HUB = 'network';

/** The event type a subject carries; one pulled from the hub (`network.<type>`) carries its type too. */
export function typeFromSubject(subject: string, ns: MessagingNamespace): string {
  const bare = subject.startsWith(ns.subjectPrefix) ? subject.slice(ns.subjectPrefix.length) : subject;
  return bare.startsWith(`${PULLED_FROM_HUB}.`) ? bare.slice(PULLED_FROM_HUB.length + 1) : bare;
}
