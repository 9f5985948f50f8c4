import type {
  ActivityStateV1,
  CertificateIssuedV1,
  EventEnvelope,
  CityReportStateV1,
  ExpenditureReportStateV1,
  MilestoneSlippingV1,
  PairingStateV1,
  RegistrationStateV1,
  ReportDueV1,
  VisitChangedV1,
  VisitStateV1,
} from '@intercity/contracts';
import type { Recipient } from '../../notification/domain/intent';
import { Audience, FiredReminder, intentsFor, intentsForReminder, remindersFor, VisitReminderPlan } from './rules';

const NET = '00000000-0000-4000-8000-00000000000a';
const ROME = '00000000-0000-4000-8000-0000000000c1';
const OFFENBACH = '00000000-0000-4000-8000-0000000000c2';
const COORDINATOR_ORG = '00000000-0000-4000-8000-0000000000c3';

function person(personId: string, memberId: string, over: Partial<Recipient> = {}): Recipient {
  return { personId, memberId, networkId: NET, language: 'en', timeZone: 'Europe/Rome', email: `${personId}@example.org`, name: personId, ...over };
}

const people = {
  giulia: person('giulia', ROME),
  marco: person('marco', ROME),
  jonas: person('jonas', OFFENBACH, { timeZone: 'Europe/Berlin', language: 'de' }),
  lena: person('lena', OFFENBACH, { timeZone: 'Europe/Berlin', language: 'de' }),
  officer: person('officer', COORDINATOR_ORG, { timeZone: 'Europe/Brussels' }),
};

class FakeAudience implements Audience {
  liaisonsOf: Record<string, Recipient[]> = { [ROME]: [people.giulia], [OFFENBACH]: [people.jonas] };
  registrantsOf: Record<string, Recipient[]> = {};
  async person(id: string) {
    return Object.values(people).find((p) => p.personId === id) ?? null;
  }
  async liaisons(memberId: string) {
    return this.liaisonsOf[memberId] ?? [];
  }
  async registrants(activityId: string) {
    return this.registrantsOf[activityId] ?? [];
  }
  async coordinators(networkId: string) {
    return networkId === NET ? [people.officer] : [];
  }
  async memberName(memberId: string) {
    return ({ [ROME]: 'Roma Capitale', [OFFENBACH]: 'Kreis Offenbach' } as Record<string, string>)[memberId] ?? null;
  }
  async activityTitle(activityId: string) {
    return activityId === 'act-1' ? 'One-stop-shops: peer review' : null;
  }
}

let seq = 0;
function envelope<T extends object>(type: string, data: T, id = `evt-${++seq}`): EventEnvelope<object> {
  return {
    id,
    type,
    version: 1,
    occurredAt: '2026-03-01T10:00:00.000Z',
    origin: 'hub',
    aggregate: { type: type.split('.')[1], id: 'agg', version: 3 },
    actor: { kind: 'person', id: 'giulia' },
    correlationId: id,
    causationId: null,
    data,
  };
}

function visit(n: 1 | 2, over: Partial<VisitStateV1> = {}): VisitStateV1 {
  // Visit 1: Offenbach (implementing) at Rome (mentoring); visit 2 the other way.
  return {
    visitId: `visit-${n}`,
    number: n,
    hostMemberId: n === 1 ? ROME : OFFENBACH,
    visitingMemberId: n === 1 ? OFFENBACH : ROME,
    timeZone: n === 1 ? 'Europe/Rome' : 'Europe/Berlin',
    status: 'planned',
    days: [],
    visitorIds: n === 1 ? ['jonas', 'lena'] : ['marco'],
    programme: [],
    ...over,
  };
}

function pairing(over: Partial<PairingStateV1> = {}): PairingStateV1 {
  return {
    pairingId: 'pairing-1',
    networkId: NET,
    projectId: 'project-1',
    communityId: 'community-1',
    mentoringMemberId: ROME,
    implementingMemberId: OFFENBACH,
    status: 'agreed',
    acceptedBy: [ROME, OFFENBACH],
    maxVisitors: 4,
    minGapDays: 14,
    visitOneReportRequired: true,
    reportDueDays: 10,
    visits: [visit(1), visit(2)],
    ...over,
  };
}

const scheduled = (n: 1 | 2, startsOn: string, endsOn: string, days: string[]) => visit(n, { status: 'scheduled', startsOn, endsOn, days });
const week = (from: string) => [0, 1, 2, 3, 4].map((i) => new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10));

describe('exchange changes', () => {
  it('tells the liaisons of both cities, each of the other city, with the visit dates', async () => {
    const data: VisitChangedV1 = {
      ...pairing({ status: 'scheduled', visits: [scheduled(1, '2026-04-13', '2026-04-17', week('2026-04-13')), visit(2)] }),
      visitNumber: 1,
    };
    const event = envelope('exchanges.visit.scheduled', data, 'evt-visit');
    const intents = await intentsFor(event, new FakeAudience());
    expect(intents.map((i) => [i.key, i.personId, i.facts.otherCityName])).toEqual([
      ['evt-visit:exchange-changed:giulia', 'giulia', 'Kreis Offenbach'],
      ['evt-visit:exchange-changed:jonas', 'jonas', 'Roma Capitale'],
    ]);
    expect(intents[0]).toMatchObject({
      kind: 'exchange-changed',
      networkId: NET,
      memberId: ROME,
      subject: { type: 'pairing', id: 'pairing-1' },
      eventId: 'evt-visit',
      occurredAt: '2026-03-01T10:00:00.000Z',
      facts: {
        change: 'visit.scheduled',
        cityRole: 'mentoring',
        otherCityId: OFFENBACH,
        visitNumber: 1,
        visitStartsOn: '2026-04-13',
        visitEndsOn: '2026-04-17',
        visitOneStartsOn: '2026-04-13',
        visitOneEndsOn: '2026-04-17',
        visitOneHostCityId: ROME,
        visitOneVisitors: 2,
        visitTwoStartsOn: null,
        visitTwoStatus: 'planned',
      },
    });
    expect(intents[1].facts).toMatchObject({ cityRole: 'implementing', otherCityId: ROME });
  });

  it('tells a person who liaises for both cities once', async () => {
    const audience = new FakeAudience();
    audience.liaisonsOf[OFFENBACH] = [people.jonas, people.giulia];
    const intents = await intentsFor(envelope('exchanges.pairing.cancelled', pairing({ status: 'cancelled', cancelReason: 'budget cut' })), audience);
    expect(intents.map((i) => i.personId)).toEqual(['giulia', 'jonas']);
    expect(intents[0].facts).toMatchObject({ change: 'pairing.cancelled', cancelReason: 'budget cut', visitNumber: null, cityRole: 'mentoring' });
  });

  it('says nothing of blackouts', async () => {
    expect(await intentsFor(envelope('exchanges.blackout.added', { memberId: ROME }), new FakeAudience())).toEqual([]);
  });
});

describe('practice', () => {
  const activity: ActivityStateV1 = {
    activityId: 'act-1',
    communityId: 'community-1',
    networkId: NET,
    kind: 'peer-review',
    title: 'One-stop-shops: peer review',
    hostMemberId: ROME,
    place: 'Via Ostiense 131',
    timeZone: 'Europe/Rome',
    sessions: [
      { sessionId: 's2', startsAt: '2026-05-13T07:00:00.000Z', endsAt: '2026-05-13T15:00:00.000Z' },
      { sessionId: 's1', startsAt: '2026-05-12T07:00:00.000Z', endsAt: '2026-05-12T15:00:00.000Z' },
    ],
    days: ['2026-05-13', '2026-05-12'],
    capacity: 20,
    registrationOpensAt: '2026-03-01T00:00:00.000Z',
    registrationClosesAt: '2026-05-01T00:00:00.000Z',
    languages: ['en'],
    status: 'cancelled',
    sequence: 2,
    cancellationReason: 'host venue closed',
    cancelledAt: '2026-04-01T09:00:00.000Z',
  };

  it('tells the registrants of an activity cancelled', async () => {
    const audience = new FakeAudience();
    audience.registrantsOf['act-1'] = [people.marco, people.lena];
    const intents = await intentsFor(envelope('practice.activity.cancelled', activity, 'evt-a'), audience);
    expect(intents.map((i) => i.key)).toEqual(['evt-a:activity-changed:marco', 'evt-a:activity-changed:lena']);
    expect(intents[1]).toMatchObject({ memberId: OFFENBACH, subject: { type: 'activity', id: 'act-1' } });
    expect(intents[0].facts).toMatchObject({
      change: 'cancelled',
      title: 'One-stop-shops: peer review',
      firstDay: '2026-05-12',
      lastDay: '2026-05-13',
      days: '2026-05-12, 2026-05-13',
      startsAt: '2026-05-12T07:00:00.000Z',
      endsAt: '2026-05-13T15:00:00.000Z',
      sessions: 2,
      cancellationReason: 'host venue closed',
    });
  });

  it('says nothing of an activity opened', async () => {
    const audience = new FakeAudience();
    audience.registrantsOf['act-1'] = [people.marco];
    expect(await intentsFor(envelope('practice.activity.opened', { ...activity, status: 'open' }), audience)).toEqual([]);
  });

  const registration = (over: Partial<RegistrationStateV1>): RegistrationStateV1 => ({
    registrationId: 'reg-1',
    activityId: 'act-1',
    communityId: 'community-1',
    networkId: NET,
    personId: 'lena',
    memberId: OFFENBACH,
    registeredBy: 'jonas',
    registeredAt: '2026-03-02T08:00:00.000Z',
    arrival: 21,
    status: 'waitlisted',
    ...over,
  });

  it('offers the seat to the person, with its expiry', async () => {
    const data = registration({ status: 'offered', offeredAt: '2026-04-02T08:00:00.000Z', offerExpiresAt: '2026-04-04T08:00:00.000Z' });
    const [intent, ...rest] = await intentsFor(envelope('practice.registration.offered', data, 'evt-o'), new FakeAudience());
    expect(rest).toEqual([]);
    expect(intent).toMatchObject({
      key: 'evt-o:seat-offered:lena',
      kind: 'seat-offered',
      subject: { type: 'registration', id: 'reg-1' },
      facts: { activityTitle: 'One-stop-shops: peer review', offerExpiresAt: '2026-04-04T08:00:00.000Z', status: 'offered' },
    });
  });

  it.each([
    ['practice.registration.confirmed', 'confirmed'],
    ['practice.registration.waitlisted', 'waitlisted'],
    ['practice.registration.offer-expired', 'expired'],
    ['practice.registration.cancelled', 'cancelled'],
  ] as const)('tells the person of %s', async (type, status) => {
    const intents = await intentsFor(envelope(type, registration({ status })), new FakeAudience());
    expect(intents.map((i) => [i.kind, i.personId, i.facts.status])).toEqual([['registration-changed', 'lena', status]]);
  });

  it('does not write to an erased person, nor to one it does not know', async () => {
    const erased = registration({ status: 'cancelled', cancelReason: 'person-erased' });
    expect(await intentsFor(envelope('practice.registration.cancelled', erased), new FakeAudience())).toEqual([]);
    expect(await intentsFor(envelope('practice.registration.confirmed', registration({ personId: 'nobody', status: 'confirmed' })), new FakeAudience())).toEqual([]);
  });

  it('tells the person of a certificate, hours from whole minutes', async () => {
    const data: CertificateIssuedV1 = {
      certificateId: 'cert-1',
      networkId: NET,
      personId: 'marco',
      memberId: ROME,
      activityIds: ['act-1'],
      rule: { minHours: 10 },
      attendedMinutes: 750,
      attendedSessions: 2,
      language: 'it',
      issuedOn: '2026-05-14',
    };
    const [intent] = await intentsFor(envelope('practice.certificate.issued', data), new FakeAudience());
    expect(intent).toMatchObject({ kind: 'certificate-issued', personId: 'marco', subject: { type: 'certificate', id: 'cert-1' } });
    expect(intent.facts).toMatchObject({ activityTitle: 'One-stop-shops: peer review', attendedHours: '12.5', issuedOn: '2026-05-14' });
  });
});

describe('grants', () => {
  it('tells the network’s coordinators of a report submitted, with its total', async () => {
    const data: ExpenditureReportStateV1 = {
      reportId: 'rep-1',
      networkId: NET,
      subGrantId: 'sg-1',
      programmeId: 'prog-1',
      memberId: OFFENBACH,
      deadlineKey: 'interim-1',
      kind: 'interim',
      period: { from: '2026-01-01', to: '2026-06-30' },
      lines: [
        { category: 'staff', amount: { amountMinor: '1250000', currency: 'EUR' } },
        { category: 'travel', amount: { amountMinor: '34550', currency: 'EUR' } },
      ],
      status: 'submitted',
      submittedBy: 'jonas',
      submittedOn: '2026-07-10',
      revision: 2,
      decisions: [],
    };
    const intents = await intentsFor(envelope('grants.expenditure-report.submitted', data, 'evt-r'), new FakeAudience());
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      key: 'evt-r:report-submitted:officer',
      subject: { type: 'expenditure-report', id: 'rep-1' },
      facts: { cityName: 'Kreis Offenbach', total: '12845.50', currency: 'EUR', periodFrom: '2026-01-01', periodTo: '2026-06-30', resubmitted: true },
    });
  });

  const due: ReportDueV1 = {
    key: 'sg-1:interim-1:2026-07-15',
    networkId: NET,
    programmeId: 'prog-1',
    subGrantId: 'sg-1',
    memberId: OFFENBACH,
    deadlineKey: 'interim-1',
    dueOn: '2026-07-15',
    on: '2026-07-08',
  };

  it.each([
    ['grants.report.due-soon', 'report-due-soon'],
    ['grants.report.overdue', 'report-overdue'],
  ])('tells the city’s liaisons of %s', async (type, kind) => {
    const intents = await intentsFor(envelope(type, due), new FakeAudience());
    expect(intents.map((i) => [i.kind, i.personId, i.facts.dueOn])).toEqual([[kind, 'jonas', '2026-07-15']]);
    expect(intents[0].subject).toEqual({ type: 'sub-grant', id: 'sg-1' });
  });

  it('tells the city’s liaisons of a milestone slipping', async () => {
    const data: MilestoneSlippingV1 = { ...due, key: 'm', milestoneId: 'ms-1', milestoneKey: 'one-stop-shop-open', forecastOn: '2026-09-01' };
    const [intent] = await intentsFor(envelope('grants.milestone.slipping', data), new FakeAudience());
    expect(intent).toMatchObject({ kind: 'milestone-slipping', personId: 'jonas', facts: { milestoneKey: 'one-stop-shop-open', dueOn: '2026-07-15', forecastOn: '2026-09-01' } });
  });

  it("tells them of a city's report submitted or resubmitted on its own node", async () => {
    const data: CityReportStateV1 = {
      reportId: 'rep-2',
      networkId: NET,
      subGrantId: 'sg-1',
      programmeId: 'prog-1',
      memberId: OFFENBACH,
      deadlineKey: 'final',
      kind: 'final',
      period: { from: '2026-01-01', to: '2026-12-31' },
      lines: [{ category: 'staff', amount: { amountMinor: '100000', currency: 'EUR' } }],
      submittedBy: 'jonas',
      submittedOn: '2027-01-10',
      revision: 1,
    };
    const [submitted] = await intentsFor(envelope('grants.city-report.submitted', data, 'evt-c'), new FakeAudience());
    expect(submitted).toMatchObject({ kind: 'report-submitted', subject: { type: 'expenditure-report', id: 'rep-2' }, facts: { total: '1000.00', resubmitted: false } });
    const [again] = await intentsFor(envelope('grants.city-report.resubmitted', { ...data, revision: 2 }, 'evt-d'), new FakeAudience());
    expect(again).toMatchObject({ kind: 'report-submitted', facts: { revision: 2, resubmitted: true } });
    expect(await intentsFor(envelope('grants.report-review.approved', {}), new FakeAudience())).toEqual([]);
  });

  it('ignores events no rule speaks of', async () => {
    expect(await intentsFor(envelope('grants.expenditure-report.approved', {}), new FakeAudience())).toEqual([]);
    expect(await intentsFor(envelope('membership.person.registered', {}), new FakeAudience())).toEqual([]);
  });
});

describe('visit reminders', () => {
  const atOf = (plans: VisitReminderPlan[], n: number) => plans[n].at?.toISOString() ?? null;

  it('reminds at 09:00 host time a week before each visit, across a DST change', () => {
    // Rome, 2026-04-13: 7 days before is 2026-04-06, CEST (UTC+2). Berlin, 2026-03-30: the
    // 23rd is still CET (UTC+1).
    const data = pairing({
      status: 'scheduled',
      visits: [scheduled(1, '2026-04-13', '2026-04-17', week('2026-04-13')), scheduled(2, '2026-03-30', '2026-04-03', week('2026-03-30'))],
    });
    const plans = remindersFor(envelope('exchanges.pairing.scheduled', data, 'evt-s'));
    expect(plans.map((p) => [p.key, p.kind, p.eventId])).toEqual([
      ['visit-next-week:visit-1', 'visit-next-week', 'evt-s'],
      ['visit-next-week:visit-2', 'visit-next-week', 'evt-s'],
    ]);
    expect(atOf(plans, 0)).toBe('2026-04-06T07:00:00.000Z');
    expect(atOf(plans, 1)).toBe('2026-03-23T08:00:00.000Z');
    expect(plans[0].payload).toMatchObject({ visitorIds: ['jonas', 'lena'], startsOn: '2026-04-13', timeZone: 'Europe/Rome', hostMemberId: ROME });
  });

  it('moves the reminder with the visit and is the same for the same event', () => {
    const moved: VisitChangedV1 = {
      ...pairing({ status: 'scheduled', visits: [scheduled(1, '2026-05-04', '2026-05-08', week('2026-05-04')), visit(2)] }),
      visitNumber: 1,
    };
    const event = envelope('exchanges.visit.rescheduled', moved);
    const plans = remindersFor(event);
    expect(plans[0]).toMatchObject({ key: 'visit-next-week:visit-1', at: new Date('2026-04-27T07:00:00.000Z') });
    // Visit two has no dates yet: nothing to remind of.
    expect(plans[1]).toMatchObject({ key: 'visit-next-week:visit-2', at: null, payload: null });
    expect(remindersFor(event)).toEqual(plans);
  });

  it('cancels the reminders of a cancelled pairing and of a visit done', () => {
    const both = [scheduled(1, '2026-04-13', '2026-04-17', week('2026-04-13')), scheduled(2, '2026-06-01', '2026-06-05', week('2026-06-01'))];
    const cancelled = remindersFor(envelope('exchanges.pairing.cancelled', pairing({ status: 'cancelled', visits: both })));
    expect(cancelled.map((p) => p.at)).toEqual([null, null]);
    const done: VisitChangedV1 = { ...pairing({ status: 'visit-one-done', visits: [{ ...both[0], status: 'done' }, both[1]] }), visitNumber: 1 };
    const plans = remindersFor(envelope('exchanges.visit.done', done));
    expect(plans[0].at).toBeNull();
    expect(plans[1].at).toEqual(new Date('2026-05-25T07:00:00.000Z'));
  });

  it('plans nothing for other events', () => {
    expect(remindersFor(envelope('practice.activity.cancelled', {}))).toEqual([]);
  });

  function fired(programme: VisitStateV1['programme'] = []): FiredReminder {
    const data = pairing({ status: 'scheduled', visits: [visit(1, { status: 'scheduled', startsOn: '2026-04-13', endsOn: '2026-04-17', days: week('2026-04-13'), programme }), visit(2)] });
    const [plan] = remindersFor(envelope('exchanges.pairing.scheduled', data, 'evt-s'));
    if (!plan.at || !plan.payload) throw new Error('expected a reminder');
    return { key: plan.key, eventId: plan.eventId, at: plan.at, payload: plan.payload };
  }

  it('tells the visitors when it fires, with where to be first', async () => {
    const reminder = fired([
      { day: '2026-04-14', time: '09:00', place: 'Campidoglio', topic: 'welcome' },
      { day: '2026-04-13', time: '10:30', place: 'Via Ostiense 131', topic: 'one-stop-shop tour' },
    ]);
    const intents = await intentsForReminder(reminder, new FakeAudience(), reminder.at);
    expect(intents.map((i) => i.key)).toEqual(['evt-s:visit-next-week:jonas', 'evt-s:visit-next-week:lena']);
    expect(intents[0]).toMatchObject({
      kind: 'visit-next-week',
      memberId: OFFENBACH,
      subject: { type: 'pairing', id: 'pairing-1' },
      occurredAt: '2026-04-06T07:00:00.000Z',
      facts: { hostCityName: 'Roma Capitale', startsOn: '2026-04-13', endsOn: '2026-04-17', firstDay: '2026-04-13', firstTime: '10:30', firstPlace: 'Via Ostiense 131' },
    });
  });

  it('tells nobody once the visit has begun', async () => {
    const reminder = fired();
    // Midnight of the 13th in Rome is 22:00Z on the 12th.
    expect(await intentsForReminder(reminder, new FakeAudience(), new Date('2026-04-12T21:59:59Z'))).toHaveLength(2);
    expect(await intentsForReminder(reminder, new FakeAudience(), new Date('2026-04-12T22:00:00Z'))).toEqual([]);
  });
});
