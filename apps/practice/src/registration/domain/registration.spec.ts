import fc from 'fast-check';
import { Activity } from '../../activity/domain/activity';
import { CARTAGENA, community, OFFENBACH, openActivity, OUTSIDER, RAVENNA } from '../../shared/domain/fixtures';
import { eventViolations, typesOf, uid } from '../../shared/domain/spec-support';
import {
  acceptOffer,
  admit,
  cancelForCityLeaving,
  cancelForErasedPerson,
  cancelRegistration,
  expireOffers,
  nextOfferExpiry,
  offerFreeSeats,
  register,
  Registrar,
  Registration,
  RegistrationsOutcome,
  seatsTaken,
  summarize,
  waitlist,
  waitlistPosition,
} from './registration';

const HOUR = 3_600_000;
const now = new Date('2024-03-10T12:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * HOUR);
const ADMIN: Registrar = { role: 'network-admin', personId: uid(999) };
const person = (n: number, memberId = OFFENBACH) => ({ personId: uid(2000 + n), memberId });

/** Registers people 1..n (each of the given city) in order, as an admin. */
function registerAll(activity: Activity, n: number, memberId = OFFENBACH, list: Registration[] = []): Registration[] {
  for (let i = 1; i <= n; i++) {
    list = register(activity, community, list, { id: uid(1000 + list.length + 1), person: person(list.length + 1, memberId), by: ADMIN }, now).state;
  }
  return list;
}

const statuses = (list: readonly Registration[]) => list.map((r) => r.status);

describe('registration', () => {
  const activity = openActivity(); // 3 seats

  it('confirms until every seat is taken, then waitlists in order of arrival', () => {
    const list = registerAll(activity, 5);

    expect(statuses(list)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect(list.map((r) => r.arrival)).toEqual([1, 2, 3, 4, 5]);
    expect(seatsTaken(list)).toBe(3);
    expect(waitlistPosition(list, uid(1005))).toBe(2);
    expect(waitlistPosition(list, uid(1001))).toBeUndefined();
  });

  it('tells what it did with each registration, carrying its whole state', () => {
    const first = register(activity, community, [], { id: uid(1001), person: person(1), by: ADMIN }, now);
    expect(typesOf(first.events)).toEqual(['practice.registration.confirmed']);
    expect(first.events[0]).toMatchObject({ aggregateId: uid(1001), aggregateVersion: 1, data: { status: 'confirmed', arrival: 1, confirmedAt: now.toISOString() } });
    const fourth = register(activity, community, registerAll(activity, 3), { id: uid(1004), person: person(4), by: ADMIN }, now);
    expect(typesOf(fourth.events)).toEqual(['practice.registration.waitlisted']);
    expect(eventViolations([...first.events, ...fourth.events])).toEqual([]);
  });

  it('lets a liaison register people of their own city only, and a person only themselves', () => {
    const liaison: Registrar = { role: 'city-liaison', personId: uid(3000), memberId: OFFENBACH };
    expect(register(activity, community, [], { id: uid(1001), person: person(1), by: liaison }, now).state[0].registeredBy).toBe(uid(3000));
    expect(() => register(activity, community, [], { id: uid(1001), person: person(1, CARTAGENA), by: liaison }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.other-city', field: 'personId' }),
    );
    expect(register(activity, community, [], { id: uid(1001), person: person(1), by: { role: 'self', personId: person(1).personId } }, now).state).toHaveLength(1);
    expect(() => register(activity, community, [], { id: uid(1001), person: person(1), by: { role: 'self', personId: uid(7) } }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.other-person' }),
    );
  });

  it("takes people of the community's cities only", () => {
    expect(() => register(activity, community, [], { id: uid(1001), person: person(1, OUTSIDER), by: ADMIN }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.member-city', kind: 'unprocessable' }),
    );
    expect(register(activity, community, [], { id: uid(1001), person: person(1, RAVENNA), by: ADMIN }, now).state).toHaveLength(1);
  });

  it('is open only within the window, for an open (or full) activity', () => {
    const attempt = (a: Activity, at: Date) => () => register(a, community, [], { id: uid(1001), person: person(1), by: ADMIN }, at);
    expect(attempt(activity, new Date('2024-02-29T23:59:59Z'))).toThrow(expect.objectContaining({ rule: 'registration.window', kind: 'conflict' }));
    expect(attempt(activity, activity.registrationWindow.closesAt)).toThrow(expect.objectContaining({ rule: 'registration.window' }));
    expect(attempt({ ...activity, status: 'cancelled', cancellationReason: 'flood' }, now)).toThrow(expect.objectContaining({ rule: 'activity.cancelled' }));
    expect(attempt({ ...activity, status: 'draft' }, now)).toThrow(expect.objectContaining({ rule: 'registration.not-open' }));
    expect(attempt({ ...activity, status: 'closed' }, now)).toThrow(expect.objectContaining({ rule: 'registration.closed' }));
    expect(attempt({ ...activity, status: 'full' }, now)).not.toThrow();
  });

  it('takes a person once, and again after they cancelled, at the back of the queue', () => {
    const list = registerAll(activity, 4);
    expect(() => register(activity, community, list, { id: uid(1099), person: person(1), by: ADMIN }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.duplicate', kind: 'conflict' }),
    );
    const withdrawn = cancelRegistration(activity, list, uid(1001), ADMIN, now).state;
    const again = register(activity, community, withdrawn, { id: uid(1099), person: person(1), by: ADMIN }, now).state;
    expect(again.at(-1)).toMatchObject({ status: 'waitlisted', arrival: 5 });
  });

  it('keeps to per-city quotas, counting everyone the city has registered or waiting', () => {
    const quota = openActivity({ capacity: 2, cityQuotas: [{ memberId: OFFENBACH, seats: 3 }] });
    const list = registerAll(quota, 3);
    expect(statuses(list)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(() => register(quota, community, list, { id: uid(1004), person: person(4), by: ADMIN }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.quota', kind: 'conflict' }),
    );
    expect(register(quota, community, list, { id: uid(1004), person: person(4, CARTAGENA), by: ADMIN }, now).state).toHaveLength(4);
    const after = cancelRegistration(quota, list, uid(1003), ADMIN, now).state;
    expect(register(quota, community, after, { id: uid(1004), person: person(4), by: ADMIN }, now).state).toHaveLength(4);
  });

  it('offers a freed seat to the first person waiting, for 48 hours by default', () => {
    const list = registerAll(activity, 5);
    const out = cancelRegistration(activity, list, uid(1002), ADMIN, now);

    expect(typesOf(out.events)).toEqual(['practice.registration.cancelled', 'practice.registration.offered']);
    expect(out.changed.map((r) => r.id)).toEqual([uid(1002), uid(1004)]);
    expect(out.state.find((r) => r.id === uid(1004))).toMatchObject({ status: 'offered', offeredAt: now, offerExpiresAt: inHours(48), version: 2 });
    expect(out.state.find((r) => r.id === uid(1002))).toMatchObject({ status: 'cancelled', cancelReason: 'withdrawn', endedAt: now });
    expect(seatsTaken(out.state)).toBe(3);
    expect(nextOfferExpiry(out.state)).toEqual(inHours(48));
    expect(eventViolations(out.events)).toEqual([]);
    expect(cancelRegistration(activity, list, uid(1002), ADMIN, now, { offerValidForHours: 24 }).state[3].offerExpiresAt).toEqual(inHours(24));
  });

  it('does not offer a seat when the cancelled registration held none', () => {
    const out = cancelRegistration(activity, registerAll(activity, 5), uid(1004), ADMIN, now);
    expect(typesOf(out.events)).toEqual(['practice.registration.cancelled']);
    expect(waitlist(out.state).map((r) => r.id)).toEqual([uid(1005)]);
  });

  it('confirms an offer taken up in time, and refuses one taken up too late', () => {
    const offered = cancelRegistration(activity, registerAll(activity, 5), uid(1001), ADMIN, now).state;
    const self: Registrar = { role: 'self', personId: person(4).personId };

    const accepted = acceptOffer(activity, offered, uid(1004), self, inHours(47));
    expect(accepted.state[3]).toMatchObject({ status: 'confirmed', confirmedAt: inHours(47) });
    expect(typesOf(accepted.events)).toEqual(['practice.registration.confirmed']);
    expect(acceptOffer(activity, accepted.state, uid(1004), self, inHours(47)).events).toEqual([]);

    expect(() => acceptOffer(activity, offered, uid(1004), self, inHours(48))).toThrow(expect.objectContaining({ rule: 'registration.offer-expired' }));
    expect(() => acceptOffer(activity, offered, uid(1005), { role: 'self', personId: person(5).personId }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.not-offered' }),
    );
    expect(() => acceptOffer(activity, offered, uid(1004), { role: 'self', personId: person(5).personId }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.other-person' }),
    );
    expect(() => acceptOffer(activity, offered, uid(4242), ADMIN, now)).toThrow(expect.objectContaining({ rule: 'registration.exists' }));
  });

  it('passes an expired offer to the next person waiting, once', () => {
    const offered = cancelRegistration(activity, registerAll(activity, 6), uid(1001), ADMIN, now).state;

    expect(expireOffers(activity, offered, inHours(47)).events).toEqual([]);
    const out = expireOffers(activity, offered, inHours(50));
    expect(typesOf(out.events)).toEqual(['practice.registration.offer-expired', 'practice.registration.offered']);
    expect(out.state[3]).toMatchObject({ status: 'expired', endedAt: inHours(48) });
    expect(out.state[4]).toMatchObject({ status: 'offered', offeredAt: inHours(50), offerExpiresAt: inHours(98) });
    expect(eventViolations(out.events)).toEqual([]);
    expect(expireOffers(activity, out.state, inHours(50)).events).toEqual([]);
    expect(() => acceptOffer(activity, out.state, uid(1004), ADMIN, inHours(50))).toThrow(expect.objectContaining({ rule: 'registration.offer-expired' }));
  });

  it('treats cancelling an offer as declining it, and passes the seat on', () => {
    const offered = cancelRegistration(activity, registerAll(activity, 5), uid(1001), ADMIN, now).state;
    const out = cancelRegistration(activity, offered, uid(1004), { role: 'self', personId: person(4).personId }, inHours(1));
    expect(out.state[3]).toMatchObject({ status: 'cancelled', cancelReason: 'declined-offer' });
    expect(out.state[4]).toMatchObject({ status: 'offered' });
  });

  it('refuses cancelling twice, for another city, or after the activity was held', () => {
    const list = registerAll(activity, 2);
    const done = cancelRegistration(activity, list, uid(1001), ADMIN, now).state;
    expect(() => cancelRegistration(activity, done, uid(1001), ADMIN, now)).toThrow(expect.objectContaining({ rule: 'registration.ended' }));
    expect(() => cancelRegistration(activity, list, uid(1001), { role: 'city-liaison', personId: uid(3001), memberId: CARTAGENA }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.other-city' }),
    );
    expect(() => cancelRegistration({ ...activity, status: 'held' }, list, uid(1001), ADMIN, now)).toThrow(expect.objectContaining({ rule: 'activity.held' }));
  });

  it('offers no seats for a cancelled activity or one that is over', () => {
    const list = registerAll(activity, 4);
    expect(cancelRegistration({ ...activity, status: 'cancelled' }, list, uid(1001), ADMIN, now).events).toHaveLength(1);
    expect(cancelRegistration(activity, list, uid(1001), ADMIN, new Date('2024-04-26T11:00:00Z')).events).toHaveLength(1);
  });

  it('fills seats a capacity increase frees, in order', () => {
    const list = registerAll(activity, 6);
    const out = offerFreeSeats({ ...activity, capacity: 5 }, list, now);
    expect(out.changed.map((r) => r.id)).toEqual([uid(1004), uid(1005)]);
    expect(() => offerFreeSeats(activity, list, now, { offerValidForHours: 0 })).toThrow(RangeError);
  });

  it('decides from a summary of the registrations what it decides from the whole list', () => {
    const list = registerAll(activity, 4, RAVENNA, registerAll(activity, 2));
    const cancelled = cancelRegistration(activity, list, uid(1001), ADMIN, now).state; // seat offered to #4
    const summary = summarize(cancelled, person(7));
    expect(summary).toEqual({ seatsHeld: 3, waiting: 2, lastArrival: 6, personRegistered: false, cityRegistered: 1 });
    expect(summarize(cancelled, person(2))).toMatchObject({ personRegistered: true, cityRegistered: 1 });
    expect(summarize(cancelled, person(3, RAVENNA))).toMatchObject({ personRegistered: true, cityRegistered: 4 });

    const admitted = admit(activity, community, summary, { id: uid(1007), person: person(7), by: ADMIN }, now);
    expect(admitted).toMatchObject({ registration: { arrival: 7, status: 'waitlisted' }, waitlistPosition: 3, seatsHeld: 3 });
    expect(typesOf(admitted.events)).toEqual(['practice.registration.waitlisted']);
    const free = admit(activity, community, { ...summary, seatsHeld: 2, waiting: 0 }, { id: uid(1007), person: person(7), by: ADMIN }, now);
    expect(free).toMatchObject({ registration: { arrival: 7, status: 'confirmed', confirmedAt: now }, waitlistPosition: null, seatsHeld: 3 });
    expect(() => admit(activity, community, { ...summary, personRegistered: true }, { id: uid(1007), person: person(7), by: ADMIN }, now)).toThrow(
      expect.objectContaining({ rule: 'registration.duplicate' }),
    );
    const quoted = openActivity({ cityQuotas: [{ memberId: OFFENBACH, seats: 1 }] });
    expect(() => admit(quoted, community, summary, { id: uid(1007), person: person(7), by: ADMIN }, now)).toThrow(expect.objectContaining({ rule: 'registration.quota' }));
  });

  it('follows people erased and cities leaving', () => {
    const list = registerAll(activity, 2, CARTAGENA, registerAll(activity, 3));
    const erased = cancelForErasedPerson(activity, list, person(1).personId, now);
    expect(erased.state[0]).toMatchObject({ status: 'cancelled', cancelReason: 'person-erased' });
    expect(erased.state[3].status).toBe('offered');
    const left = cancelForCityLeaving(activity, list, CARTAGENA, now);
    expect(typesOf(left.events)).toEqual(['practice.registration.cancelled', 'practice.registration.cancelled']);
    expect(left.changed.every((r) => r.cancelReason === 'city-left')).toBe(true);
    expect(cancelForErasedPerson(activity, list, uid(4242), now).events).toEqual([]);
  });
});

describe('registration under any sequence of requests', () => {
  type Op =
    | { kind: 'register'; person: number; city: number }
    | { kind: 'cancel'; pick: number }
    | { kind: 'accept'; pick: number }
    | { kind: 'wait'; hours: number };

  const cities = [OFFENBACH, RAVENNA, CARTAGENA];
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('register' as const), person: fc.integer({ min: 1, max: 25 }), city: fc.integer({ min: 0, max: 2 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('accept' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 72 }) }) },
  );

  it('never gives more seats than there are, serves the waitlist in arrival order, keeps quotas and one place per person', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.array(op, { maxLength: 60 }),
        (capacity, quota, ops) => {
          const activity = openActivity({ capacity, cityQuotas: quota ? [{ memberId: OFFENBACH, seats: quota }] : [] });
          let list: Registration[] = [];
          let at = now;
          let lastOffered = 0;
          let nextId = 1;
          const apply = (out: RegistrationsOutcome) => {
            for (const e of out.events) {
              if (e.event.type === 'practice.registration.offered') {
                const arrival = (e.data as { arrival: number }).arrival;
                // Offers go out in strictly increasing order of arrival: nobody overtakes.
                expect(arrival).toBeGreaterThan(lastOffered);
                lastOffered = arrival;
              }
            }
            // One event per registration changed, each at its registration's new version.
            expect(out.events.map((e) => [e.aggregateId, e.aggregateVersion])).toEqual(out.changed.map((r) => [r.id, r.version]));
            list = out.state;
          };
          const live = () => list.filter((r) => ['confirmed', 'waitlisted', 'offered'].includes(r.status));
          for (const o of ops) {
            try {
              if (o.kind === 'register') {
                const p = { personId: uid(2000 + o.person), memberId: cities[o.city] };
                // A person belongs to one city: keep the first city drawn for them.
                const known = list.find((r) => r.personId === p.personId);
                const input = { id: uid(nextId++), person: known ? { ...p, memberId: known.memberId } : p, by: ADMIN };
                const admitted = admit(activity, community, summarize(list, input.person), input, at);
                apply(register(activity, community, list, input, at));
                // What the summary path answers matches the list it was summarised from.
                expect(admitted.seatsHeld).toBe(seatsTaken(list));
                expect(admitted.waitlistPosition).toBe(waitlistPosition(list, input.id) ?? null);
              } else if (o.kind === 'cancel') {
                const l = live();
                if (l.length) apply(cancelRegistration(activity, list, l[o.pick % l.length].id, ADMIN, at));
              } else if (o.kind === 'accept') {
                const offered = list.filter((r) => r.status === 'offered');
                if (offered.length) apply(acceptOffer(activity, list, offered[o.pick % offered.length].id, ADMIN, at));
              } else {
                at = new Date(at.getTime() + o.hours * HOUR);
                apply(expireOffers(activity, list, at));
              }
            } catch (e) {
              // Refusals are fine (duplicate, quota, late acceptance, window): nothing changed.
              expect(e).toHaveProperty('rule');
            }
            expect(seatsTaken(list)).toBeLessThanOrEqual(capacity);
            // No seat stands empty while someone waits (before the activity is over).
            if (at < activity.sessions[1].endsAt && waitlist(list).length > 0) expect(seatsTaken(list)).toBe(capacity);
            const people = live().map((r) => r.personId);
            expect(new Set(people).size).toBe(people.length);
            if (quota) expect(live().filter((r) => r.memberId === OFFENBACH).length).toBeLessThanOrEqual(quota);
            expect(list.map((r) => r.arrival)).toEqual(list.map((_, i) => i + 1));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
