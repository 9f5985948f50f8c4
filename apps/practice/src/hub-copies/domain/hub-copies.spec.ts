import fc from 'fast-check';
import { PRACTICE_EVENTS } from '@intercity/contracts';
import type { Versioned } from '@intercity/domain';
import { Activity, cancelActivity, changeActivity, openRegistration, rescheduleActivity, scheduleActivity, setCityQuotas } from '../../activity/domain/activity';
import { recordAttendance, SessionAttendance } from '../../attendance/domain/attendance';
import { defineProgramme } from '../../attendance/domain/programme';
import { changeCommunity, Community, createCommunity, joinCommunity, leaveCommunity } from '../../community/domain/community';
import { cancelRegistration, register, Registrar, Registration } from '../../registration/domain/registration';
import { publishResource, Resource, reviseOriginal, translate } from '../../resource/domain/resource';
import { CARTAGENA, community, OFFENBACH, RAVENNA, roster, studyVisit } from '../../shared/domain/fixtures';
import type { Emission } from '../../shared/domain/outcome';
import { uid } from '../../shared/domain/spec-support';
import {
  activityCopy,
  applyToResourceCopy,
  attendanceCopy,
  communityCopy,
  NOT_COPIED,
  programmeCopy,
  registrationCopy,
  resourceCopy,
  resourceFromState,
  STATE_EVENTS,
  storedResourceState,
} from './hub-copies';

const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00Z`);
type Aggregate = Versioned & { id?: string; sessionId?: string };

/** An emission as it reaches a city: an envelope whose occurredAt is the hub's clock at the change. */
function envelopeOf(e: Emission, occurredAt: Date) {
  return { aggregate: { type: e.event.aggregateType, id: e.aggregateId, version: e.aggregateVersion }, occurredAt: occurredAt.toISOString(), data: JSON.parse(JSON.stringify(e.data)) };
}

function copyOf(e: Emission, occurredAt: Date): Aggregate {
  const env = envelopeOf(e, occurredAt);
  switch (e.event.aggregateType) {
    case 'community':
      return communityCopy(env);
    case 'activity':
      return activityCopy(env);
    case 'registration':
      return registrationCopy(env);
    case 'attendance':
      return attendanceCopy(env);
    case 'programme':
      return programmeCopy(env);
    case 'resource':
      return resourceCopy(env);
    default:
      throw new Error(`no copy of ${e.event.aggregateType}`);
  }
}

const ADMIN: Registrar = { role: 'network-admin', personId: uid(999) };

/** Each rule's outcome as the hub emits it, beside the state of the aggregate each event names. */
function story() {
  const steps: { state: Aggregate; emission: Emission; at: Date }[] = [];
  const tell = (states: readonly Aggregate[], events: readonly Emission[]) => {
    for (const emission of events) {
      const state = states.find((s) => (s.id ?? s.sessionId) === emission.aggregateId && s.version === emission.aggregateVersion);
      if (!state) throw new Error(`no state for ${emission.event.type} ${emission.aggregateId}`);
      steps.push({ state, emission, at: state.updatedAt });
    }
  };
  const one = <S extends Aggregate>(outcome: { state: S; events: Emission[] }): S => {
    tell([outcome.state], outcome.events);
    return outcome.state;
  };
  let c: Community = one(
    createCommunity(community.id, roster, { name: community.name, theme: community.theme, leadMemberId: RAVENNA, memberIds: [OFFENBACH, CARTAGENA], experts: community.experts }, at('2024-03-01')),
  );
  c = one(changeCommunity(c, roster, { description: 'Peer learning on one-stop-shops' }, at('2024-03-02')));
  c = one(leaveCommunity(c, CARTAGENA, 'withdrew', at('2024-03-03')));
  c = one(joinCommunity(c, roster, CARTAGENA, at('2024-03-04')));

  let a: Activity = one(
    scheduleActivity(uid(300), c, { memberId: RAVENNA, timeZone: 'Europe/Rome' }, { ...studyVisit, certificate: { minHours: 6, minSessions: null }, description: 'Two days' }, at('2024-03-05')),
  );
  a = one(openRegistration(a, at('2024-03-06')));
  a = one(setCityQuotas(a, c, [{ memberId: OFFENBACH, seats: 2 }], new Map(), at('2024-03-07')));
  const later = a.sessions.map((s) => ({ ...s, startsAt: new Date(s.startsAt.getTime() + 86_400_000), endsAt: new Date(s.endsAt.getTime() + 86_400_000) }));
  a = one(rescheduleActivity(a, [later[0]], at('2024-03-08')));
  a = one(changeActivity(a, c, { onlineUrl: 'https://meet.example.org/oss' }, 0, at('2024-03-09')));

  let list: Registration[] = [];
  for (const [n, memberId] of [
    [1, OFFENBACH],
    [2, RAVENNA],
    [3, CARTAGENA],
    [4, CARTAGENA],
  ] as const) {
    const outcome = register(a, c, list, { id: uid(1000 + n), person: { personId: uid(2000 + n), memberId }, by: ADMIN }, at('2024-03-10', `1${n}:00`));
    tell(outcome.changed, outcome.events);
    list = outcome.state;
  }
  const cancelled = cancelRegistration(a, list, uid(1001), ADMIN, at('2024-03-11'));
  tell(cancelled.changed, cancelled.events);
  list = cancelled.state;

  const confirmed = list.filter((r) => r.status === 'confirmed');
  const sheet: SessionAttendance = one(recordAttendance(undefined, a, list, a.sessions[0].id, [{ personId: confirmed[0].personId, status: 'present' }], uid(998), new Date('2024-05-01T10:00:00Z')));
  one(recordAttendance(sheet, a, list, a.sessions[0].id, [{ personId: confirmed[1].personId, status: 'excused' }], uid(998), new Date('2024-05-01T11:00:00Z')));
  one(defineProgramme(uid(700), { title: 'Champions training', activityIds: [a.id], certificate: { minHours: 120, minSessions: null } }, [a], at('2024-05-02')));

  let r: Resource = one(publishResource(uid(800), c, { kind: 'toolkit', language: 'it', content: { title: 'Sportello unico', summary: 'Come aprirlo', link: 'https://example.org/oss' } }, at('2024-06-01')));
  r = one(translate(r, 'en', { title: 'One-stop-shop', summary: 'How to open one', fileRef: 'oss-en.pdf' }, at('2024-06-02'), { asFallback: true }));
  one(reviseOriginal(r, { title: 'Sportello unico', summary: 'Come aprirlo, seconda edizione', link: 'https://example.org/oss' }, at('2024-06-03')));
  one(cancelActivity(a, 'The venue is closed', at('2024-06-04')));
  return steps;
}

const steps = story();
const withoutInstants = <T extends Versioned>({ createdAt: _c, updatedAt: _u, ...rest }: T) => rest;
/** Resources date each language's text too; the hub's event tells only the resource's instant. */
const undated = (s: Aggregate) => {
  const rest = withoutInstants(s) as Record<string, unknown>;
  return Array.isArray(rest.versions) ? { ...rest, versions: (rest.versions as { updatedAt: Date }[]).map(({ updatedAt: _u, ...v }) => v) } : rest;
};

describe("a city's copy of the hub's practice data", () => {
  it("is kept from every practice event that carries a state; certificates stay at the hub", () => {
    const copied = Object.values(STATE_EVENTS).flat();
    expect([...copied, ...NOT_COPIED].sort()).toEqual(PRACTICE_EVENTS.map((d) => d.type).sort());
    for (const [kind, types] of Object.entries(STATE_EVENTS)) {
      for (const t of types) expect(PRACTICE_EVENTS.find((d) => d.type === t)?.aggregateType).toBe(kind);
    }
  });

  it('covers every aggregate the hub tells of, and the events that extend a state', () => {
    const types = new Set(steps.map((s) => s.emission.event.type));
    expect([...types]).toEqual(
      expect.arrayContaining([
        'practice.community.city-left',
        'practice.community.city-joined',
        'practice.activity.quotas-changed',
        'practice.activity.rescheduled',
        'practice.activity.cancelled',
        'practice.registration.waitlisted',
        'practice.registration.cancelled',
        'practice.attendance.recorded',
        'practice.programme.defined',
        'practice.resource.translation-outdated',
      ]),
    );
  });

  it.each(steps.map((s, i) => [`${i} ${s.emission.event.type}`, s] as const))('after %s is the state the hub holds, version and all', (_name, step) => {
    const copy = copyOf(step.emission, step.at);
    expect(undated(copy)).toEqual(undated(step.state));
    expect(copy.updatedAt).toEqual(step.at);
  });

  it('takes absent optional fields as the nulls the domain holds', () => {
    const created = steps.find((s) => s.emission.event.type === 'practice.community.created')!;
    expect(communityCopy(envelopeOf(created.emission, created.at))).toMatchObject({ description: null });
    const activity = steps.find((s) => s.emission.event.type === 'practice.activity.opened')!;
    expect(activityCopy(envelopeOf(activity.emission, activity.at))).toMatchObject({ droppedSessions: [], cancellationReason: null, cancelledAt: null, onlineUrl: null, certificate: { minHours: 6, minSessions: null } });
    const waiting = steps.find((s) => s.emission.event.type === 'practice.registration.waitlisted')!;
    expect(registrationCopy(envelopeOf(waiting.emission, waiting.at))).toMatchObject({ confirmedAt: null, offeredAt: null, endedAt: null, cancelReason: null });
  });

  it("refuses an instant that is not one rather than store it", () => {
    const activity = steps.find((s) => s.emission.event.type === 'practice.activity.opened')!;
    const env = envelopeOf(activity.emission, activity.at);
    env.data.sessions[0].startsAt = 'tomorrow';
    expect(() => activityCopy(env)).toThrow(/not an instant/);
    expect(() => activityCopy({ ...envelopeOf(activity.emission, activity.at), occurredAt: 'now' })).toThrow(/not an instant/);
  });
});

describe("a resource's copy", () => {
  const told = steps.filter((s) => s.emission.event.aggregateType === 'resource');
  const copies = told.map((s) => resourceCopy(envelopeOf(s.emission, s.at)));
  const foldResource = (order: readonly Resource[]) => order.reduce<Resource | undefined>((held, r) => applyToResourceCopy(held, r), undefined)!;
  const hubs = told[told.length - 1].state as Resource;

  it("dates each language's text from the event that last changed it, as the hub does", () => {
    const copy = foldResource(copies);
    expect(copy.versions.map((v) => [v.language, v.updatedAt])).toEqual(hubs.versions.map((v) => [v.language, v.updatedAt]));
    expect(copy).toEqual({ ...hubs, createdAt: copies[0].createdAt, updatedAt: copies[copies.length - 1].updatedAt });
  });

  it('keeps the newest state, whatever the order and however often events come', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...copies, ...copies], { minLength: copies.length * 2, maxLength: copies.length * 2 }), (order) => {
        const copy = foldResource(order);
        expect(undated(copy)).toEqual(undated(hubs));
        expect(copy.createdAt).toEqual(copies[0].createdAt);
      }),
    );
  });

  it('reads back from what its table keeps', () => {
    const copy = foldResource(copies);
    expect(resourceFromState(JSON.parse(JSON.stringify(storedResourceState(copy))), copy)).toEqual(copy);
  });
});
