import {
  deadLetterStreamName,
  deadLetterSubject,
  DEFAULT_NAMESPACE,
  eventStreamName,
  eventStreamSubjects,
  eventSubject,
  MessagingNamespace,
  namespaceFromEnv,
  typeFromSubject,
} from './namespace';

const testNs: MessagingNamespace = { subjectPrefix: 't1a2b.', streamPrefix: 'T1A2B_' };

describe('messaging namespace', () => {
  it('names a service stream after the service, upper case, with the prefix', () => {
    expect(eventStreamName('membership', DEFAULT_NAMESPACE)).toBe('MEMBERSHIP');
    expect(eventStreamName('membership', testNs)).toBe('T1A2B_MEMBERSHIP');
    // Stream names may not contain '-' safely in every client; service names do.
    expect(eventStreamName('staff-exchanges', testNs)).toBe('T1A2B_STAFF_EXCHANGES');
  });

  it('derives subjects from the event type, so a stream holds its service and nothing else', () => {
    expect(eventSubject('exchanges.visit.scheduled', DEFAULT_NAMESPACE)).toBe('exchanges.visit.scheduled');
    expect(eventSubject('exchanges.visit.scheduled', testNs)).toBe('t1a2b.exchanges.visit.scheduled');
    expect(eventStreamSubjects('exchanges', testNs)).toEqual(['t1a2b.exchanges.>']);
  });

  it('reads the type back from a subject', () => {
    expect(typeFromSubject('t1a2b.membership.member.joined', testNs)).toBe('membership.member.joined');
    expect(typeFromSubject('membership.member.joined', DEFAULT_NAMESPACE)).toBe('membership.member.joined');
  });

  it('files dead letters per consuming service under the original type', () => {
    expect(deadLetterStreamName(testNs)).toBe('T1A2B_DEAD_LETTER');
    expect(deadLetterSubject('practice', 't1a2b.membership.member.joined', testNs)).toBe(
      't1a2b.deadletter.practice.membership.member.joined',
    );
    expect(deadLetterSubject('practice', 'membership.member.joined', DEFAULT_NAMESPACE)).toBe(
      'deadletter.practice.membership.member.joined',
    );
  });

  it('is empty unless the environment sets it', () => {
    expect(namespaceFromEnv({})).toEqual(DEFAULT_NAMESPACE);
    expect(namespaceFromEnv({ NATS_SUBJECT_PREFIX: 'a.', NATS_STREAM_PREFIX: 'A_' })).toEqual({ subjectPrefix: 'a.', streamPrefix: 'A_' });
  });
});
