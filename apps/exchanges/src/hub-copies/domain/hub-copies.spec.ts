import { BlackoutAdded, BlackoutRemoved, BlackoutV1, Emission, emission, EXCHANGES_EVENTS, Outcome } from '@intercity/contracts';
import { newerCopy, Versioned } from '@intercity/domain';
import {
  acceptPairing,
  cancelPairing,
  closePairing,
  markVisitDone,
  Pairing,
  proposePairing,
  scheduleVisits,
  setProgramme,
  setVisitors,
  submitReport,
} from '../../pairing/domain/pairing';
import { blackoutCopy, pairingCopy, STATE_EVENTS } from './hub-copies';

const NETWORK = '01900000-0000-7000-8000-000000000999';
const uid = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const OFFENBACH = uid(1);
const RAVENNA = uid(2);
const [R1, R2, O1] = [uid(11), uid(12), uid(21)];
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
const week = (monday: string) => Array.from({ length: 5 }, (_, i) => `${monday.slice(0, 8)}${String(Number(monday.slice(8)) + i).padStart(2, '0')}`);

/** An emission as it reaches a city: an envelope whose occurredAt is the hub's clock at the change. */
function envelopeOf(e: Emission, occurredAt: Date) {
  return {
    type: e.event.type,
    aggregate: { type: e.event.aggregateType, id: e.aggregateId, version: e.aggregateVersion },
    occurredAt: occurredAt.toISOString(),
    data: JSON.parse(JSON.stringify(e.data)),
  };
}

/** A pairing's whole life as the hub's rules tell it, each step beside the state the hub holds after it. */
function story() {
  const steps: { state: Pairing; emissions: Emission[]; at: Date }[] = [];
  const tell = (outcome: Outcome<Pairing>): Pairing => {
    steps.push({ state: outcome.state, emissions: outcome.events, at: outcome.state.updatedAt });
    return outcome.state;
  };
  const city = (memberId: string, timeZone: string, experienceLevel: 'mentoring' | 'implementing') => ({ memberId, kind: 'city', timeZone, inCommunity: true, experienceLevel });
  let p = tell(
    proposePairing(
      { pairingId: uid(100), visitOneId: uid(101), visitTwoId: uid(102) },
      { id: uid(50), networkId: NETWORK, projectId: uid(60) },
      { mentoring: city(OFFENBACH, 'Europe/Berlin', 'mentoring'), implementing: city(RAVENNA, 'Europe/Rome', 'implementing'), maxVisitors: 3 },
      at('2026-03-02'),
    ),
  );
  p = tell(acceptPairing(p, OFFENBACH, at('2026-03-03')));
  p = tell(acceptPairing(p, RAVENNA, at('2026-03-04')));
  p = tell(
    scheduleVisits(
      p,
      { visitOne: { start: '2026-04-13', end: '2026-04-17', days: week('2026-04-13') }, visitTwo: { start: '2026-05-11', end: '2026-05-15', days: week('2026-05-11') } },
      '2026-03-05',
      at('2026-03-05'),
    ),
  );
  p = tell(setVisitors(p, 1, [{ personId: R2, memberId: RAVENNA }, { personId: R1, memberId: RAVENNA }], at('2026-03-06')));
  p = tell(
    setProgramme(
      p,
      1,
      [
        { day: '2026-04-13', time: '09:30', place: 'Kreishaus Dietzenbach', hostContactId: null, topic: 'The welcome centre' },
        { day: '2026-04-14', time: '10:00', place: 'Job centre', hostContactId: O1, topic: 'Pathways to employment' },
      ],
      at('2026-03-07'),
    ),
  );
  p = tell(
    scheduleVisits(
      p,
      { visitOne: { start: '2026-04-13', end: '2026-04-17', days: week('2026-04-13') }, visitTwo: { start: '2026-05-18', end: '2026-05-22', days: week('2026-05-18') } },
      '2026-03-08',
      at('2026-03-08'),
    ),
  );
  p = tell(markVisitDone(p, 1, '2026-04-17', at('2026-04-17', 16)));
  p = tell(submitReport(p, 1, { learnt: 'One door for every newcomer', adaptations: 'A desk at the town hall', attachments: ['https://docs.example/r1.pdf'], submittedBy: R1 }, at('2026-04-20')));
  p = tell(setVisitors(p, 2, [{ personId: O1, memberId: OFFENBACH }], at('2026-04-21')));
  p = tell(markVisitDone(p, 2, '2026-05-22', at('2026-05-22', 16)));
  p = tell(submitReport(p, 2, { learnt: 'How Ravenna adapted it', adaptations: 'None', attachments: [], submittedBy: O1 }, at('2026-05-25')));
  tell(closePairing(p, at('2026-06-01')));
  return steps;
}

const steps = story();
const withoutInstants = <T extends Versioned>({ createdAt: _c, updatedAt: _u, ...rest }: T) => rest;
const copyOf = (e: Emission, occurredAt: Date) => pairingCopy(envelopeOf(e, occurredAt) as Parameters<typeof pairingCopy>[0]);

describe("a city's copy of the hub's pairings", () => {
  it('is kept from every pairing and visit event: each carries the whole pairing', () => {
    const pairingEvents = EXCHANGES_EVENTS.filter((d) => d.aggregateType === 'pairing').map((d) => d.type);
    expect([...STATE_EVENTS.pairing].sort()).toEqual(pairingEvents.sort());
  });

  it('covers every kind of state the hub tells: proposal, agreement, dates moved, visitors, programme, visits held and reported, closing', () => {
    const types = new Set(steps.flatMap((s) => s.emissions.map((e) => e.event.type)));
    expect([...types].sort()).toEqual(
      [...STATE_EVENTS.pairing].filter((t) => t !== 'exchanges.pairing.cancelled').sort(),
    );
  });

  it.each(steps.map((s, i) => [`${i} ${s.emissions.map((e) => e.event.type).join(', ')}`, s] as const))(
    'after %s is the state the hub holds, version and all, from each event of the step',
    (_name, step) => {
      for (const e of step.emissions) {
        const copy = copyOf(e, step.at);
        expect(withoutInstants(copy)).toEqual(withoutInstants(step.state));
        expect(copy.updatedAt).toEqual(step.at);
      }
    },
  );

  it("takes absent optional fields as the nulls the domain holds, and a report's instant as an instant", () => {
    const proposed = copyOf(steps[0].emissions[0], steps[0].at);
    expect(proposed).toMatchObject({ rolesReason: null, cancelReason: null });
    expect(proposed.visits[0]).toMatchObject({ startsOn: null, endsOn: null, reportDueOn: null, report: null, days: [], visitorIds: [] });
    const reported = steps.find((s) => s.emissions.some((e) => e.event.type === 'exchanges.visit.report-submitted'))!;
    const copy = copyOf(reported.emissions[0], reported.at);
    expect(copy.visits[0].report?.submittedAt).toEqual(at('2026-04-20'));
    expect(copy.visits[0].programme.map((i) => i.hostContactId)).toEqual([null, O1]);
  });

  it("keeps a cancellation's reason", () => {
    const scheduled = steps[3].state;
    const { state, events } = cancelPairing(scheduled, 'The city withdrew', at('2026-03-10'));
    expect(withoutInstants(copyOf(events[0], at('2026-03-10')))).toEqual(withoutInstants(state));
    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'The city withdrew' });
  });

  it('refuses a state without its two visits rather than store half a pairing', () => {
    const env = envelopeOf(steps[0].emissions[0], steps[0].at);
    env.data.visits = [env.data.visits[0], env.data.visits[0]];
    expect(() => pairingCopy(env as Parameters<typeof pairingCopy>[0])).toThrow(/visits 1 and 2/);
  });
});

describe("a city's copy of the hub's blackouts", () => {
  const closure: BlackoutV1 = { blackoutId: uid(300), networkId: NETWORK, memberId: RAVENNA, from: '2026-08-03', to: '2026-08-21', reason: 'summer closure' };
  const added = envelopeOf(emission(BlackoutAdded, { id: closure.blackoutId, version: 1 }, closure), at('2026-03-02'));
  const removed = envelopeOf(emission(BlackoutRemoved, { id: closure.blackoutId, version: 2 }, closure), at('2026-03-09'));

  it('is kept from both blackout events: with the pairing events, every event exchanges tells', () => {
    expect([...STATE_EVENTS.pairing, ...STATE_EVENTS.blackout].sort()).toEqual(EXCHANGES_EVENTS.map((d) => d.type).sort());
  });

  it('is the blackout as the hub stored it, dated from its addition', () => {
    expect(blackoutCopy(added)).toEqual({
      id: closure.blackoutId,
      networkId: NETWORK,
      memberId: RAVENNA,
      from: '2026-08-03',
      to: '2026-08-21',
      reason: 'summer closure',
      removed: false,
      version: 1,
      createdAt: at('2026-03-02'),
      updatedAt: at('2026-03-02'),
    });
  });

  it('stays removed however late or often its addition comes again', () => {
    const tombstone = blackoutCopy(removed);
    expect(tombstone).toMatchObject({ removed: true, version: 2 });
    const held = [blackoutCopy(added), blackoutCopy(added)].reduce((h, e) => newerCopy(h, e), tombstone);
    expect(held).toMatchObject({ removed: true, version: 2, createdAt: at('2026-03-02') });
    expect(newerCopy(blackoutCopy(added), tombstone)).toMatchObject({ removed: true, version: 2 });
  });
});

