import { PEOPLE_STREAM, subjectFor } from '@intercity/contracts';

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

/** The stream a service publishes its events into: `MEMBERSHIP` holds `membership.>`, `PEOPLE` `people.>`. */
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

/**
 * The event type a subject carries; one pulled from the hub (`network.<type>`) and personal data
 * (`people.<type>`) carry their type too.
 */
export function typeFromSubject(subject: string, ns: MessagingNamespace): string {
  let bare = subject.startsWith(ns.subjectPrefix) ? subject.slice(ns.subjectPrefix.length) : subject;
  for (const token of [PULLED_FROM_HUB, PEOPLE_STREAM]) if (bare.startsWith(`${token}.`)) bare = bare.slice(token.length + 1);
  return bare;
}
