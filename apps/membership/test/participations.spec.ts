import { givenMember, givenNetwork } from './support/fixtures';
import { MembershipUnderTest, TestNode } from './support/membership-app';
import { expectProblem } from './support/problems';

describe('participations over HTTP', () => {
  const node = new TestNode();
  let m: MembershipUnderTest;
  let networkId: string;
  let projectId: string;

  beforeAll(async () => {
    m = await node.startMembership();
    ({ networkId, projectId } = await givenNetwork(m));
  });
  afterAll(() => node.stop());

  const assign = (body: Record<string, unknown>) => m.http.post(m.path('participations')).send({ projectId, role: 'core-city', from: '2020-01-01', ...body });

  it('give a member a role in a project of its network, announced as participation.assigned', async () => {
    const member = await givenMember(m, networkId, 'hub', { slug: 'braga', name: 'Braga', country: 'PT', region: null });
    const res = await assign({ memberId: member.id, experienceLevel: 'implementing', to: '2022-12-31' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ networkId, projectId, memberId: member.id, role: 'core-city', experienceLevel: 'implementing', from: '2020-01-01', to: '2022-12-31', endedOn: null });
    expect(await m.events(res.body.id)).toEqual([
      expect.objectContaining({
        type: 'membership.participation.assigned',
        aggregateVersion: 1,
        data: { participationId: res.body.id, projectId, memberId: member.id, role: 'core-city', experienceLevel: 'implementing', from: '2020-01-01', to: '2022-12-31' },
      }),
    ]);
  });

  it('refuse a member of another network, dates outside the project, and unknown references, changing nothing', async () => {
    const other = await givenNetwork(m);
    const stranger = await givenMember(m, other.networkId, 'hub', { slug: 'stranger' });
    const member = await givenMember(m, networkId, 'hub', { slug: 'brno', name: 'Brno', country: 'CZ', region: 'CZ-64' });
    const before = await m.snapshot();
    expectProblem(await assign({ memberId: stranger.id }), 422, { rule: 'participation.same-network', violations: [{ field: 'memberId', rule: 'participation.same-network' }] });
    expectProblem(await assign({ memberId: member.id, from: '2019-12-31' }), 422, {
      rule: 'participation.period.within-project',
      violations: [{ field: 'from', rule: 'participation.period.within-project' }],
    });
    expectProblem(await assign({ memberId: member.id, to: '2023-01-01' }), 422, { violations: [{ field: 'to', rule: 'participation.period.within-project' }] });
    expectProblem(await assign({ memberId: member.id, from: '2021-01-01', to: '2020-06-30' }), 400, { rule: 'participation.period' });
    expectProblem(await assign({ memberId: member.id, role: 'observer', from: '2021-13-01' }), 400, {
      violations: [
        { field: 'role', rule: 'isIn' },
        { field: 'from', rule: 'isLocalDate' },
      ],
    });
    expectProblem(await assign({ memberId: '01890000-0000-7000-8000-000000000000' }), 422, { rule: 'participation.member.exists' });
    expectProblem(await assign({ memberId: member.id, projectId: '01890000-0000-7000-8000-000000000000' }), 422, { rule: 'participation.project.exists' });
    expect(await m.snapshot()).toEqual(before);
  });

  it('allow one active participation per project and member, also under concurrent requests', async () => {
    const member = await givenMember(m, networkId, 'hub', { slug: 'helsinki', name: 'Helsinki', country: 'FI', region: null });
    const replies = await Promise.all(['core-city', 'fellow-city', 'partner', 'coordinator'].map((role) => assign({ memberId: member.id, role })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expectProblem(r, 409, { rule: 'participation.active.unique' });
    expect((await m.http.get(m.path('participations')).query({ memberId: member.id })).body.total).toBe(1);
  });

  it('change under If-Match, end once, and are frozen once ended; a new one may follow', async () => {
    const member = await givenMember(m, networkId, 'hub', { slug: 'lisbon', name: 'Lisbon', country: 'PT', region: null });
    const { body: p } = await assign({ memberId: member.id, role: 'fellow-city' });
    expectProblem(await m.http.patch(m.path(`participations/${p.id}`)).set('If-Match', '"0"').send({ role: 'core-city' }), 412);
    const changed = await m.http.patch(m.path(`participations/${p.id}`)).set('If-Match', '"1"').send({ role: 'core-city', experienceLevel: 'mentoring' });
    expect(changed.body).toMatchObject({ role: 'core-city', experienceLevel: 'mentoring', version: 2 });
    expectProblem(await m.http.patch(m.path(`participations/${p.id}`)).send({ to: '2024-01-01' }), 422, { rule: 'participation.period.within-project' });
    expectProblem(await m.http.post(m.path(`participations/${p.id}/end`)).send({ endedOn: '2019-06-30' }), 400, { rule: 'participation.ended-on.after-from' });

    const ended = await m.http.post(m.path(`participations/${p.id}/end`)).set('If-Match', '"2"').send({ endedOn: '2021-06-30' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endedOn: '2021-06-30', version: 3 });
    expectProblem(await m.http.post(m.path(`participations/${p.id}/end`)).send({ endedOn: '2021-07-01' }), 409, { rule: 'participation.ended' });
    expectProblem(await m.http.patch(m.path(`participations/${p.id}`)).send({ role: 'partner' }), 409, { rule: 'participation.ended' });
    expect((await m.events(p.id)).map((e) => [e.type, e.aggregateVersion])).toEqual([
      ['membership.participation.assigned', 1],
      ['membership.participation.changed', 2],
      ['membership.participation.ended', 3],
    ]);

    expect((await assign({ memberId: member.id, from: '2021-07-01' })).status).toBe(201);
    const active = await m.http.get(m.path('participations')).query({ memberId: member.id, active: 'true' });
    expect(active.body).toMatchObject({ total: 1, items: [{ from: '2021-07-01', endedOn: null }] });
    const past = await m.http.get(m.path('participations')).query({ memberId: member.id, active: 'false' });
    expect(past.body).toMatchObject({ total: 1, items: [{ id: p.id }] });
    expectProblem(await m.http.get(m.path('participations')).query({ active: 'yes' }), 400, { violations: [{ field: 'active', rule: 'isBoolean' }] });
  });

  it('are listed by project, role and experience level, sorted', async () => {
    const { networkId: net, projectId: project } = await givenNetwork(m);
    const roles: [string, string, string | undefined, string][] = [
      ['gothenburg', 'core-city', 'mentoring', '2020-03-01'],
      ['riga', 'fellow-city', 'implementing', '2020-02-01'],
      ['tallinn', 'fellow-city', 'implementing', '2020-01-15'],
      ['migrationwork', 'partner', undefined, '2020-01-01'],
    ];
    for (const [slug, role, experienceLevel, from] of roles) {
      const member = await givenMember(m, net, 'hub', { slug, region: null });
      expect((await m.http.post(m.path('participations')).send({ projectId: project, memberId: member.id, role, experienceLevel, from })).status).toBe(201);
    }
    const implementing = await m.http.get(m.path('participations')).query({ projectId: project, experienceLevel: 'implementing', sort: 'from' });
    expect(implementing.body.items.map((p: { from: string }) => p.from)).toEqual(['2020-01-15', '2020-02-01']);
    const fellows = await m.http.get(m.path('participations')).query({ projectId: project, role: 'fellow-city', sort: '-from', limit: 1 });
    expect(fellows.body).toMatchObject({ total: 2, items: [{ from: '2020-02-01' }] });
    const all = await m.http.get(m.path('participations')).query({ projectId: project, sort: 'role,-from' });
    expect(all.body.items.map((p: { role: string }) => p.role)).toEqual(['core-city', 'fellow-city', 'fellow-city', 'partner']);
  });

  it("end with their member leaving, and keep the project's period around them", async () => {
    const member = await givenMember(m, networkId, 'hub', { slug: 'dublin', name: 'Dublin', country: 'IE', region: null });
    const { body: p } = await assign({ memberId: member.id, from: '2020-06-01' });
    expectProblem(await m.http.patch(m.path(`projects/${projectId}`)).send({ startsOn: '2020-07-01' }), 409, { rule: 'project.period.covers-participations' });

    const left = await m.http.post(m.path(`members/${member.id}/leave`)).send({ leftOn: '2021-03-31' });
    expect(left.status).toBe(200);
    expect((await m.http.get(m.path(`participations/${p.id}`))).body).toMatchObject({ endedOn: '2021-03-31', version: 2 });
    expect((await m.events(p.id)).at(-1)).toMatchObject({ type: 'membership.participation.ended', aggregateVersion: 2, data: { endedOn: '2021-03-31' } });
    expectProblem(await assign({ memberId: member.id }), 409, { rule: 'participation.member-left' });

    const longer = await m.http.patch(m.path(`projects/${projectId}`)).send({ endsOn: '2023-06-30' });
    expect(longer.body).toMatchObject({ endsOn: '2023-06-30', version: 2 });
  });
});
