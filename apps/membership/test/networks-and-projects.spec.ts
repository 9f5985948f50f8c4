import { MembershipUnderTest, TestNode } from './support/membership-app';
import { expectProblem } from './support/problems';

describe('networks and projects over HTTP', () => {
  const node = new TestNode();
  let m: MembershipUnderTest;

  beforeAll(async () => {
    m = await node.startMembership();
  });
  afterAll(() => node.stop());

  describe('networks', () => {
    it('are created with a uuid v7, version 1 as ETag, a Location, and a network.created event', async () => {
      const res = await m.http.post(m.path('networks')).send({ slug: 'eurocities', name: 'Eurocities', description: 'Major cities' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        slug: 'eurocities',
        name: 'Eurocities',
        description: 'Major cities',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe(m.path(`networks/${res.body.id}`));
      expect(await m.events(res.body.id)).toEqual([
        expect.objectContaining({
          type: 'membership.network.created',
          aggregateType: 'network',
          aggregateVersion: 1,
          data: { networkId: res.body.id, slug: 'eurocities', name: 'Eurocities', description: 'Major cities' },
          envelope: expect.objectContaining({ version: 1, origin: 'local', actor: { kind: 'person', id: 'operator@intercity.example', roles: ['network-admin'] } }),
        }),
      ]);
      const got = await m.http.get(m.path(`networks/${res.body.id}`));
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('"1"');
      expect(got.body).toEqual(res.body);
    });

    it('are listed filtered, sorted and paged', async () => {
      for (const [slug, name] of [
        ['eccipa', 'ECCIPA partnership'],
        ['ein', 'European Integration Network'],
        ['cities-grow', 'Cities Grow'],
        ['arrival', 'Arrival Cities'],
      ]) {
        expect((await m.http.post(m.path('networks')).send({ slug, name })).status).toBe(201);
      }
      const page = await m.http.get(m.path('networks')).query({ sort: '-name', limit: 2, offset: 1 });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
      expect(page.body.items.map((n: { slug: string }) => n.slug)).toEqual(['eurocities', 'eccipa']);

      const all = await m.http.get(m.path('networks')).query({ sort: 'name' });
      expect(all.body.items.map((n: { name: string }) => n.name)).toEqual([
        'Arrival Cities',
        'Cities Grow',
        'ECCIPA partnership',
        'Eurocities',
        'European Integration Network',
      ]);
      const bySlug = await m.http.get(m.path('networks')).query({ slug: 'ein' });
      expect(bySlug.body).toMatchObject({ total: 1, items: [{ name: 'European Integration Network' }] });
    });

    it('refuse bad input with problem+json naming each field and rule, unknown fields included, storing nothing', async () => {
      const before = await m.snapshot();
      const res = await m.http.post(m.path('networks')).send({ slug: 'Not A Slug', name: '', colour: 'blue' });
      expectProblem(res, 400, {
        violations: [
          { field: 'slug', rule: 'isSlug' },
          { field: 'name', rule: 'isLength' },
          { field: 'colour', rule: 'whitelistValidation' },
        ],
      });
      expectProblem(await m.http.post(m.path('networks')).set('content-type', 'application/json').send('{"slug":'), 400);
      expect(await m.snapshot()).toEqual(before);
    });

    it('refuse bad list queries, naming an unknown sort field', async () => {
      const res = await m.http.get(m.path('networks')).query({ sort: 'name,-secret' });
      expectProblem(res, 400, { violations: [{ field: 'sort', rule: 'isSortSpec' }] });
      expect(res.body.detail).toContain('"secret"');
      expectProblem(await m.http.get(m.path('networks')).query({ limit: 201 }), 400, { violations: [{ field: 'limit', rule: 'max' }] });
      expectProblem(await m.http.get(m.path('networks')).query({ offset: -1 }), 400, { violations: [{ field: 'offset', rule: 'min' }] });
      expectProblem(await m.http.get(m.path('networks')).query({ colour: 'blue' }), 400, { violations: [{ field: 'colour', rule: 'whitelistValidation' }] });
    });

    it('answer 404 for an unknown id and 400 for a malformed one', async () => {
      expectProblem(await m.http.get(m.path('networks/01890000-0000-7000-8000-000000000000')), 404, { rule: 'network.exists' });
      expectProblem(await m.http.get(m.path('networks/42')), 400, { violations: [{ field: 'id', rule: 'isUuid' }] });
      expectProblem(await m.http.patch(m.path('networks/01890000-0000-7000-8000-000000000000')).send({ name: 'x' }), 404);
    });

    it('keep slugs unique (409 naming the rule) and change nothing when refused', async () => {
      const before = await m.snapshot();
      const res = await m.http.post(m.path('networks')).send({ slug: 'eurocities', name: 'Another' });
      expectProblem(res, 409, { rule: 'network.slug.unique', violations: [{ field: 'slug', rule: 'network.slug.unique' }] });
      const other = (await m.http.get(m.path('networks')).query({ slug: 'ein' })).body.items[0];
      expectProblem(await m.http.patch(m.path(`networks/${other.id}`)).send({ slug: 'eurocities' }), 409, { rule: 'network.slug.unique' });
      expect(await m.snapshot()).toEqual(before);
      expect((await m.http.get(m.path(`networks/${other.id}`))).body).toEqual(other);
    });

    it('honour If-Match: a stale ETag is 412, the current one changes the network and bumps its version', async () => {
      const { body: net } = await m.http.post(m.path('networks')).send({ slug: 'etag-net', name: 'ETag' });
      const before = await m.snapshot();
      expectProblem(await m.http.patch(m.path(`networks/${net.id}`)).set('If-Match', '"7"').send({ name: 'Stale' }), 412, { rule: 'if-match' });
      expect(await m.snapshot()).toEqual(before);

      const ok = await m.http.patch(m.path(`networks/${net.id}`)).set('If-Match', '"1"').send({ name: 'Fresh', description: 'now with text' });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect(ok.body).toMatchObject({ name: 'Fresh', description: 'now with text', version: 2 });

      const cleared = await m.http.patch(m.path(`networks/${net.id}`)).set('If-Match', '"2"').send({ description: null });
      expect(cleared.body).toMatchObject({ description: null, version: 3 });
      expectProblem(await m.http.patch(m.path(`networks/${net.id}`)).send({ name: null }), 400, { violations: [{ field: 'name', rule: 'isString' }] });

      expect((await m.events(net.id)).map((e) => [e.type, e.aggregateVersion, e.data])).toEqual([
        ['membership.network.created', 1, { networkId: net.id, slug: 'etag-net', name: 'ETag' }],
        ['membership.network.updated', 2, { networkId: net.id, slug: 'etag-net', name: 'Fresh', description: 'now with text' }],
        ['membership.network.updated', 3, { networkId: net.id, slug: 'etag-net', name: 'Fresh' }],
      ]);
    });

    it('let only one of two concurrent changes from the same version win', async () => {
      const { body: net } = await m.http.post(m.path('networks')).send({ slug: 'race-net', name: 'Race' });
      const replies = await Promise.all(
        ['Left', 'Right', 'Up', 'Down'].map((name) => m.http.patch(m.path(`networks/${net.id}`)).set('If-Match', '"1"').send({ name })),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 412, 412, 412]);
      expect((await m.events(net.id)).map((e) => e.aggregateVersion)).toEqual([1, 2]);
    });

    it('emit nothing for a change that changes nothing', async () => {
      const { body: net } = await m.http.post(m.path('networks')).send({ slug: 'still-net', name: 'Still' });
      const res = await m.http.patch(m.path(`networks/${net.id}`)).send({ name: 'Still' });
      expect(res.body.version).toBe(1);
      expect(await m.events(net.id)).toHaveLength(1);
    });
  });

  describe('projects', () => {
    let networkId: string;

    beforeAll(async () => {
      networkId = (await m.http.post(m.path('networks')).send({ slug: 'projects-net', name: 'Projects' })).body.id;
    });

    it('keep their period as local dates and emit project.created', async () => {
      const res = await m.http
        .post(m.path('projects'))
        .send({ networkId, code: 'CONNECTION', name: 'CONNECTION', programme: 'EU AMIF', startsOn: '2020-01-01', endsOn: '2022-12-31', status: 'closed' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ startsOn: '2020-01-01', endsOn: '2022-12-31', status: 'closed', version: 1 });
      expect((await m.http.get(m.path(`projects/${res.body.id}`))).body).toMatchObject({ startsOn: '2020-01-01', endsOn: '2022-12-31' });
      expect(await m.events(res.body.id)).toEqual([
        expect.objectContaining({ type: 'membership.project.created', aggregateVersion: 1, data: expect.objectContaining({ startsOn: '2020-01-01' }) }),
      ]);
    });

    it('refuse impossible dates, a period that ends before it starts, and an unknown network', async () => {
      const base = { networkId, code: 'X', name: 'X', startsOn: '2021-01-01', endsOn: '2021-12-31', status: 'planned' };
      expectProblem(await m.http.post(m.path('projects')).send({ ...base, startsOn: '2021-02-29', status: 'done' }), 400, {
        violations: [
          { field: 'startsOn', rule: 'isLocalDate' },
          { field: 'status', rule: 'isIn' },
        ],
      });
      expectProblem(await m.http.post(m.path('projects')).send({ ...base, endsOn: '2020-12-31' }), 400, {
        rule: 'project.period',
        violations: [{ field: 'endsOn', rule: 'project.period' }],
      });
      expectProblem(await m.http.post(m.path('projects')).send({ ...base, networkId: '01890000-0000-7000-8000-000000000000' }), 422, {
        rule: 'project.network.exists',
        violations: [{ field: 'networkId', rule: 'project.network.exists' }],
      });
    });

    it('keep codes unique within a network, not across networks', async () => {
      const base = { code: 'ECCIPA', name: 'ECCIPA', startsOn: '2021-11-01', endsOn: '2024-04-30', status: 'running' };
      expect((await m.http.post(m.path('projects')).send({ ...base, networkId })).status).toBe(201);
      expectProblem(await m.http.post(m.path('projects')).send({ ...base, networkId }), 409, { rule: 'project.code.unique' });
      const other = (await m.http.post(m.path('networks')).send({ slug: 'other-net', name: 'Other' })).body.id;
      expect((await m.http.post(m.path('projects')).send({ ...base, networkId: other })).status).toBe(201);
    });

    it('are filtered by network, code and status, and sorted', async () => {
      const mine = await m.http.get(m.path('projects')).query({ networkId, sort: 'code' });
      expect(mine.body.items.map((p: { code: string }) => p.code)).toEqual(['CONNECTION', 'ECCIPA']);
      const running = await m.http.get(m.path('projects')).query({ networkId, status: 'running' });
      expect(running.body).toMatchObject({ total: 1, items: [{ code: 'ECCIPA' }] });
      expect((await m.http.get(m.path('projects')).query({ code: 'ECCIPA' })).body.total).toBe(2);
      expectProblem(await m.http.get(m.path('projects')).query({ status: 'finished' }), 400, { violations: [{ field: 'status', rule: 'isIn' }] });
    });

    it('never reopen once closed', async () => {
      const closed = (await m.http.get(m.path('projects')).query({ networkId, code: 'CONNECTION' })).body.items[0];
      expectProblem(await m.http.patch(m.path(`projects/${closed.id}`)).send({ status: 'running' }), 409, { rule: 'project.status.transition' });
    });
  });
});
