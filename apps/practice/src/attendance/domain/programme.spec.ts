import { eventViolations, typesOf, uid } from '../../shared/domain/spec-support';
import { defineProgramme } from './programme';

const NETWORK = uid(101);
const [ONE_STOP, EMPLOYMENT] = [uid(200), uid(201)];
const activity = (n: number, communityId = ONE_STOP) => ({ id: uid(600 + n), communityId, networkId: NETWORK });
const known = [activity(1), activity(2), activity(3), activity(9, EMPLOYMENT)];
const now = new Date('2024-01-08T08:00:00Z');
const input = { title: 'ECCIPA integration champions training', activityIds: [uid(601), uid(602), uid(603)], certificate: { minHours: 120, minSessions: null } };

describe('training programmes', () => {
  it('gather activities of one community under one certificate rule, and say so', () => {
    const { state, events } = defineProgramme(uid(900), input, known, now);

    expect(state).toMatchObject({ id: uid(900), networkId: NETWORK, communityId: ONE_STOP, activityIds: input.activityIds, rule: { minHours: 120, minSessions: null }, version: 1 });
    expect(typesOf(events)).toEqual(['practice.programme.defined']);
    expect(events[0].data).toMatchObject({ rule: { minHours: 120 }, activityIds: input.activityIds });
    expect(eventViolations(events)).toEqual([]);
  });

  it('refuse activities of different communities, naming the one that does not fit', () => {
    expect(() => defineProgramme(uid(900), { ...input, activityIds: [uid(601), uid(609)] }, known, now)).toThrow(
      expect.objectContaining({ rule: 'programme.activities.same-community', kind: 'unprocessable', field: 'activityIds[1]' }),
    );
  });

  it('refuse unknown or repeated activities, none at all, and a programme without a rule', () => {
    expect(() => defineProgramme(uid(900), { ...input, activityIds: [uid(601), uid(699)] }, known, now)).toThrow(
      expect.objectContaining({ rule: 'programme.activity.exists', field: 'activityIds[1]' }),
    );
    expect(() => defineProgramme(uid(900), { ...input, activityIds: [uid(601), uid(601)] }, known, now)).toThrow(
      expect.objectContaining({ rule: 'programme.activities.duplicate', kind: 'invalid' }),
    );
    expect(() => defineProgramme(uid(900), { ...input, activityIds: [] }, known, now)).toThrow(expect.objectContaining({ rule: 'programme.activities' }));
    expect(() => defineProgramme(uid(900), { ...input, certificate: null }, known, now)).toThrow(expect.objectContaining({ rule: 'programme.certificate' }));
    expect(() => defineProgramme(uid(900), { ...input, certificate: { minHours: -1, minSessions: null } }, known, now)).toThrow(
      expect.objectContaining({ rule: 'activity.certificate', field: 'certificate.minHours' }),
    );
    expect(() => defineProgramme(uid(900), { ...input, title: ' ' }, known, now)).toThrow(expect.objectContaining({ rule: 'programme.title' }));
  });
});
