import { Inject, Injectable } from '@nestjs/common';
import { DirectoryCopies } from '@intercity/directory';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { ProblemException, canReadNetwork, found, requireAccess } from '@intercity/platform';
import { ActivityRepository } from '../activity/activity.repository';
import { RegistrationRepository } from '../registration/registration.repository';
import { actingPersonId } from '../shared/actor';
import { emitAll } from '../shared/emit';
import { PRACTICE_READS, PracticeReads } from '../shared/persistence/practice-reads';
import { AttendanceEntry, forgetAttendee, recordAttendance, SessionAttendance } from './domain/attendance';
import { certificateEligibility } from './domain/certificate';
import { learningRecord, LearningRecord } from './domain/learning';
import { AttendanceRepository } from './attendance.repository';

export type LearningRecordView = Omit<LearningRecord, 'activities'> & {
  activities: (LearningRecord['activities'][number] & { certificateEligible: boolean | null })[];
};

/** Attendance is the host's to record: the host city's liaison, or a network admin. */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly sheets: AttendanceRepository,
    private readonly activities: ActivityRepository,
    private readonly registrations: RegistrationRepository,
    private readonly directory: DirectoryCopies,
    /** What GET routes read: practice's own tables, or on a city node its copies of the hub's. */
    @Inject(PRACTICE_READS) private readonly reads: PracticeReads,
  ) {}

  record(activityId: string, sessionId: string, entries: AttendanceEntry[]): Promise<SessionAttendance> {
    return this.tx.run(async (uow) => {
      const current = await this.activities.lock(uow.manager, activityId);
      const activity = found(current && canReadNetwork(current.networkId) ? current : undefined, 'activity', activityId);
      requireAccess(['network-admin', 'city-liaison'], { networkId: activity.networkId, memberId: activity.hostMemberId });
      const registrations = await this.registrations.ofActivity(uow.manager, activityId);
      const sheet = await this.sheets.find(sessionId, uow.manager);
      const outcome = recordAttendance(sheet, activity, registrations, sessionId, entries, actingPersonId(), new Date());
      if (outcome.events.length) await this.sheets.save(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return outcome.state;
    });
  }

  async sheet(activityId: string, sessionId: string): Promise<SessionAttendance> {
    const activity = await this.reads.activity(activityId);
    const readable = found(activity && canReadNetwork(activity.networkId) ? activity : undefined, 'activity', activityId);
    const session = found(readable.sessions.find((s) => s.id === sessionId), 'session', sessionId);
    const sheet = await this.reads.sheet(sessionId);
    return (
      sheet ?? {
        sessionId,
        activityId,
        communityId: readable.communityId,
        networkId: readable.networkId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        marks: [],
        version: 0,
        createdAt: readable.createdAt,
        updatedAt: readable.updatedAt,
      }
    );
  }

  /**
   * Hours a person attended across activities, and whether each activity's certificate rule is
   * met. Readable by the network's admins and viewers, and by the liaison of the person's city.
   */
  async learningRecord(personId: string): Promise<LearningRecordView> {
    const person = await this.directory.person(personId);
    const member = person && (await this.directory.member(person.memberId));
    if (!person || !member || !canReadNetwork(member.networkId)) throw ProblemException.notFound('person', personId);
    requireAccess(['network-admin', 'city-liaison', 'viewer'], { networkId: member.networkId, memberId: member.id });
    const sheets = await this.reads.sheetsWithPerson(personId);
    const activities = await this.reads.activitiesByIds([...new Set(sheets.map((s) => s.activityId))]);
    const record = learningRecord(
      personId,
      activities.map((activity) => ({ activity, sheets: sheets.filter((s) => s.activityId === activity.id) })),
    );
    return {
      ...record,
      activities: record.activities.map((a) => {
        const rule = activities.find((x) => x.id === a.activityId)?.certificate ?? null;
        return { ...a, certificateEligible: rule ? certificateEligibility(rule, a).eligible : null };
      }),
    };
  }

  /** A person erased upstream leaves no marks behind. */
  async forgetPerson(uow: UnitOfWork, personId: string): Promise<void> {
    for (const sheet of await this.sheets.withPerson(personId, uow.manager, true)) {
      const outcome = forgetAttendee(sheet, personId, new Date());
      if (outcome.events.length === 0) continue;
      await this.sheets.save(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
    }
  }
}
