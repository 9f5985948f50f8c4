import type { Page } from '@intercity/platform';
import type { ActivityFilter, StoredActivity } from '../../activity/activity.repository';
import { ActivityRepository } from '../../activity/activity.repository';
import { AttendanceRepository } from '../../attendance/attendance.repository';
import type { SessionAttendance } from '../../attendance/domain/attendance';
import type { Programme } from '../../attendance/domain/programme';
import { ProgrammeRepository } from '../../attendance/programme.repository';
import { CalendarRepository } from '../../calendar/calendar.repository';
import { CommunityFilter, CommunityRepository } from '../../community/community.repository';
import type { Community } from '../../community/domain/community';
import type { Registration } from '../../registration/domain/registration';
import { RegistrationRepository } from '../../registration/registration.repository';
import type { Resource } from '../../resource/domain/resource';
import { ResourceFilter, ResourceRepository } from '../../resource/resource.repository';

/**
 * What practice's GET routes read. On the hub (and a standalone node) that is practice's own
 * tables; on a city node, which writes none of them (HubWritesGuard), it is the copies of the
 * hub's data kept from the network stream (hub-copies), so the city's people read their
 * communities, activities and resources while the node is cut off from the hub. Writes, and what
 * they read under a lock, always use practice's own tables.
 */
export interface PracticeReads {
  community(id: string): Promise<Community | undefined>;
  communities(f: CommunityFilter): Promise<Page<Community>>;
  /** With the seats its registrations hold. */
  activity(id: string): Promise<StoredActivity | undefined>;
  activities(f: ActivityFilter): Promise<Page<StoredActivity>>;
  activitiesByIds(ids: readonly string[]): Promise<StoredActivity[]>;
  /** Which activities each calendar feed shows. */
  activityIdsOfCommunity(communityId: string): Promise<string[]>;
  activityIdsOfCity(memberId: string): Promise<string[]>;
  activityIdsOfPerson(personId: string): Promise<string[]>;
  /** In order of arrival. */
  registrationsOf(activityId: string): Promise<Registration[]>;
  sheet(sessionId: string): Promise<SessionAttendance | undefined>;
  sheetsWithPerson(personId: string): Promise<SessionAttendance[]>;
  programme(id: string): Promise<Programme | undefined>;
  resource(id: string): Promise<Resource | undefined>;
  resources(f: ResourceFilter): Promise<Page<Resource>>;
}

export const PRACTICE_READS = Symbol('PRACTICE_READS');

/** Reads of practice's own tables: the node is the home of what it serves. */
export class OwnPracticeReads implements PracticeReads {
  constructor(
    private readonly own: {
      communities: CommunityRepository;
      activities: ActivityRepository;
      calendars: CalendarRepository;
      registrations: RegistrationRepository;
      sheets: AttendanceRepository;
      programmes: ProgrammeRepository;
      resources: ResourceRepository;
    },
  ) {}

  community(id: string) {
    return this.own.communities.find(id);
  }

  communities(f: CommunityFilter) {
    return this.own.communities.list(f);
  }

  activity(id: string) {
    return this.own.activities.find(id);
  }

  activities(f: ActivityFilter) {
    return this.own.activities.list(f);
  }

  activitiesByIds(ids: readonly string[]) {
    return this.own.activities.findMany(ids);
  }

  activityIdsOfCommunity(communityId: string) {
    return this.own.calendars.activitiesOfCommunity(communityId);
  }

  activityIdsOfCity(memberId: string) {
    return this.own.calendars.activitiesOfCity(memberId);
  }

  activityIdsOfPerson(personId: string) {
    return this.own.calendars.activitiesOfPerson(personId);
  }

  registrationsOf(activityId: string) {
    return this.own.registrations.ofActivityForReading(activityId);
  }

  sheet(sessionId: string) {
    return this.own.sheets.find(sessionId);
  }

  sheetsWithPerson(personId: string) {
    return this.own.sheets.withPerson(personId);
  }

  programme(id: string) {
    return this.own.programmes.find(id);
  }

  resource(id: string) {
    return this.own.resources.find(id);
  }

  resources(f: ResourceFilter) {
    return this.own.resources.list(f);
  }
}
