import { CertificateIssued, CertificateIssuedV1 } from '@intercity/contracts';
import { LocalDate, localDateOf, pickLanguage, present, RuleViolation } from '@intercity/domain';
import type { CertificateRule } from '../../activity/domain/activity';
import { emission, Outcome } from '../../shared/domain/outcome';
import type { LearningRecord } from './learning';

export interface Certificate {
  id: string;
  networkId: string;
  personId: string;
  memberId: string;
  activityIds: string[];
  /** Set for a training programme's certificate, which counts all its activities. */
  programmeId: string | null;
  rule: CertificateRule;
  attendedMinutes: number;
  attendedSessions: number;
  language: string;
  /** The day in the host's calendar, as printed on the certificate. */
  issuedOn: LocalDate;
  issuedAt: Date;
}

export interface Eligibility {
  eligible: boolean;
  /** How much is still missing; 0 when that threshold is met or not set. */
  missingMinutes: number;
  missingSessions: number;
}

/** Every threshold the organiser set must be met; one not set asks nothing. */
export function certificateEligibility(rule: CertificateRule, record: Pick<LearningRecord, 'minutes' | 'sessions'>): Eligibility {
  // Compared in minutes: 120 hours is 7200 minutes, not 119.99999 hours.
  const missingMinutes = rule.minHours === null ? 0 : Math.max(0, Math.ceil(rule.minHours * 60) - record.minutes);
  const missingSessions = rule.minSessions === null ? 0 : Math.max(0, rule.minSessions - record.sessions);
  return { eligible: missingMinutes === 0 && missingSessions === 0, missingMinutes, missingSessions };
}

export interface CertificateRequest {
  networkId: string;
  person: { personId: string; memberId: string; preferredLanguages: readonly string[] };
  /** The rule of the activity (or training programme) the certificate is for; null if none was set. */
  rule: CertificateRule | null;
  /** The training programme, when the certificate is for one rather than for a single activity. */
  programmeId?: string | null;
  record: LearningRecord;
  /** Languages the certificate template exists in, and the one to use when the person's is not among them. */
  templateLanguages: readonly string[];
  fallbackLanguage: string;
  /** The host's zone: the date on the certificate is the host's day. */
  timeZone: string;
  /** Certificates the person already holds. */
  issued: readonly Pick<Certificate, 'personId' | 'activityIds'>[];
}

const sameActivities = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

export function certificateState(c: Certificate): CertificateIssuedV1 {
  return present({
    certificateId: c.id,
    networkId: c.networkId,
    personId: c.personId,
    memberId: c.memberId,
    activityIds: [...c.activityIds],
    rule: present({ ...c.rule }),
    attendedMinutes: c.attendedMinutes,
    attendedSessions: c.attendedSessions,
    language: c.language,
    issuedOn: c.issuedOn,
  });
}

/**
 * A certificate of attendance, once per person and set of activities, when the organiser's rule
 * is met; in the person's language where the template has it.
 */
export function issueCertificate(id: string, request: CertificateRequest, now: Date): Outcome<Certificate> {
  const { person, rule, record } = request;
  if (record.personId !== person.personId) throw new Error(`learning record of ${record.personId} used for ${person.personId}`);
  if (!rule) throw RuleViolation.conflict('certificate.no-rule', 'the organiser set no hours or sessions for a certificate');
  const activityIds = record.activities.map((a) => a.activityId);
  if (activityIds.length === 0) throw RuleViolation.unprocessable('certificate.activities', 'activityIds', 'a certificate is for at least one activity');
  if (request.issued.some((c) => c.personId === person.personId && sameActivities(c.activityIds, activityIds))) {
    throw RuleViolation.conflict('certificate.already-issued', 'the person already holds this certificate');
  }
  // Nothing attended is not "almost there": the person is most likely not a participant at all.
  if (record.sessions === 0) {
    throw RuleViolation.unprocessable('certificate.attended-none', 'personId', `the person was present at none of the sessions of ${activityIds.length > 1 ? 'these activities' : 'this activity'}`);
  }
  const eligibility = certificateEligibility(rule, record);
  if (!eligibility.eligible) {
    const missing = [
      eligibility.missingMinutes ? `${eligibility.missingMinutes} minutes` : null,
      eligibility.missingSessions ? `${eligibility.missingSessions} sessions` : null,
    ].filter(Boolean);
    throw RuleViolation.conflict('certificate.not-eligible', `the person is ${missing.join(' and ')} short of the organiser's rule`);
  }
  const certificate: Certificate = {
    id,
    networkId: request.networkId,
    personId: person.personId,
    memberId: person.memberId,
    activityIds,
    programmeId: request.programmeId ?? null,
    rule: { ...rule },
    attendedMinutes: record.minutes,
    attendedSessions: record.sessions,
    language: pickLanguage(person.preferredLanguages, request.templateLanguages, request.fallbackLanguage),
    issuedOn: localDateOf(now, request.timeZone),
    issuedAt: now,
  };
  return { state: certificate, events: [emission(CertificateIssued, { id, version: 1 }, certificateState(certificate))] };
}
