import { francesca, givenNetwork, ravenna } from './support/fixtures';
import { MembershipUnderTest, TestNode } from './support/membership-app';
import { expectProblem } from './support/problems';

describe('nodes and members over HTTP', () => {
  const node = new TestNode();
  let m: MembershipUnderTest;
  let networkId: string;

  beforeAll(async () => {
    m = await node.startMembership();
    ({ networkId } = await givenNetwork(m, { nodeId: 'hub' }));
  });
  afterAll(() => node.stop());

  describe('nodes', () => {
    it('are registered once each, with one hub, and announced', async () => {
      const res = await m.http.post(m.path('nodes')).send({ id: 'ravenna', name: 'Ravenna node', baseUrl: 'https://ravenna.example.org/', hub: true, jetstreamDomain: 'ravenna' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: 'ravenna', baseUrl: 'https://ravenna.example.org', hub: true, jetstreamDomain: 'ravenna', version: 1 });
      expect((await m.http.get(m.path('nodes/ravenna'))).body).toEqual(res.body);
      expect(await m.events('ravenna')).toEqual([
        expect.objectContaining({
          type: 'membership.node.registered',
          aggregateVersion: 1,
          data: { nodeId: 'ravenna', name: 'Ravenna node', baseUrl: 'https://ravenna.example.org', hub: true, jetstreamDomain: 'ravenna' },
        }),
      ]);

      expectProblem(await m.http.post(m.path('nodes')).send({ id: 'ravenna', name: 'Again', baseUrl: 'https://x.example.org', hub: false }), 409, {
        rule: 'node.id.unique',
      });
      expectProblem(await m.http.post(m.path('nodes')).send({ id: 'offenbach', name: 'Second hub', baseUrl: 'https://x.example.org', hub: true }), 409, {
        rule: 'node.hub.unique',
      });
      expectProblem(await m.http.post(m.path('nodes')).send({ id: 'Bad Id', name: 'x', baseUrl: 'ftp://x', hub: 'yes' }), 400, {
        violations: [
          { field: 'id', rule: 'isSlug' },
          { field: 'baseUrl', rule: 'isUrl' },
          { field: 'hub', rule: 'isBoolean' },
        ],
      });
      expectProblem(await m.http.get(m.path('nodes/nowhere')), 404, { rule: 'node.exists' });
      expect((await m.http.get(m.path('nodes')).query({ hub: 'true' })).body).toMatchObject({ total: 1, items: [{ id: 'ravenna' }] });
    });
  });

  describe('members', () => {
    it('join with canonical languages, full state in member.joined', async () => {
      const res = await m.http.post(m.path('members')).send({ ...ravenna(networkId, 'hub'), languages: ['IT', 'en-gb', 'it'] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ slug: 'ravenna', country: 'IT', region: 'IT-45', languages: ['it', 'en-GB'], leftOn: null, version: 1 });
      expect(await m.events(res.body.id)).toEqual([
        expect.objectContaining({
          type: 'membership.member.joined',
          aggregateType: 'member',
          aggregateVersion: 1,
          data: {
            memberId: res.body.id,
            networkId,
            slug: 'ravenna',
            kind: 'city',
            name: 'Ravenna',
            legalName: 'Comune di Ravenna',
            country: 'IT',
            region: 'IT-45',
            timeZone: 'Europe/Rome',
            languages: ['it', 'en-GB'],
            homeNodeId: 'hub',
          },
        }),
      ]);
    });

    it('must name a real country, region of it, IANA zone and BCP 47 languages', async () => {
      const before = await m.snapshot();
      const res = await m.http.post(m.path('members')).send({
        ...ravenna(networkId, 'hub'),
        slug: 'atlantis',
        kind: 'island',
        country: 'XX',
        region: 'atlantis',
        timeZone: 'Atlantic/Atlantis',
        languages: ['en', 'xx-YY'],
        population: 0,
      });
      expectProblem(res, 400, {
        violations: [
          { field: 'kind', rule: 'isIn' },
          { field: 'country', rule: 'isCountryCode' },
          { field: 'region', rule: 'isSubdivisionCode' },
          { field: 'timeZone', rule: 'isIanaTimeZone' },
          { field: 'languages', rule: 'isLanguageTag' },
          { field: 'population', rule: 'whitelistValidation' },
        ],
      });
      expectProblem(await m.http.post(m.path('members')).send({ ...ravenna(networkId, 'hub'), slug: 'kassel', country: 'DE', region: 'IT-45' }), 400, {
        rule: 'member.region.in-country',
        violations: [{ field: 'region', rule: 'member.region.in-country' }],
      });
      expectProblem(await m.http.post(m.path('members')).send({ ...ravenna(networkId, 'hub'), languages: [] }), 400, {
        violations: [{ field: 'languages', rule: 'arrayMinSize' }],
      });
      expect(await m.snapshot()).toEqual(before);
    });

    it('live on a registered node of an existing network (422 naming the field otherwise)', async () => {
      const before = await m.snapshot();
      expectProblem(await m.http.post(m.path('members')).send({ ...ravenna(networkId, 'nowhere'), slug: 'lost' }), 422, {
        rule: 'member.home-node.registered',
        violations: [{ field: 'homeNodeId', rule: 'member.home-node.registered' }],
      });
      expectProblem(await m.http.post(m.path('members')).send({ ...ravenna('01890000-0000-7000-8000-000000000000', 'hub'), slug: 'lost' }), 422, {
        rule: 'member.network.exists',
      });
      expect(await m.snapshot()).toEqual(before);
    });

    it('keep slugs unique within a network (409 member.slug.unique), changing nothing', async () => {
      const before = await m.snapshot();
      const res = await m.http.post(m.path('members')).send({ ...ravenna(networkId, 'hub'), name: 'Ravenna again' });
      expectProblem(res, 409, { rule: 'member.slug.unique', violations: [{ field: 'slug', rule: 'member.slug.unique' }] });
      expect(await m.snapshot()).toEqual(before);
      const elsewhere = await givenNetwork(m);
      expect((await m.http.post(m.path('members')).send(ravenna(elsewhere.networkId, 'hub'))).status).toBe(201);
    });

    it('are listed filtered by network, slug, country, kind and home node, sorted and paged', async () => {
      const { networkId: net } = await givenNetwork(m);
      const cities: [string, string, string, string][] = [
        ['leipzig', 'Leipzig', 'DE', 'city'],
        ['kreis-offenbach', 'Kreis Offenbach', 'DE', 'county'],
        ['munich', 'Munich', 'DE', 'city'],
        ['bologna', 'Bologna', 'IT', 'city'],
        ['accem', 'ACCEM', 'ES', 'partner-organisation'],
      ];
      for (const [slug, name, country, kind] of cities) {
        const res = await m.http
          .post(m.path('members'))
          .send({ ...ravenna(net, slug === 'munich' ? 'ravenna' : 'hub'), slug, name, country, kind, region: null, timeZone: 'Europe/Berlin' });
        expect(res.status).toBe(201);
      }
      const german = await m.http.get(m.path('members')).query({ networkId: net, country: 'DE', sort: '-name' });
      expect(german.body.items.map((x: { slug: string }) => x.slug)).toEqual(['munich', 'leipzig', 'kreis-offenbach']);
      expect(german.body.total).toBe(3);
      const cityPage = await m.http.get(m.path('members')).query({ networkId: net, kind: 'city', sort: 'name', limit: 2, offset: 1 });
      expect(cityPage.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(cityPage.body.items.map((x: { slug: string }) => x.slug)).toEqual(['leipzig', 'munich']);
      expect((await m.http.get(m.path('members')).query({ networkId: net, homeNodeId: 'ravenna' })).body).toMatchObject({ total: 1, items: [{ slug: 'munich' }] });
      expect((await m.http.get(m.path('members')).query({ networkId: net, slug: 'accem' })).body.items[0]).toMatchObject({ kind: 'partner-organisation' });
      expectProblem(await m.http.get(m.path('members')).query({ sort: 'legalName' }), 400, { violations: [{ field: 'sort', rule: 'isSortSpec' }] });
      expectProblem(await m.http.get(m.path('members')).query({ country: 'Germany' }), 400, { violations: [{ field: 'country', rule: 'isCountryCode' }] });
    });

    it('change under If-Match, publishing their full new state', async () => {
      const { body: member } = await m.http.post(m.path('members')).send({ ...ravenna(networkId, 'hub'), slug: 'cartagena', name: 'Cartagena', country: 'ES', region: 'ES-MC' });
      expectProblem(await m.http.patch(m.path(`members/${member.id}`)).set('If-Match', '"2"').send({ name: 'Stale' }), 412);
      const res = await m.http.patch(m.path(`members/${member.id}`)).set('If-Match', '"1"').send({ homeNodeId: 'ravenna', region: null, languages: ['es', 'ca'] });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      const events = await m.events(member.id);
      expect(events.map((e) => [e.type, e.aggregateVersion])).toEqual([
        ['membership.member.joined', 1],
        ['membership.member.updated', 2],
      ]);
      expect(events[1].data).toEqual(expect.objectContaining({ homeNodeId: 'ravenna', languages: ['es', 'ca'], name: 'Cartagena' }));
      expect(events[1].data).not.toHaveProperty('region');
      expectProblem(await m.http.patch(m.path(`members/${member.id}`)).send({ homeNodeId: 'nowhere' }), 422, { rule: 'member.home-node.registered' });
      expectProblem(await m.http.patch(m.path(`members/${member.id}`)).send({ networkId }), 400, { violations: [{ field: 'networkId', rule: 'whitelistValidation' }] });
    });

    it('leave once, and are then read-only', async () => {
      const { body: member } = await m.http.post(m.path('members')).send({ ...ravenna(networkId, 'hub'), slug: 'riga', name: 'Riga', country: 'LV', region: null });
      const left = await m.http.post(m.path(`members/${member.id}/leave`)).send({ leftOn: '2024-06-30', reason: 'left the programme' });
      expect(left.status).toBe(200);
      expect(left.body).toMatchObject({ leftOn: '2024-06-30', leaveReason: 'left the programme', version: 2 });
      expect((await m.events(member.id)).at(-1)).toMatchObject({
        type: 'membership.member.left',
        aggregateVersion: 2,
        data: { memberId: member.id, networkId, leftOn: '2024-06-30', reason: 'left the programme' },
      });
      expectProblem(await m.http.post(m.path(`members/${member.id}/leave`)).send({ leftOn: '2024-07-01' }), 409, { rule: 'member.already-left' });
      expectProblem(await m.http.patch(m.path(`members/${member.id}`)).send({ name: 'Rīga' }), 409, { rule: 'member.left' });
      expectProblem(await m.http.post(m.path('people')).send(francesca(member.id)), 409, { rule: 'person.member-left' });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first reply to a retry: one row, one event', async () => {
      const body = { ...ravenna(networkId, 'hub'), slug: 'ghent', name: 'Ghent', country: 'BE', region: 'BE-VLG', languages: ['nl'] };
      const first = await m.http.post(m.path('members')).set('Idempotency-Key', 'join-ghent').send(body);
      expect(first.status).toBe(201);
      const before = await m.snapshot();
      const retry = await m.http.post(m.path('members')).set('Idempotency-Key', 'join-ghent').send(body);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers.etag).toBe('"1"');
      expect(retry.headers.location).toBe(first.headers.location);
      expect(retry.body).toEqual(first.body);
      expect(await m.snapshot()).toEqual(before);
      expect((await m.http.get(m.path('members')).query({ networkId, slug: 'ghent' })).body.total).toBe(1);
      expect(await m.events(first.body.id)).toHaveLength(1);
    });

    it('refuses a key reused for a different request (422), changing nothing', async () => {
      const body = { ...ravenna(networkId, 'hub'), slug: 'vienna', name: 'Vienna', country: 'AT', region: 'AT-9', languages: ['de'] };
      expect((await m.http.post(m.path('members')).set('Idempotency-Key', 'join-vienna').send(body)).status).toBe(201);
      const before = await m.snapshot();
      const res = await m.http.post(m.path('members')).set('Idempotency-Key', 'join-vienna').send({ ...body, slug: 'wien' });
      expectProblem(res, 422, { rule: 'idempotency-key.reused' });
      expect(await m.snapshot()).toEqual(before);
    });

    it('lets concurrent retries create one member', async () => {
      const body = { ...ravenna(networkId, 'hub'), slug: 'zagreb', name: 'Zagreb', country: 'HR', region: null, languages: ['hr'] };
      const replies = await Promise.all([1, 2, 3, 4].map(() => m.http.post(m.path('members')).set('Idempotency-Key', 'join-zagreb').send(body)));
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
      expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
      expect(await m.events(replies[0].body.id)).toHaveLength(1);
    });

    it('does not keep a refused request, so a corrected retry with the same key goes through', async () => {
      const body = { ...ravenna(networkId, 'hub'), slug: 'tallinn', name: 'Tallinn', country: 'EE', region: null, languages: ['et'] };
      expectProblem(await m.http.post(m.path('members')).set('Idempotency-Key', 'join-tallinn').send({ ...body, homeNodeId: 'nowhere' }), 422);
      expect((await m.http.post(m.path('members')).set('Idempotency-Key', 'join-tallinn').send(body)).status).toBe(201);
    });
  });
});
