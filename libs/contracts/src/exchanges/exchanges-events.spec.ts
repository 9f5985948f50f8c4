// Through the library's entry point, as consumers load it (it brings the Reflect polyfill).
import { EventRegistry } from '../index';
import { describeRoundTrips, sampleEnvelope, wire } from '../spec-support';
import { EXCHANGES_EVENTS, PairingScheduled } from './index';

const NETWORK = '0190a1b2-0000-7000-8000-000000000001';
const PROJECT = '0190a1b2-0000-7000-8000-000000000002';
const COMMUNITY = '0190a1b2-0000-7000-8000-000000000003';
const RAVENNA = '0190a1b2-0000-7000-8000-000000000004';
const OFFENBACH = '0190a1b2-0000-7000-8000-000000000005';
const PAIRING = '0190a1b2-0000-7000-8000-000000000006';
const VISITOR = '0190a1b2-0000-7000-8000-000000000007';
const HOST_CONTACT = '0190a1b2-0000-7000-8000-000000000008';

const visitOne = {
  visitId: '0190a1b2-0000-7000-8000-000000000011',
  number: 1,
  hostMemberId: OFFENBACH,
  visitingMemberId: RAVENNA,
  timeZone: 'Europe/Berlin',
  status: 'scheduled',
  startsOn: '2025-04-16',
  endsOn: '2025-04-23',
  days: ['2025-04-16', '2025-04-17', '2025-04-22', '2025-04-23', '2025-04-24'],
  visitorIds: [VISITOR],
  programme: [{ day: '2025-04-16', time: '09:30', place: 'Kreishaus Dietzenbach', hostContactId: HOST_CONTACT, topic: 'Welcome centre' }],
  reportDueOn: '2025-05-08',
};
const visitTwo = { ...visitOne, visitId: '0190a1b2-0000-7000-8000-000000000012', number: 2, hostMemberId: RAVENNA, visitingMemberId: OFFENBACH, timeZone: 'Europe/Rome', status: 'planned', days: [], visitorIds: [], programme: [] };
delete (visitTwo as Partial<typeof visitOne>).startsOn;
delete (visitTwo as Partial<typeof visitOne>).endsOn;
delete (visitTwo as Partial<typeof visitOne>).reportDueOn;

const pairing = {
  pairingId: PAIRING,
  networkId: NETWORK,
  projectId: PROJECT,
  communityId: COMMUNITY,
  mentoringMemberId: OFFENBACH,
  implementingMemberId: RAVENNA,
  status: 'scheduled',
  acceptedBy: [OFFENBACH, RAVENNA],
  maxVisitors: 4,
  minGapDays: 14,
  visitOneReportRequired: true,
  reportDueDays: 14,
  visits: [visitOne, visitTwo],
};
const report = { submittedAt: '2025-05-02T10:00:00.000Z', submittedBy: VISITOR, learnt: 'One front door', adaptations: 'Open one in Ravenna', attachments: ['https://example.org/r.pdf'] };
const blackout = { blackoutId: '0190a1b2-0000-7000-8000-000000000020', networkId: NETWORK, memberId: RAVENNA, from: '2025-08-04', to: '2025-08-22', reason: 'summer closure' };

const SAMPLES: Record<string, object> = {
  'exchanges.pairing.proposed': { ...pairing, status: 'proposed', acceptedBy: [], rolesReason: 'Ravenna leads on one-stop-shops' },
  'exchanges.pairing.accepted': { ...pairing, status: 'proposed', acceptedBy: [RAVENNA] },
  'exchanges.pairing.agreed': { ...pairing, status: 'agreed' },
  'exchanges.pairing.scheduled': pairing,
  'exchanges.pairing.reported': { ...pairing, status: 'reported' },
  'exchanges.pairing.closed': { ...pairing, status: 'closed' },
  'exchanges.pairing.cancelled': { ...pairing, status: 'cancelled', cancelReason: 'staff shortage' },
  'exchanges.visit.scheduled': { ...pairing, visitNumber: 1 },
  'exchanges.visit.rescheduled': { ...pairing, visitNumber: 1 },
  'exchanges.visit.visitors-changed': { ...pairing, visitNumber: 1 },
  'exchanges.visit.programme-updated': { ...pairing, visitNumber: 1 },
  'exchanges.visit.done': { ...pairing, status: 'visit-one-done', visits: [{ ...visitOne, status: 'done' }, visitTwo], visitNumber: 1 },
  'exchanges.visit.report-submitted': { ...pairing, visits: [{ ...visitOne, status: 'reported', report }, visitTwo], visitNumber: 1 },
  'exchanges.blackout.added': blackout,
  'exchanges.blackout.removed': blackout,
};

describe('EXCHANGES_EVENTS', () => {
  describeRoundTrips('exchanges', EXCHANGES_EVENTS, SAMPLES);

  it('hold a pairing to exactly two visits', () => {
    const decoded = new EventRegistry(EXCHANGES_EVENTS).decode(wire(sampleEnvelope(PairingScheduled, { ...pairing, visits: [visitOne] })));
    expect(decoded).toMatchObject({ ok: false, violations: [expect.objectContaining({ field: 'data.visits', rule: 'arrayMinSize' })] });
  });
});
