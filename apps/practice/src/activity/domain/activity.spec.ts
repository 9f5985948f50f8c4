import { ACTIVITY_STATUSES, ActivityStatus } from '@intercity/contracts';
import { community, openActivity, OUTSIDER, ACCEM, CARTAGENA, OFFENBACH, RAVENNA, schedule, studyVisit, T0 } from '../../shared/domain/fixtures';
import { eventViolations, typesOf, uid } from '../../shared/domain/spec-support';
import {
  ACTIVITY_TRANSITIONS,
  activityDays,
  activityMinutes,
  activityState,
  cancelActivity,
  canTransition,
  changeActivity,
  closeRegistration,
  isWithinRegistrationWindow,
  markHeld,
  openRegistration,
  reflectSeats,
  rescheduleActivity,
  scheduleActivity,
  setCityQuotas,
} from './activity';

const t1 = new Date('2024-03-05T10:00:00Z');
const host = { memberId: RAVENNA, timeZone: 'Europe/Rome' };
const [S1, S2, S3] = [uid(301), uid(302), uid(303)];

describe('activities', () => {
  it('are scheduled as drafts in the host’s time zone, and say so', () => {
    const { state, events } = scheduleActivity(uid(300), community, host, studyVisit, T0);

    expect(state).toMatchObject({ status: 'draft', timeZone: 'Europe/Rome', sequence: 0, version: 1, communityId: community.id, networkId: community.networkId });
    expect(typesOf(events)).toEqual(['practice.activity.scheduled']);
    expect(events[0].data).toMatchObject({ days: ['2024-04-24', '2024-04-26'], status: 'draft' });
    expect(eventViolations(events)).toEqual([]);
  });

  it('may be set in another time zone than the host’s', () => {
    expect(schedule({ timeZone: 'Europe/Lisbon' }).timeZone).toBe('Europe/Lisbon');
    expect(() => schedule({ timeZone: 'Europe/Ravenna' })).toThrow(expect.objectContaining({ rule: 'activity.time-zone', field: 'timeZone' }));
  });

  it('are hosted by a city of the community or an expert’s organisation', () => {
    expect(scheduleActivity(uid(300), community, { memberId: ACCEM, timeZone: 'Europe/Madrid' }, { ...studyVisit, kind: 'webinar', onlineUrl: 'https://meet.example.org/oss' }, T0).state.hostMemberId).toBe(ACCEM);
    expect(() => scheduleActivity(uid(300), community, { memberId: OUTSIDER, timeZone: 'Europe/Rome' }, studyVisit, T0)).toThrow(
      expect.objectContaining({ rule: 'activity.host.in-community', kind: 'unprocessable' }),
    );
  });

  it('refuse a session that ends before it starts, or at the same instant', () => {
    const backwards = [{ id: S1, startsAt: new Date('2024-04-24T15:00:00Z'), endsAt: new Date('2024-04-24T07:00:00Z') }];
    expect(() => schedule({ sessions: backwards })).toThrow(expect.objectContaining({ rule: 'session.ends-before-start', field: 'sessions[0].endsAt', kind: 'invalid' }));
    const empty = [{ id: S1, startsAt: new Date('2024-04-24T07:00:00Z'), endsAt: new Date('2024-04-24T07:00:00Z') }];
    expect(() => schedule({ sessions: empty })).toThrow(expect.objectContaining({ rule: 'session.ends-before-start' }));
  });

  it('refuse no sessions, overlapping sessions, a session twice, and invalid instants', () => {
    expect(() => schedule({ sessions: [] })).toThrow(expect.objectContaining({ rule: 'activity.sessions' }));
    const [a] = studyVisit.sessions;
    expect(() => schedule({ sessions: [a, { id: S2, startsAt: new Date('2024-04-24T14:00:00Z'), endsAt: new Date('2024-04-24T16:00:00Z') }] })).toThrow(
      expect.objectContaining({ rule: 'session.overlap' }),
    );
    expect(() => schedule({ sessions: [a, { ...a, startsAt: new Date('2024-05-01T07:00:00Z'), endsAt: new Date('2024-05-01T08:00:00Z') }] })).toThrow(
      expect.objectContaining({ rule: 'session.duplicate', field: 'sessions[1].id' }),
    );
    expect(() => schedule({ sessions: [{ ...a, startsAt: new Date('nonsense') }] })).toThrow(expect.objectContaining({ rule: 'session.instant' }));
  });

  it('sort sessions by start; back-to-back sessions are fine', () => {
    const [a, b] = studyVisit.sessions;
    const c = { id: S3, startsAt: b.endsAt, endsAt: new Date(b.endsAt.getTime() + 3_600_000) };
    expect(schedule({ sessions: [c, b, a] }).sessions.map((s) => s.id)).toEqual([S1, S2, S3]);
  });

  it('need a place or link fitting their kind', () => {
    expect(() => schedule({ place: null })).toThrow(expect.objectContaining({ rule: 'activity.location', field: 'place' }));
    expect(() => schedule({ kind: 'webinar' })).toThrow(expect.objectContaining({ rule: 'activity.location', field: 'onlineUrl' }));
    expect(() => schedule({ kind: 'workshop', place: null, onlineUrl: 'ftp://x.example.org' })).toThrow(expect.objectContaining({ rule: 'activity.online-url' }));
    expect(schedule({ kind: 'workshop', place: null, onlineUrl: 'https://meet.example.org/oss' }).onlineUrl).toBe('https://meet.example.org/oss');
  });

  it('check capacity, window, languages, quotas and the certificate rule', () => {
    expect(() => schedule({ capacity: 0 })).toThrow(expect.objectContaining({ rule: 'activity.capacity' }));
    expect(() => schedule({ capacity: 2.5 })).toThrow(expect.objectContaining({ rule: 'activity.capacity' }));
    const { opensAt } = studyVisit.registrationWindow;
    expect(() => schedule({ registrationWindow: { opensAt, closesAt: opensAt } })).toThrow(expect.objectContaining({ rule: 'activity.registration-window' }));
    expect(() => schedule({ registrationWindow: { opensAt, closesAt: new Date('2024-04-27T00:00:00Z') } })).toThrow(
      expect.objectContaining({ rule: 'activity.registration-window.after-end' }),
    );
    expect(() => schedule({ languages: ['klingon'] })).toThrow(expect.objectContaining({ rule: 'activity.languages' }));
    expect(() => schedule({ cityQuotas: [{ memberId: OUTSIDER, seats: 2 }] })).toThrow(expect.objectContaining({ rule: 'activity.quota.member-city' }));
    expect(() => schedule({ cityQuotas: [{ memberId: OFFENBACH, seats: 0 }] })).toThrow(expect.objectContaining({ rule: 'activity.quota.seats' }));
    expect(() => schedule({ cityQuotas: [{ memberId: OFFENBACH, seats: 1 }, { memberId: OFFENBACH, seats: 2 }] })).toThrow(
      expect.objectContaining({ rule: 'activity.quota.duplicate' }),
    );
    expect(() => schedule({ certificate: { minHours: null, minSessions: null } })).toThrow(expect.objectContaining({ rule: 'activity.certificate' }));
    expect(() => schedule({ certificate: { minHours: -1, minSessions: null } })).toThrow(expect.objectContaining({ field: 'certificate.minHours' }));
    expect(() => schedule({ certificate: { minHours: null, minSessions: 1.5 } })).toThrow(expect.objectContaining({ field: 'certificate.minSessions' }));
    const a = schedule({ cityQuotas: [{ memberId: OFFENBACH, seats: 1 }], certificate: { minHours: 10, minSessions: null } });
    expect(eventViolations(scheduleActivity(a.id, community, host, { ...studyVisit, cityQuotas: a.cityQuotas, certificate: a.certificate }, T0).events)).toEqual([]);
    expect(activityState(a)).toMatchObject({ cityQuotas: [{ memberId: OFFENBACH, seats: 1 }], certificate: { minHours: 10 } });
    expect(activityState(a).certificate).not.toHaveProperty('minSessions');
  });

  it('count days in the host’s calendar, not in UTC', () => {
    // 23:30-01:30 in Rome on a winter night: one evening session spans two local days.
    const late = schedule({
      sessions: [{ id: S1, startsAt: new Date('2024-01-10T22:30:00Z'), endsAt: new Date('2024-01-11T00:30:00Z') }],
      registrationWindow: { opensAt: new Date('2024-01-01T00:00:00Z'), closesAt: new Date('2024-01-10T00:00:00Z') },
    });
    expect(activityDays(late)).toEqual(['2024-01-10', '2024-01-11']);
    expect(activityDays({ ...late, timeZone: 'Europe/Lisbon' })).toEqual(['2024-01-10', '2024-01-11']);
    expect(activityDays({ ...late, timeZone: 'America/New_York' })).toEqual(['2024-01-10']);
    // Ends at local midnight: the next day is not touched.
    expect(activityDays({ ...late, sessions: [{ id: S1, startsAt: new Date('2024-01-10T21:00:00Z'), endsAt: new Date('2024-01-10T23:00:00Z') }] })).toEqual(['2024-01-10']);
    // A five-day training week, one session a day, counts five days.
    const week = Array.from({ length: 5 }, (_, i) => ({
      id: uid(310 + i),
      startsAt: new Date(Date.UTC(2024, 3, 22 + i, 7)),
      endsAt: new Date(Date.UTC(2024, 3, 22 + i, 15)),
    }));
    const training = schedule({ kind: 'training', sessions: week });
    expect(activityDays(training)).toHaveLength(5);
    expect(activityMinutes(training)).toBe(5 * 8 * 60);
  });

  it('move through their statuses only along the allowed transitions', () => {
    const a = schedule();
    const opened = openRegistration(a, t1);
    expect(opened.state).toMatchObject({ status: 'open', version: 2 });
    expect(typesOf(opened.events)).toEqual(['practice.activity.opened']);
    expect(openRegistration(opened.state, t1).events).toEqual([]);
    expect(() => closeRegistration(a, t1)).toThrow(expect.objectContaining({ rule: 'activity.status.transition', kind: 'conflict' }));
    const closed = closeRegistration(opened.state, t1);
    expect(closed.state.status).toBe('closed');
    expect(openRegistration(closed.state, t1).state.status).toBe('open');
    expect(canTransition('held', 'open')).toBe(false);
    for (const from of ACTIVITY_STATUSES) for (const to of ACTIVITY_TRANSITIONS[from]) expect(ACTIVITY_STATUSES).toContain(to);
    const terminal = ACTIVITY_STATUSES.filter((s) => ACTIVITY_TRANSITIONS[s].length === 0);
    expect(terminal).toEqual<ActivityStatus[]>(['held', 'cancelled']);
  });

  it('become full when every seat is taken and open again when one frees', () => {
    const a = openActivity();
    expect(reflectSeats(a, 2, t1).events).toEqual([]);
    const full = reflectSeats(a, 3, t1);
    expect(full.state.status).toBe('full');
    expect(typesOf(full.events)).toEqual(['practice.activity.filled']);
    expect(full.state.sequence).toBe(a.sequence);
    expect(openRegistration(full.state, t1).events).toEqual([]);
    const reopened = reflectSeats(full.state, 2, t1);
    expect(reopened.state.status).toBe('open');
    expect(typesOf(reopened.events)).toEqual(['practice.activity.opened']);
    expect(reflectSeats({ ...a, status: 'closed' }, 3, t1).events).toEqual([]);
  });

  it('are held once their last session has ended', () => {
    const a = openActivity();
    expect(() => markHeld(a, new Date('2024-04-26T10:59:59Z'))).toThrow(expect.objectContaining({ rule: 'activity.held.before-end' }));
    const held = markHeld(a, new Date('2024-04-26T11:00:00Z'));
    expect(typesOf(held.events)).toEqual(['practice.activity.held']);
    expect(() => cancelActivity(held.state, 'too late', t1)).toThrow(expect.objectContaining({ rule: 'activity.held' }));
    expect(() => markHeld(schedule(), new Date('2024-05-01T00:00:00Z'))).toThrow(expect.objectContaining({ rule: 'activity.status.transition' }));
  });

  it('are cancelled with a reason, which calendars see through a new SEQUENCE', () => {
    const a = openActivity();
    expect(() => cancelActivity(a, '  ', t1)).toThrow(expect.objectContaining({ rule: 'activity.cancellation-reason', kind: 'invalid' }));
    const { state, events } = cancelActivity(a, 'Host city closed after flooding', t1);
    expect(state).toMatchObject({ status: 'cancelled', cancellationReason: 'Host city closed after flooding', cancelledAt: t1, sequence: 1, version: 3 });
    expect(events[0].data).toMatchObject({ status: 'cancelled', sequence: 1, cancelledAt: t1.toISOString() });
    expect(eventViolations(events)).toEqual([]);
    expect(() => cancelActivity(state, 'again', t1)).toThrow(expect.objectContaining({ rule: 'activity.cancelled' }));
    expect(() => openRegistration(state, t1)).toThrow(expect.objectContaining({ rule: 'activity.cancelled' }));
    expect(() => rescheduleActivity(state, studyVisit.sessions, t1)).toThrow(expect.objectContaining({ rule: 'activity.cancelled' }));
  });

  it('are rescheduled with sessions keeping their ids, dropped ones remembered, SEQUENCE raised', () => {
    const a = openActivity();
    const [s1] = a.sessions;
    const moved = { id: S3, startsAt: new Date('2024-04-29T07:00:00Z'), endsAt: new Date('2024-04-29T11:00:00Z') };
    const { state, events } = rescheduleActivity(a, [s1, moved], t1);

    expect(state.sessions.map((s) => s.id)).toEqual([S1, S3]);
    expect(state.droppedSessions.map((s) => s.id)).toEqual([S2]);
    expect(state).toMatchObject({ sequence: 1, version: 3 });
    expect(typesOf(events)).toEqual(['practice.activity.rescheduled']);
    expect(events[0].data).toMatchObject({ days: ['2024-04-24', '2024-04-29'], droppedSessions: [{ sessionId: S2 }] });
    expect(eventViolations(events)).toEqual([]);

    const restored = rescheduleActivity(state, a.sessions, t1).state;
    expect(restored.droppedSessions.map((s) => s.id)).toEqual([S3]);
    expect(restored.sequence).toBe(2);

    expect(rescheduleActivity(a, [...a.sessions].reverse(), t1)).toEqual({ state: a, events: [] });
  });

  it('keep a session that has started where it was', () => {
    const a = openActivity();
    const duringFirst = new Date('2024-04-24T09:00:00Z');
    const [s1, s2] = a.sessions;
    expect(() => rescheduleActivity(a, [s2], duringFirst)).toThrow(expect.objectContaining({ rule: 'session.started', kind: 'conflict' }));
    expect(() => rescheduleActivity(a, [{ ...s1, endsAt: new Date('2024-04-24T16:00:00Z') }, s2], duringFirst)).toThrow(
      expect.objectContaining({ rule: 'session.started' }),
    );
    const later = { ...s2, startsAt: new Date('2024-04-26T08:00:00Z'), endsAt: new Date('2024-04-26T12:00:00Z') };
    expect(rescheduleActivity(a, [s1, later], duringFirst).state.sessions[1].startsAt).toEqual(later.startsAt);
  });

  it('check the registration window against the new sessions', () => {
    const a = openActivity();
    const early = [{ id: S1, startsAt: new Date('2024-04-10T07:00:00Z'), endsAt: new Date('2024-04-10T09:00:00Z') }];
    expect(() => rescheduleActivity(a, early, t1)).toThrow(expect.objectContaining({ rule: 'activity.registration-window.after-end' }));
    const window = { opensAt: a.registrationWindow.opensAt, closesAt: new Date('2024-04-09T00:00:00Z') };
    expect(rescheduleActivity(a, early, t1, window).state.registrationWindow).toEqual(window);
  });

  it('change their details; what a calendar shows raises SEQUENCE, capacity does not', () => {
    const a = openActivity();
    const bigger = changeActivity(a, community, { capacity: 30 }, 3, t1);
    expect(bigger.state).toMatchObject({ capacity: 30, sequence: 0, version: 3 });
    expect(typesOf(bigger.events)).toEqual(['practice.activity.updated']);
    expect(eventViolations(bigger.events)).toEqual([]);
    expect(changeActivity(a, community, { place: 'Via Berlinguer 11, Ravenna' }, 0, t1).state.sequence).toBe(1);
    expect(changeActivity(a, community, { capacity: 3, title: a.title }, 0, t1)).toEqual({ state: a, events: [] });
    expect(() => changeActivity(a, community, { capacity: 2 }, 3, t1)).toThrow(expect.objectContaining({ rule: 'activity.capacity.below-taken', kind: 'conflict' }));
    expect(() => changeActivity(a, community, { place: null }, 0, t1)).toThrow(expect.objectContaining({ rule: 'activity.location' }));
    expect(() => changeActivity({ ...a, status: 'held' }, community, { capacity: 5 }, 0, t1)).toThrow(expect.objectContaining({ rule: 'activity.held' }));
  });

  it('take registrations in a half-open window', () => {
    const a = openActivity();
    expect(isWithinRegistrationWindow(a, a.registrationWindow.opensAt)).toBe(true);
    expect(isWithinRegistrationWindow(a, new Date(a.registrationWindow.opensAt.getTime() - 1))).toBe(false);
    expect(isWithinRegistrationWindow(a, a.registrationWindow.closesAt)).toBe(false);
  });

  describe('per-city quotas after scheduling', () => {
    const a = openActivity({ capacity: 20, cityQuotas: [{ memberId: OFFENBACH, seats: 3 }] });
    const registered = new Map([
      [OFFENBACH, 2],
      [CARTAGENA, 1],
    ]);

    it('are set, changed and removed as a whole, telling the quotas before; SEQUENCE stays', () => {
      const { state, events } = setCityQuotas(a, community, [{ memberId: CARTAGENA, seats: 1 }, { memberId: OFFENBACH, seats: 2 }], registered, t1);

      expect(state).toMatchObject({ cityQuotas: [{ memberId: CARTAGENA, seats: 1 }, { memberId: OFFENBACH, seats: 2 }], sequence: a.sequence, version: a.version + 1, updatedAt: t1 });
      expect(typesOf(events)).toEqual(['practice.activity.quotas-changed']);
      expect(events[0]).toMatchObject({ aggregateId: a.id, aggregateVersion: a.version + 1 });
      expect(events[0].data).toMatchObject({ cityQuotas: state.cityQuotas, previousCityQuotas: [{ memberId: OFFENBACH, seats: 3 }] });
      expect(eventViolations(events)).toEqual([]);

      const removed = setCityQuotas(a, community, [], registered, t1);
      expect(removed.state.cityQuotas).toEqual([]);
      expect(eventViolations(removed.events)).toEqual([]);
    });

    it('change nothing when the same quotas come again, in any order', () => {
      const twice = setCityQuotas(a, community, [{ memberId: CARTAGENA, seats: 4 }, { memberId: OFFENBACH, seats: 3 }], registered, t1).state;
      expect(setCityQuotas(twice, community, [{ memberId: OFFENBACH, seats: 3 }, { memberId: CARTAGENA, seats: 4 }], registered, t1)).toEqual({ state: twice, events: [] });
    });

    it('may add up to more than the capacity: they cap each city, they do not set seats aside', () => {
      const cities = [OFFENBACH, CARTAGENA, RAVENNA].map((memberId) => ({ memberId, seats: 10 }));
      expect(setCityQuotas(a, community, cities, registered, t1).state.cityQuotas).toHaveLength(3);
    });

    it('never drop below the people a city already has, nor name a city outside the community', () => {
      expect(() => setCityQuotas(a, community, [{ memberId: OFFENBACH, seats: 1 }], registered, t1)).toThrow(
        expect.objectContaining({ rule: 'activity.quota.below-registered', kind: 'conflict', field: 'cityQuotas[0].seats', message: expect.stringContaining('already has 2 people') }),
      );
      expect(() => setCityQuotas(a, community, [{ memberId: ACCEM, seats: 2 }], registered, t1)).toThrow(
        expect.objectContaining({ rule: 'activity.quota.member-city', field: 'cityQuotas[0].memberId' }),
      );
      expect(() => setCityQuotas(a, community, [{ memberId: OFFENBACH, seats: 0 }], new Map(), t1)).toThrow(expect.objectContaining({ rule: 'activity.quota.seats' }));
      expect(() => setCityQuotas({ ...a, status: 'cancelled', cancellationReason: 'Flooding' }, community, [], registered, t1)).toThrow(
        expect.objectContaining({ rule: 'activity.cancelled' }),
      );
      // The general update keeps the same line.
      expect(() => changeActivity(a, community, { cityQuotas: [{ memberId: CARTAGENA, seats: 1 }, { memberId: OFFENBACH, seats: 1 }] }, 2, t1, registered)).toThrow(
        expect.objectContaining({ rule: 'activity.quota.below-registered', field: 'cityQuotas[1].seats' }),
      );
    });
  });
});
