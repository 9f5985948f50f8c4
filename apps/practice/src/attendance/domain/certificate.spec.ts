import { uid, eventViolations, typesOf } from '../../shared/domain/spec-support';
import { certificateEligibility, CertificateRequest, issueCertificate } from './certificate';
import { LearningRecord } from './learning';

const ANA = uid(2001);
const OFFENBACH = uid(1);
const [TRAINING, WORKSHOP] = [uid(601), uid(602)];

const record = (minutes: number, sessions: number): LearningRecord => ({
  personId: ANA,
  minutes,
  hours: minutes / 60,
  sessions,
  activities: [
    { activityId: TRAINING, minutes: minutes - 60, sessions: sessions - 1 },
    { activityId: WORKSHOP, minutes: 60, sessions: 1 },
  ],
});

const request = (overrides: Partial<CertificateRequest> = {}): CertificateRequest => ({
  networkId: uid(101),
  person: { personId: ANA, memberId: OFFENBACH, preferredLanguages: ['de-AT', 'en'] },
  rule: { minHours: 120, minSessions: null },
  record: record(120 * 60, 30),
  templateLanguages: ['en', 'de', 'it', 'es'],
  fallbackLanguage: 'en',
  timeZone: 'Europe/Berlin',
  issued: [],
  ...overrides,
});

describe('certificates of attendance', () => {
  it('are due when every threshold the organiser set is met', () => {
    expect(certificateEligibility({ minHours: 120, minSessions: null }, { minutes: 7200, sessions: 1 })).toEqual({ eligible: true, missingMinutes: 0, missingSessions: 0 });
    expect(certificateEligibility({ minHours: 120, minSessions: null }, { minutes: 7199, sessions: 99 })).toEqual({ eligible: false, missingMinutes: 1, missingSessions: 0 });
    expect(certificateEligibility({ minHours: null, minSessions: 8 }, { minutes: 0, sessions: 8 }).eligible).toBe(true);
    expect(certificateEligibility({ minHours: 10, minSessions: 8 }, { minutes: 600, sessions: 7 })).toEqual({ eligible: false, missingMinutes: 0, missingSessions: 1 });
    // 2.5 hours is 150 minutes exactly, not a float a hair short of it.
    expect(certificateEligibility({ minHours: 2.5, minSessions: null }, { minutes: 150, sessions: 1 }).eligible).toBe(true);
  });

  it('are issued in the person’s language where a template exists, dated in the host’s calendar', () => {
    const lateEvening = new Date('2024-06-30T22:30:00Z');
    const { state, events } = issueCertificate(uid(800), request(), lateEvening);

    expect(state).toMatchObject({ language: 'de', issuedOn: '2024-07-01', activityIds: [TRAINING, WORKSHOP], attendedMinutes: 7200, attendedSessions: 30 });
    expect(typesOf(events)).toEqual(['practice.certificate.issued']);
    expect(events[0].data).toMatchObject({ rule: { minHours: 120 } });
    expect(eventViolations(events)).toEqual([]);
    expect(issueCertificate(uid(800), request({ person: { personId: ANA, memberId: OFFENBACH, preferredLanguages: ['nl'] } }), lateEvening).state.language).toBe('en');
  });

  it('are refused short of the rule, without a rule, or a second time', () => {
    const now = new Date('2024-07-01T10:00:00Z');
    expect(() => issueCertificate(uid(800), request({ record: record(7000, 30), rule: { minHours: 120, minSessions: 31 } }), now)).toThrow(
      expect.objectContaining({ rule: 'certificate.not-eligible', message: expect.stringContaining('200 minutes and 1 sessions') }),
    );
    expect(() => issueCertificate(uid(800), request({ rule: null }), now)).toThrow(expect.objectContaining({ rule: 'certificate.no-rule' }));
    expect(() => issueCertificate(uid(800), request({ issued: [{ personId: ANA, activityIds: [WORKSHOP, TRAINING] }] }), now)).toThrow(
      expect.objectContaining({ rule: 'certificate.already-issued' }),
    );
    expect(issueCertificate(uid(800), request({ issued: [{ personId: ANA, activityIds: [WORKSHOP] }] }), now).events).toHaveLength(1);
    expect(() => issueCertificate(uid(800), request({ record: { ...record(7200, 30), activities: [] } }), now)).toThrow(
      expect.objectContaining({ rule: 'certificate.activities' }),
    );
  });

  it('for a training programme sum the attendance of all its activities, against the programme’s rule', () => {
    const now = new Date('2024-07-01T10:00:00Z');
    // 118 hours in the training and 2 in the workshop: neither alone, both together meet 120.
    const { state, events } = issueCertificate(uid(801), request({ programmeId: uid(900), record: record(120 * 60, 30) }), now);

    expect(state).toMatchObject({ programmeId: uid(900), activityIds: [TRAINING, WORKSHOP], attendedMinutes: 7200 });
    expect(events[0].data).toMatchObject({ activityIds: [TRAINING, WORKSHOP] });
    expect(eventViolations(events)).toEqual([]);
    expect(issueCertificate(uid(802), request(), now).state.programmeId).toBeNull();
  });

  it('are refused as 422 for a person present at none of the sessions', () => {
    const none: LearningRecord = { personId: ANA, minutes: 0, hours: 0, sessions: 0, activities: [{ activityId: TRAINING, minutes: 0, sessions: 0 }, { activityId: WORKSHOP, minutes: 0, sessions: 0 }] };
    expect(() => issueCertificate(uid(800), request({ record: none, rule: { minHours: null, minSessions: 1 } }), new Date())).toThrow(
      expect.objectContaining({ rule: 'certificate.attended-none', kind: 'unprocessable', field: 'personId', message: expect.stringContaining('these activities') }),
    );
  });
});
