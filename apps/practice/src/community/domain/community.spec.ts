import { uid, eventViolations, typesOf } from '../../shared/domain/spec-support';
import {
  changeCommunity,
  Community,
  CommunityFields,
  CONNECTION_THEMES,
  createCommunity,
  followMemberLeaving,
  forgetExpert,
  joinCommunity,
  leaveCommunity,
  ProjectRoster,
} from './community';

const t0 = new Date('2024-01-10T09:00:00Z');
const t1 = new Date('2024-02-10T09:00:00Z');
const [OFFENBACH, RAVENNA, CARTAGENA, AMSTERDAM_EAST, MIGRATIONWORK, ACCEM, FORMER] = [1, 2, 3, 4, 5, 6, 7].map(uid);
const [EXPERT, EXPERT_2] = [uid(50), uid(51)];

const roster: ProjectRoster = {
  projectId: uid(100),
  networkId: uid(101),
  members: [
    { memberId: OFFENBACH, kind: 'county', active: true },
    { memberId: RAVENNA, kind: 'city', active: true },
    { memberId: CARTAGENA, kind: 'city', active: true },
    { memberId: AMSTERDAM_EAST, kind: 'city-district', active: true },
    { memberId: MIGRATIONWORK, kind: 'partner-organisation', active: true },
    { memberId: ACCEM, kind: 'partner-organisation', active: true },
    { memberId: FORMER, kind: 'city', active: false },
  ],
};

const oneStopShops: CommunityFields = {
  name: 'One-stop-shops',
  theme: CONNECTION_THEMES[3].title,
  leadMemberId: RAVENNA,
  memberIds: [OFFENBACH, CARTAGENA],
  experts: [{ personId: EXPERT, memberId: MIGRATIONWORK }],
};

const create = (fields: Partial<CommunityFields> = {}): Community => createCommunity(uid(200), roster, { ...oneStopShops, ...fields }, t0).state;

describe('communities of practice', () => {
  it("carry CONNECTION's four themes", () => {
    expect(CONNECTION_THEMES.map((t) => t.key)).toEqual(['strategic-approach', 'gender-dimension', 'pathways-to-employment', 'one-stop-shops']);
  });

  it('are created in a project with a lead among their member cities, and say so', () => {
    const { state, events } = createCommunity(uid(200), roster, oneStopShops, t0);

    expect(state).toMatchObject({ networkId: roster.networkId, projectId: roster.projectId, leadMemberId: RAVENNA, version: 1 });
    expect(state.memberIds).toEqual([RAVENNA, OFFENBACH, CARTAGENA]);
    expect(typesOf(events)).toEqual(['practice.community.created']);
    expect(events[0]).toMatchObject({ aggregateId: uid(200), aggregateVersion: 1, data: { memberIds: [RAVENNA, OFFENBACH, CARTAGENA] } });
    expect(eventViolations(events)).toEqual([]);
  });

  it('draw their cities from the cities taking part in the project', () => {
    expect(() => create({ memberIds: [FORMER] })).toThrow(expect.objectContaining({ rule: 'community.city.in-project', field: 'memberIds', kind: 'unprocessable' }));
    expect(() => create({ memberIds: [uid(999)] })).toThrow(expect.objectContaining({ rule: 'community.city.in-project' }));
    expect(() => create({ memberIds: [ACCEM] })).toThrow(expect.objectContaining({ rule: 'community.city.is-city' }));
    expect(() => create({ leadMemberId: MIGRATIONWORK })).toThrow(expect.objectContaining({ rule: 'community.city.is-city', field: 'leadMemberId' }));
    expect(create({ memberIds: [AMSTERDAM_EAST] }).memberIds).toContain(AMSTERDAM_EAST);
  });

  it('take experts only from partner organisations of the project', () => {
    expect(() => create({ experts: [{ personId: uid(52), memberId: OFFENBACH }] })).toThrow(
      expect.objectContaining({ rule: 'community.expert.partner-organisation', field: 'experts' }),
    );
    expect(
      create({
        experts: [
          { personId: EXPERT, memberId: MIGRATIONWORK },
          { personId: EXPERT, memberId: MIGRATIONWORK },
        ],
      }).experts,
    ).toHaveLength(1);
  });

  it('refuse a blank name', () => {
    expect(() => create({ name: '  ' })).toThrow(expect.objectContaining({ rule: 'community.name', kind: 'invalid' }));
  });

  it('change name, theme, lead and experts, emitting nothing when nothing changes', () => {
    const c = create();
    const changed = changeCommunity(c, roster, { leadMemberId: OFFENBACH, experts: [{ personId: EXPERT_2, memberId: ACCEM }] }, t1);

    expect(changed.state).toMatchObject({ leadMemberId: OFFENBACH, experts: [{ personId: EXPERT_2, memberId: ACCEM }], version: 2, updatedAt: t1 });
    expect(typesOf(changed.events)).toEqual(['practice.community.updated']);
    expect(eventViolations(changed.events)).toEqual([]);
    expect(changeCommunity(c, roster, { name: 'One-stop-shops', leadMemberId: RAVENNA }, t1)).toEqual({ state: c, events: [] });
    expect(() => changeCommunity(c, roster, { leadMemberId: AMSTERDAM_EAST }, t1)).toThrow(expect.objectContaining({ rule: 'community.lead.member-city' }));
  });

  it('let a city of the project join once', () => {
    const c = create();
    const joined = joinCommunity(c, roster, AMSTERDAM_EAST, t1);

    expect(joined.state.memberIds).toEqual([RAVENNA, OFFENBACH, CARTAGENA, AMSTERDAM_EAST]);
    expect(joined.events[0]).toMatchObject({ event: { type: 'practice.community.city-joined' }, aggregateVersion: 2, data: { cityId: AMSTERDAM_EAST } });
    expect(eventViolations(joined.events)).toEqual([]);
    expect(() => joinCommunity(joined.state, roster, AMSTERDAM_EAST, t1)).toThrow(expect.objectContaining({ rule: 'community.city.already-member', kind: 'conflict' }));
    expect(() => joinCommunity(c, roster, FORMER, t1)).toThrow(expect.objectContaining({ rule: 'community.city.in-project' }));
    expect(() => joinCommunity(c, { ...roster, projectId: uid(999) }, AMSTERDAM_EAST, t1)).toThrow(/roster of project/);
  });

  it('let a city leave, but not the lead by choice', () => {
    const c = create();
    const left = leaveCommunity(c, CARTAGENA, 'withdrew', t1);

    expect(left.state.memberIds).toEqual([RAVENNA, OFFENBACH]);
    expect(left.events[0]).toMatchObject({ event: { type: 'practice.community.city-left' }, data: { cityId: CARTAGENA, reason: 'withdrew' } });
    expect(eventViolations(left.events)).toEqual([]);
    expect(() => leaveCommunity(left.state, CARTAGENA, 'withdrew', t1)).toThrow(expect.objectContaining({ rule: 'community.city.not-member' }));
    expect(() => leaveCommunity(c, RAVENNA, 'withdrew', t1)).toThrow(expect.objectContaining({ rule: 'community.lead.leaving' }));
  });

  it('follow members leaving the project: cities leave, the lead with them, experts go', () => {
    const c = create();

    const leadGone = followMemberLeaving(c, RAVENNA, t1);
    expect(leadGone.state).toMatchObject({ leadMemberId: null, memberIds: [OFFENBACH, CARTAGENA] });
    expect(leadGone.events[0].data).toMatchObject({ reason: 'left-project' });
    expect(leadGone.events[0].data).not.toHaveProperty('leadMemberId');
    expect(eventViolations(leadGone.events)).toEqual([]);

    const partnerGone = followMemberLeaving(c, MIGRATIONWORK, t1);
    expect(partnerGone.state.experts).toEqual([]);
    expect(typesOf(partnerGone.events)).toEqual(['practice.community.updated']);

    expect(followMemberLeaving(c, AMSTERDAM_EAST, t1)).toEqual({ state: c, events: [] });
  });

  it('forget an erased expert', () => {
    const c = create();
    expect(forgetExpert(c, EXPERT, t1).state.experts).toEqual([]);
    expect(forgetExpert(c, uid(77), t1)).toEqual({ state: c, events: [] });
  });
});
