import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DirectoryCopies } from '@intercity/directory';
import { RuleViolation } from '@intercity/domain';
import { TransactionRunner, UnitOfWork } from '@intercity/persistence';
import { canReadNetwork, found, requireAccess } from '@intercity/platform';
import { reflectSeats } from '../activity/domain/activity';
import { ActivityRepository, StoredActivity } from '../activity/activity.repository';
import { CommunityRepository } from '../community/community.repository';
import { PRACTICE_OPTIONS, PracticeOptions } from '../practice.config';
import { registrarFor } from '../shared/actor';
import { emitAll } from '../shared/emit';
import { PRACTICE_READS, PracticeReads } from '../shared/persistence/practice-reads';
import {
  acceptOffer,
  admit,
  cancelForCityLeaving,
  cancelForErasedPerson,
  cancelRegistration,
  expireOffers,
  OfferPolicy,
  offerFreeSeats,
  register,
  Registration,
  RegistrationsOutcome,
  seatsTaken,
  waitlistPosition,
} from './domain/registration';
import { RegistrationRepository } from './registration.repository';

/** A registration as the API shows it: with its place on the waitlist while it waits. */
export type RegistrationView = Registration & { waitlistPosition: number | null };

type Rule = (activity: StoredActivity, list: readonly Registration[]) => RegistrationsOutcome;

const view = (list: readonly Registration[], r: Registration): RegistrationView => ({ ...r, waitlistPosition: waitlistPosition(list, r.id) ?? null });

@Injectable()
export class RegistrationService {
  private readonly policy: OfferPolicy;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly registrations: RegistrationRepository,
    private readonly activities: ActivityRepository,
    private readonly communities: CommunityRepository,
    private readonly directory: DirectoryCopies,
    @Inject(PRACTICE_OPTIONS) options: PracticeOptions,
    /** What GET routes read: practice's own tables, or on a city node its copies of the hub's. */
    @Inject(PRACTICE_READS) private readonly reads: PracticeReads,
  ) {
    this.policy = { offerValidForHours: options.offerValidForHours };
  }

  /**
   * A network admin registers anyone of a member city; a city's liaison only their own city's
   * people (403 `access.own-city` otherwise). Seats go in the order requests take the activity's lock.
   *
   * Every registration of an activity queues for its lock, so what happens while it is held sets
   * the rate. The person and the community are read before it: the statement that summarises the
   * registrations under the lock also checks that those reads still hold (the person known here,
   * in the same city; that city in the community or not, as read), and if either moved, or an
   * offer has lapsed and must be swept first, the request takes the full path, which reads
   * everything again under the lock. So the rule always decides on what was current once the lock
   * was granted, as if it had read it all there. Under the lock the fast path is: the summary, the
   * insert, the events (outbox and audit in one statement), commit. The database still holds
   * capacity, one live registration per person, unique arrivals and city quotas.
   */
  register(activityId: string, personId: string): Promise<RegistrationView> {
    return this.tx.run(async (uow) => {
      const m = uow.manager;
      const [seen, personBefore] = await Promise.all([this.activities.find(activityId, m), this.directory.person(personId, m)]);
      const communityBefore = seen ? await this.communities.find(seen.communityId, m) : undefined;
      const locked = await this.activities.lock(m, activityId);
      // Another network's activity does not show that it exists.
      const activity = found(locked && canReadNetwork(locked.networkId) ? locked : undefined, 'activity', activityId);
      const id = uuidv7();
      if (personBefore && communityBefore?.id === activity.communityId) {
        const now = new Date();
        const person = { personId: personBefore.id, memberId: personBefore.memberId };
        const cityInCommunity = communityBefore.memberIds.includes(person.memberId);
        const snapshot = await this.registrations.registerSnapshot(m, activity.id, { ...person, communityId: communityBefore.id, cityInCommunity }, now);
        if (snapshot.readsHold && snapshot.lapsedOffers === 0) {
          requireAccess(['network-admin', 'city-liaison'], { networkId: activity.networkId, memberId: person.memberId });
          const by = registrarFor(activity.networkId, person.memberId);
          const admitted = admit(activity, communityBefore, snapshot.summary, { id, person, by }, now);
          await this.registrations.add(m, admitted.registration);
          const reflected = reflectSeats(activity, admitted.seatsHeld, now);
          if (reflected.events.length) await this.activities.update(m, reflected.state);
          await emitAll(uow, [...admitted.events, ...reflected.events]);
          return { ...admitted.registration, waitlistPosition: admitted.waitlistPosition };
        }
      }
      const person = await this.directory.person(personId, m);
      if (!person) throw RuleViolation.unprocessable('registration.person.known', 'personId', `person ${personId} is not known here`);
      requireAccess(['network-admin', 'city-liaison'], { networkId: activity.networkId, memberId: person.memberId });
      const community = found(await this.communities.find(activity.communityId, m), 'community', activity.communityId);
      const by = registrarFor(activity.networkId, person.memberId);
      const outcome = await this.apply(uow, activity, (a, list) =>
        register(a, community, list, { id, person: { personId: person.id, memberId: person.memberId }, by }, new Date()),
      );
      return view(outcome.state, found(outcome.state.find((r) => r.id === id), 'registration', id));
    });
  }

  /** The person's liaison or an admin cancels; a cancelled offer is declined. The seat passes on. */
  cancel(activityId: string, registrationId: string): Promise<RegistrationView> {
    return this.changeOne(activityId, registrationId, (a, list, r, now) => cancelRegistration(a, list, r.id, registrarFor(a.networkId, r.memberId), now, this.policy));
  }

  acceptOffer(activityId: string, registrationId: string): Promise<RegistrationView> {
    return this.changeOne(activityId, registrationId, (a, list, r, now) => acceptOffer(a, list, r.id, registrarFor(a.networkId, r.memberId), now));
  }

  async list(activityId: string): Promise<RegistrationView[]> {
    const activity = await this.reads.activity(activityId);
    found(activity && canReadNetwork(activity.networkId) ? activity : undefined, 'activity', activityId);
    const list = await this.reads.registrationsOf(activityId);
    return list.map((r) => view(list, r));
  }

  async get(activityId: string, registrationId: string): Promise<RegistrationView> {
    const list = await this.list(activityId);
    return found(list.find((r) => r.id === registrationId), 'registration', registrationId);
  }

  /**
   * Offers not taken up in time lapse and their seats pass on: the periodic sweep, each activity
   * in its own transaction. Returns how many activities changed.
   */
  async expireLapsedOffers(now: Date = new Date()): Promise<number> {
    let changed = 0;
    for (const activityId of await this.registrations.activitiesWithLapsedOffers(now)) {
      if ((await this.expireLapsedOffersOf(activityId, now)) > 0) changed++;
    }
    return changed;
  }

  /** One activity's lapsed offers, as the job due at an offer's deadline asks. Returns the events emitted. */
  expireLapsedOffersOf(activityId: string, now: Date = new Date()): Promise<number> {
    return this.tx.run(async (uow) => {
      const activity = await this.activities.lock(uow.manager, activityId);
      if (!activity) return 0;
      return (await this.apply(uow, activity, () => ({ state: [], changed: [], events: [] }), now)).events.length;
    });
  }

  /** A person erased upstream holds no place here any more; their seats pass on. */
  async cancelForPerson(uow: UnitOfWork, personId: string): Promise<void> {
    for (const activityId of await this.registrations.activitiesOfPerson(uow.manager, personId)) {
      const activity = await this.activities.lock(uow.manager, activityId);
      if (activity) await this.apply(uow, activity, (a, list) => cancelForErasedPerson(a, list, personId, new Date(), this.policy));
    }
  }

  /** A city that left a community sends nobody to its activities any more. */
  async cancelForCity(uow: UnitOfWork, communityId: string, memberId: string): Promise<void> {
    for (const activityId of await this.activities.idsOfCommunity(uow.manager, communityId)) {
      const activity = await this.activities.lock(uow.manager, activityId);
      if (activity) await this.apply(uow, activity, (a, list) => cancelForCityLeaving(a, list, memberId, new Date(), this.policy));
    }
  }

  /** After the activity itself changed (capacity, opening): free seats go to the waitlist, `full` follows the seats. */
  async reconcile(uow: UnitOfWork, activity: StoredActivity): Promise<StoredActivity> {
    await this.apply(uow, activity, (a, list) => offerFreeSeats(a, list, new Date(), this.policy));
    // Re-read: the seats the trigger counted and the status reflectSeats set.
    return found(await this.activities.find(activity.id, uow.manager), 'activity', activity.id);
  }

  private changeOne(
    activityId: string,
    registrationId: string,
    rule: (a: StoredActivity, list: readonly Registration[], r: Registration, now: Date) => RegistrationsOutcome,
  ): Promise<RegistrationView> {
    return this.tx.run(async (uow) => {
      const activity = found(await this.activities.lock(uow.manager, activityId), 'activity', activityId);
      const stored = (await this.registrations.ofActivity(uow.manager, activityId)).find((r) => r.id === registrationId);
      const current = found(stored && canReadNetwork(activity.networkId) ? stored : undefined, 'registration', registrationId);
      requireAccess(['network-admin', 'city-liaison'], { networkId: activity.networkId, memberId: current.memberId });
      const outcome = await this.apply(uow, activity, (a, list) => rule(a, list, found(list.find((r) => r.id === registrationId), 'registration', registrationId), new Date()));
      return view(outcome.state, found(outcome.state.find((r) => r.id === registrationId), 'registration', registrationId));
    });
  }

  /**
   * Runs a rule over the activity's registrations under its lock: lapsed offers are swept first
   * (so no request sees a stale offer), then the rule; what changed is stored in order, the
   * activity's `full` status follows the seats, and every event goes to the outbox.
   */
  private async apply(uow: UnitOfWork, activity: StoredActivity, rule: Rule, now: Date = new Date()): Promise<RegistrationsOutcome> {
    const list = await this.registrations.ofActivity(uow.manager, activity.id);
    const swept = expireOffers(activity, list, now, this.policy);
    const outcome = rule(activity, swept.state);
    const state = outcome.changed.length || outcome.events.length ? outcome.state : swept.state;
    await this.registrations.save(uow.manager, list, swept.changed);
    await this.registrations.save(uow.manager, list, outcome.changed);
    const reflected = reflectSeats(activity, seatsTaken(state), now);
    if (reflected.events.length) await this.activities.update(uow.manager, reflected.state);
    const events = [...swept.events, ...outcome.events, ...reflected.events];
    await emitAll(uow, events);
    return { state, changed: [...swept.changed, ...outcome.changed], events };
  }
}
