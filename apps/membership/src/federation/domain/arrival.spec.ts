import { EventEnvelope } from '@intercity/contracts';
import { ArrivalContext, judgeArrival } from './arrival';

const RAVENNA_MEMBER = '0190a000-0000-7000-8000-000000000001';
const OFFENBACH_MEMBER = '0190a000-0000-7000-8000-000000000002';

function event(type: string, aggregateType: string, origin: string, data: object): EventEnvelope<object> {
  return {
    id: '0190a000-0000-7000-8000-0000000000ff',
    type,
    version: 1,
    occurredAt: '2026-11-23T10:00:00.000Z',
    origin,
    aggregate: { type: aggregateType, id: '0190a000-0000-7000-8000-0000000000aa', version: 1 },
    actor: { kind: 'person', id: 'liaison' },
    correlationId: 'c',
    causationId: null,
    data,
  };
}

const fromRavenna: ArrivalContext = {
  fromNode: 'ravenna',
  hubNode: 'hub',
  homeOfMember: (id) => ({ [RAVENNA_MEMBER]: 'ravenna', [OFFENBACH_MEMBER]: 'offenbach' })[id],
};

describe('an event arriving at the hub from a city node', () => {
  it('is accepted when the city wrote it about its own person', () => {
    const e = event('membership.person.registered', 'person', 'ravenna', { memberId: RAVENNA_MEMBER });
    expect(judgeArrival(e, fromRavenna)).toEqual({ verdict: 'accept' });
  });

  it('is refused when it claims another origin than the node it came from', () => {
    const e = event('membership.person.registered', 'person', 'offenbach', { memberId: RAVENNA_MEMBER });
    expect(judgeArrival(e, fromRavenna)).toEqual({ verdict: 'reject', reason: 'origin offenbach is not the node it came from (ravenna)' });
  });

  it("is refused when it writes another city's person", () => {
    const e = event('membership.person.updated', 'person', 'ravenna', { memberId: OFFENBACH_MEMBER });
    expect(judgeArrival(e, fromRavenna)).toEqual({
      verdict: 'reject',
      reason: `member ${OFFENBACH_MEMBER} is homed on offenbach, not on ravenna`,
    });
  });

  it('is refused when it writes an aggregate homed at the hub', () => {
    const e = event('grants.sub-grant.awarded', 'sub-grant', 'ravenna', { memberId: RAVENNA_MEMBER });
    expect(judgeArrival(e, fromRavenna)).toMatchObject({ verdict: 'reject', reason: expect.stringContaining('homed at the hub') });
  });

  it('waits when the member it names has not reached the hub yet', () => {
    const e = event('membership.person.registered', 'person', 'ravenna', { memberId: '0190a000-0000-7000-8000-000000000009' });
    expect(judgeArrival(e, fromRavenna)).toMatchObject({ verdict: 'wait' });
  });

  it('is refused when it does not name the member its home is told by', () => {
    const e = event('membership.person.erased', 'person', 'ravenna', { personId: 'p' });
    expect(judgeArrival(e, fromRavenna)).toEqual({ verdict: 'reject', reason: 'membership.person.erased carries no memberId to tell its home by' });
  });
});
