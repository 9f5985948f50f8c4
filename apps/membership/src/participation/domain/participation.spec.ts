import {
  assignParticipation,
  changeParticipation,
  endOnLeaving,
  endParticipation,
  MemberStanding,
  ParticipationFields,
  participationState,
  ProjectPeriod,
} from './participation';

const now = new Date('2024-01-01T00:00:00Z');
const later = new Date('2024-02-01T00:00:00Z');
const project: ProjectPeriod = { id: 'p1', networkId: 'n1', startsOn: '2020-01-01', endsOn: '2022-12-31' };
const member: MemberStanding = { id: 'm1', networkId: 'n1', leftOn: null };
const coreCity: ParticipationFields = { role: 'core-city', experienceLevel: 'implementing', from: '2020-03-01' };
const assign = (fields: Partial<ParticipationFields> = {}) => assignParticipation('x1', project, member, { ...coreCity, ...fields }, now);

describe('participations', () => {
  it('join a member to a project of its own network', () => {
    expect(assign()).toMatchObject({ networkId: 'n1', projectId: 'p1', memberId: 'm1', to: null, endedOn: null, version: 1 });
    expect(() => assignParticipation('x1', project, { ...member, networkId: 'n2' }, coreCity, now)).toThrow(
      expect.objectContaining({ rule: 'participation.same-network', field: 'memberId', kind: 'unprocessable' }),
    );
  });

  it('are not given to a member that left', () => {
    expect(() => assignParticipation('x1', project, { ...member, leftOn: '2021-01-01' }, coreCity, now)).toThrow(
      expect.objectContaining({ rule: 'participation.member-left', kind: 'conflict' }),
    );
  });

  it("lie within the project's period", () => {
    expect(assign({ from: '2020-01-01', to: '2022-12-31' }).to).toBe('2022-12-31');
    expect(() => assign({ from: '2019-12-31' })).toThrow(expect.objectContaining({ rule: 'participation.period.within-project', field: 'from' }));
    expect(() => assign({ from: '2023-01-01' })).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => assign({ to: '2023-01-01' })).toThrow(expect.objectContaining({ rule: 'participation.period.within-project', field: 'to' }));
    expect(() => assign({ from: '2021-01-01', to: '2020-12-31' })).toThrow(expect.objectContaining({ rule: 'participation.period', kind: 'invalid' }));
  });

  it('change within the same rules, and not once ended', () => {
    const p = assign();
    expect(changeParticipation(p, project, { role: 'fellow-city', experienceLevel: null }, later)).toMatchObject({
      role: 'fellow-city',
      experienceLevel: null,
      version: 2,
    });
    expect(changeParticipation(p, project, { role: 'core-city' }, later)).toBeUndefined();
    expect(() => changeParticipation(p, project, { to: '2023-06-30' }, later)).toThrow(expect.objectContaining({ field: 'to' }));
    const ended = endParticipation(p, project, '2021-06-30', later);
    expect(() => changeParticipation(ended, project, { role: 'partner' }, later)).toThrow(expect.objectContaining({ rule: 'participation.ended' }));
  });

  it('end once, not before they start nor after the project', () => {
    const p = assign();
    const ended = endParticipation(p, project, '2021-06-30', later);
    expect(ended).toMatchObject({ endedOn: '2021-06-30', version: 2 });
    expect(participationState(ended)).toMatchObject({ participationId: 'x1', endedOn: '2021-06-30' });
    expect(() => endParticipation(ended, project, '2021-07-01', later)).toThrow(expect.objectContaining({ rule: 'participation.ended' }));
    expect(() => endParticipation(p, project, '2020-02-01', later)).toThrow(expect.objectContaining({ rule: 'participation.ended-on.after-from' }));
    expect(() => endParticipation(p, project, '2023-01-01', later)).toThrow(expect.objectContaining({ rule: 'participation.ended-on.within-project' }));
  });

  it('end with their member leaving: on that day, at their planned end, or at their start', () => {
    expect(endOnLeaving(assign(), project, '2021-05-31', later).endedOn).toBe('2021-05-31');
    expect(endOnLeaving(assign(), project, '2025-01-31', later).endedOn).toBe('2022-12-31');
    expect(endOnLeaving(assign({ to: '2021-12-31' }), project, '2025-01-31', later).endedOn).toBe('2021-12-31');
    expect(endOnLeaving(assign({ from: '2022-01-01' }), project, '2021-05-31', later).endedOn).toBe('2022-01-01');
  });
});
