import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { ActivityStatus } from '@intercity/contracts';
import { DirectoryCopies } from '@intercity/directory';
import { RuleViolation } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { Page, canReadNetwork, checkIfMatch, found, readableNetworks, requireAccess } from '@intercity/platform';
import { CommunityRepository } from '../community/community.repository';
import { RegistrationService } from '../registration/registration.service';
import { emitAll } from '../shared/emit';
import { PRACTICE_READS, PracticeReads } from '../shared/persistence/practice-reads';
import type { Outcome } from '../shared/domain/outcome';
import {
  Activity,
  ActivityChanges,
  CityQuota,
  activityDays,
  ActivityFields,
  cancelActivity,
  CertificateRule,
  changeActivity,
  closeRegistration,
  markHeld,
  openRegistration,
  RegistrationWindow,
  rescheduleActivity,
  scheduleActivity,
  setCityQuotas,
} from './domain/activity';
import type { Session } from './domain/session';
import { ActivityRepository, StoredActivity } from './activity.repository';

/** An activity as the API shows it: with its days in the host's calendar and the seats taken. */
export type ActivityView = StoredActivity & { days: string[] };

export const activityView = (a: StoredActivity): ActivityView => ({ ...a, days: activityDays(a) });

export interface SessionInput {
  id?: string;
  startsAt: string;
  endsAt: string;
}

export interface WindowInput {
  opensAt: string;
  closesAt: string;
}

export interface CertificateInput {
  minHours?: number | null;
  minSessions?: number | null;
}

export type ScheduleInput = Omit<ActivityFields, 'sessions' | 'registrationWindow' | 'certificate'> & {
  communityId: string;
  hostMemberId: string;
  sessions: SessionInput[];
  registrationWindow: WindowInput;
  certificate?: CertificateInput | null;
};

export type UpdateInput = Omit<ActivityChanges, 'registrationWindow' | 'certificate'> & {
  registrationWindow?: WindowInput;
  certificate?: CertificateInput | null;
};

const sessionsOf = (input: readonly SessionInput[]): Session[] =>
  input.map((s) => ({ id: s.id ?? uuidv7(), startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));

const windowOf = (w: WindowInput): RegistrationWindow => ({ opensAt: new Date(w.opensAt), closesAt: new Date(w.closesAt) });

const certificateOf = (c: CertificateInput | null | undefined): CertificateRule | null | undefined =>
  c === undefined ? undefined : c === null ? null : { minHours: c.minHours ?? null, minSessions: c.minSessions ?? null };

/**
 * Activities are organised by the network's admins or by the host city's liaison (ARCHITECTURE
 * §5: a liaison changes its own city's data, and an activity a city hosts is the city's to run).
 */
@Injectable()
export class ActivityService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly activities: ActivityRepository,
    private readonly communities: CommunityRepository,
    private readonly directory: DirectoryCopies,
    private readonly registrations: RegistrationService,
    /** What GET routes read: practice's own tables, or on a city node its copies of the hub's. */
    @Inject(PRACTICE_READS) private readonly reads: PracticeReads,
  ) {}

  schedule({ communityId, hostMemberId, sessions, registrationWindow, certificate, ...fields }: ScheduleInput): Promise<ActivityView> {
    return this.tx.run(async (uow) => {
      const community = await this.communities.find(communityId, uow.manager);
      if (!community || !canReadNetwork(community.networkId)) {
        throw RuleViolation.unprocessable('activity.community.exists', 'communityId', `community ${communityId} does not exist`);
      }
      requireAccess(['network-admin', 'city-liaison'], { networkId: community.networkId, memberId: hostMemberId });
      const host = await this.directory.member(hostMemberId, uow.manager);
      if (!host) throw RuleViolation.unprocessable('activity.host.known', 'hostMemberId', `member ${hostMemberId} is not known here`);
      const outcome = scheduleActivity(
        uuidv7(),
        community,
        { memberId: host.id, timeZone: host.timeZone },
        { ...fields, sessions: sessionsOf(sessions), registrationWindow: windowOf(registrationWindow), certificate: certificateOf(certificate) },
        new Date(),
      );
      await this.activities.insert(uow.manager, outcome.state);
      await emitAll(uow, outcome.events);
      return activityView({ ...outcome.state, seatsTaken: 0 });
    });
  }

  update(id: string, { registrationWindow, certificate, ...changes }: UpdateInput, ifMatch?: string): Promise<ActivityView> {
    return this.change(id, ifMatch, async (uow, current) => {
      const community = found(await this.communities.find(current.communityId, uow.manager), 'community', current.communityId);
      return changeActivity(
        current,
        community,
        { ...changes, ...(registrationWindow && { registrationWindow: windowOf(registrationWindow) }), ...(certificate !== undefined && { certificate: certificateOf(certificate) }) },
        current.seatsTaken,
        new Date(),
        changes.cityQuotas === undefined ? undefined : await this.activities.registeredByCity(uow.manager, id),
      );
    });
  }

  /**
   * Replaces the per-city quotas; the activity's organisers (as for every other change) decide.
   * Counted under the activity's lock, which every registration takes too, so no registration
   * slips in between the count and the new quota; the database checks the same line again.
   */
  setQuotas(id: string, quotas: CityQuota[], ifMatch?: string): Promise<ActivityView> {
    return this.change(id, ifMatch, async (uow, current) => {
      const community = found(await this.communities.find(current.communityId, uow.manager), 'community', current.communityId);
      return setCityQuotas(current, community, quotas, await this.activities.registeredByCity(uow.manager, id), new Date());
    });
  }

  reschedule(id: string, sessions: SessionInput[], window: WindowInput | undefined, ifMatch?: string): Promise<ActivityView> {
    return this.change(id, ifMatch, async (_, current) => rescheduleActivity(current, sessionsOf(sessions), new Date(), window ? windowOf(window) : current.registrationWindow));
  }

  open(id: string, ifMatch?: string): Promise<ActivityView> {
    return this.change(id, ifMatch, async (_, current) => openRegistration(current, new Date()));
  }

  close(id: string, ifMatch?: string): Promise<ActivityView> {
    return this.change(id, ifMatch, async (_, current) => closeRegistration(current, new Date()));
  }

  cancel(id: string, reason: string, ifMatch?: string): Promise<ActivityView> {
    return this.change(id, ifMatch, async (_, current) => cancelActivity(current, reason, new Date()));
  }

  markHeld(id: string, ifMatch?: string): Promise<ActivityView> {
    return this.change(id, ifMatch, async (_, current) => markHeld(current, new Date()));
  }

  async get(id: string): Promise<ActivityView> {
    const activity = await this.reads.activity(id);
    return activityView(found(activity && canReadNetwork(activity.networkId) ? activity : undefined, 'activity', id));
  }

  async list(filter: { communityId?: string; status?: ActivityStatus; hostMemberId?: string; limit: number; offset: number }): Promise<Page<ActivityView>> {
    const page = await this.reads.activities({ ...filter, networks: readableNetworks() });
    return { ...page, items: page.items.map(activityView) };
  }

  /**
   * Locks the activity, checks who asks and the ETag, applies the rule, and lets the
   * registrations follow (a larger capacity offers seats to the waitlist; `full` tracks seats).
   */
  private change(id: string, ifMatch: string | undefined, rule: (uow: UnitOfWork, current: StoredActivity) => Promise<Outcome<Activity>>): Promise<ActivityView> {
    return this.tx.run(async (uow) => {
      const current = await this.activities.lock(uow.manager, id);
      const activity = found(current && canReadNetwork(current.networkId) ? current : undefined, 'activity', id);
      requireAccess(['network-admin', 'city-liaison'], { networkId: activity.networkId, memberId: activity.hostMemberId });
      checkIfMatch(ifMatch, activity.version);
      const outcome = await rule(uow, activity);
      if (outcome.events.length === 0) return activityView(activity);
      const next: StoredActivity = { ...outcome.state, seatsTaken: activity.seatsTaken };
      await this.activities.update(uow.manager, next);
      await emitAll(uow, outcome.events);
      return activityView(await this.registrations.reconcile(uow, next));
    });
  }
}
