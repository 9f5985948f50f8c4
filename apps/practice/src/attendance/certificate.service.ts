import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DirectoryCopies } from '@intercity/directory';
import { TransactionRunner } from '@intercity/persistence';
import { ProblemException, canReadNetwork, found, requireAccess } from '@intercity/platform';
import { ActivityRepository, StoredActivity } from '../activity/activity.repository';
import { emitAll } from '../shared/emit';
import { Certificate, issueCertificate } from './domain/certificate';
import { learningRecord } from './domain/learning';
import { AttendanceRepository } from './attendance.repository';
import { CERTIFICATE_FALLBACK_LANGUAGE, CERTIFICATE_LANGUAGES, renderCertificatePdf } from './certificate-pdf';
import { CertificateRepository } from './certificate.repository';
import { ProgrammeRepository } from './programme.repository';

export interface CertificateView {
  id: string;
  networkId: string;
  personId: string;
  memberId: string;
  /** The activity of a single-activity certificate; null for a programme's. */
  activityId: string | null;
  programmeId: string | null;
  /** The activities whose attendance counted. */
  activityIds: string[];
  rule: Certificate['rule'];
  attendedMinutes: number;
  hours: number;
  attendedSessions: number;
  language: string;
  issuedOn: string;
  issuedAt: Date;
}

const view = (c: Certificate): CertificateView => ({
  id: c.id,
  networkId: c.networkId,
  personId: c.personId,
  memberId: c.memberId,
  activityId: c.programmeId === null ? c.activityIds[0] : null,
  programmeId: c.programmeId,
  activityIds: [...c.activityIds],
  rule: c.rule,
  attendedMinutes: c.attendedMinutes,
  hours: c.attendedMinutes / 60,
  attendedSessions: c.attendedSessions,
  language: c.language,
  issuedOn: c.issuedOn,
  issuedAt: c.issuedAt,
});

/**
 * Certificates of attendance: issued by the host (its city's liaison or a network admin) once the
 * organiser's rule is met, read as a PDF by those who may read the person's learning record.
 */
@Injectable()
export class CertificateService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly certificates: CertificateRepository,
    private readonly sheets: AttendanceRepository,
    private readonly activities: ActivityRepository,
    private readonly directory: DirectoryCopies,
    private readonly programmes: ProgrammeRepository,
  ) {}

  issue(activityId: string, personId: string): Promise<CertificateView> {
    return this.tx.run(async (uow) => {
      // The activity's lock serialises issues for it; the unique constraint backs that up.
      const current = await this.activities.lock(uow.manager, activityId);
      const activity = found(current && canReadNetwork(current.networkId) ? current : undefined, 'activity', activityId);
      requireAccess(['network-admin', 'city-liaison'], { networkId: activity.networkId, memberId: activity.hostMemberId });
      const person = await this.directory.person(personId, uow.manager);
      const member = person && (await this.directory.member(person.memberId, uow.manager));
      if (!person || !member || member.networkId !== activity.networkId) throw ProblemException.notFound('person', personId);
      const sheets = (await this.sheets.ofActivity(activityId, uow.manager)).filter((s) => s.marks.some((m) => m.personId === personId));
      const outcome = issueCertificate(
        uuidv7(),
        {
          networkId: activity.networkId,
          person: { personId, memberId: person.memberId, preferredLanguages: person.preferredLanguage ? [person.preferredLanguage] : [] },
          rule: activity.certificate,
          record: learningRecord(personId, [{ activity, sheets }]),
          templateLanguages: CERTIFICATE_LANGUAGES,
          fallbackLanguage: CERTIFICATE_FALLBACK_LANGUAGE,
          timeZone: activity.timeZone,
          issued: await this.certificates.ofPersonAndActivity(uow.manager, personId, activityId),
        },
        new Date(),
      );
      await this.certificates.insert(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return view(outcome.state);
    });
  }

  /**
   * A training programme's certificate: the person's attendance across all its activities, summed,
   * against the programme's rule. Issued by the programme's organisers (see programmeOrganiser).
   */
  issueForProgramme(programmeId: string, personId: string): Promise<CertificateView> {
    return this.tx.run(async (uow) => {
      // The programme's lock serialises issues for it; the unique index backs that up.
      const current = await this.programmes.lock(uow.manager, programmeId);
      const programme = found(current && canReadNetwork(current.networkId) ? current : undefined, 'programme', programmeId);
      const activities = await this.activities.findMany(programme.activityIds, uow.manager);
      requireProgrammeOrganiser(programme.networkId, activities);
      const person = await this.directory.person(personId, uow.manager);
      const member = person && (await this.directory.member(person.memberId, uow.manager));
      if (!person || !member || member.networkId !== programme.networkId) throw ProblemException.notFound('person', personId);
      const attended = await Promise.all(
        activities.map(async (activity) => ({ activity, sheets: (await this.sheets.ofActivity(activity.id, uow.manager)).filter((s) => s.marks.some((m) => m.personId === personId)) })),
      );
      const first = [...activities].sort((a, b) => a.sessions[0].startsAt.getTime() - b.sessions[0].startsAt.getTime())[0];
      const outcome = issueCertificate(
        uuidv7(),
        {
          networkId: programme.networkId,
          person: { personId, memberId: person.memberId, preferredLanguages: person.preferredLanguage ? [person.preferredLanguage] : [] },
          rule: programme.rule,
          programmeId: programme.id,
          // In the programme's order, so the certificate lists its activities as the organiser did.
          record: learningRecord(personId, programme.activityIds.flatMap((id) => attended.filter((a) => a.activity.id === id))),
          templateLanguages: CERTIFICATE_LANGUAGES,
          fallbackLanguage: CERTIFICATE_FALLBACK_LANGUAGE,
          timeZone: first.timeZone,
          issued: await this.certificates.ofPersonAndProgramme(uow.manager, personId, programme.id),
        },
        new Date(),
      );
      await this.certificates.insert(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return view(outcome.state);
    });
  }

  /** The certificate as a PDF; the name is the person's as practice knows it now (none once erased). */
  async pdf(id: string): Promise<Buffer> {
    const certificate = await this.certificates.find(id);
    const readable = found(certificate && canReadNetwork(certificate.networkId) ? certificate : undefined, 'certificate', id);
    requireAccess(['network-admin', 'city-liaison', 'viewer'], { networkId: readable.networkId, memberId: readable.memberId });
    const person = await this.directory.person(readable.personId);
    if (!person) throw ProblemException.notFound('certificate', id);
    const title = readable.programmeId
      ? found(await this.programmes.find(readable.programmeId), 'certificate', id).title
      : found(await this.activities.find(readable.activityIds[0]), 'certificate', id).title;
    return renderCertificatePdf({
      id: readable.id,
      language: readable.language,
      personName: `${person.givenName} ${person.familyName}`,
      activityTitle: title,
      attendedMinutes: readable.attendedMinutes,
      attendedSessions: readable.attendedSessions,
      issuedOn: readable.issuedOn,
    });
  }
}

/**
 * Who organises a programme: a programme one city hosts entirely is that city's to run (its
 * liaison, as for each of its activities); one spread over several hosts is the network's (its
 * admins), since no single city's liaison organises the others' activities.
 */
export function requireProgrammeOrganiser(networkId: string, activities: readonly Pick<StoredActivity, 'hostMemberId'>[]): void {
  const hosts = new Set(activities.map((a) => a.hostMemberId));
  if (hosts.size === 1) requireAccess(['network-admin', 'city-liaison'], { networkId, memberId: [...hosts][0] });
  else requireAccess(['network-admin'], { networkId });
}
