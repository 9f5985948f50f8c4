import { francesca, givenMember, givenNetwork } from './support/fixtures';
import { MembershipUnderTest, TestNode } from './support/membership-app';
import { expectProblem } from './support/problems';

describe('people over HTTP', () => {
  const node = new TestNode();
  let m: MembershipUnderTest;
  let memberId: string;

  beforeAll(async () => {
    m = await node.startMembership();
    const { networkId } = await givenNetwork(m);
    memberId = (await givenMember(m, networkId, 'hub')).id;
  });
  afterAll(() => node.stop());

  it('are registered with one spelling of their e-mail, unique within their member', async () => {
    const res = await m.http.post(m.path('people')).send({ ...francesca(memberId), email: 'Francesca.Ricci@Ravenna.example.org', preferredLanguage: 'IT' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ memberId, email: 'francesca.ricci@ravenna.example.org', preferredLanguage: 'it', erasedAt: null, version: 1 });
    expect((await m.events(res.body.id))[0]).toMatchObject({ type: 'membership.person.registered', aggregateVersion: 1, data: { givenName: 'Francesca' } });

    const before = await m.snapshot();
    expectProblem(await m.http.post(m.path('people')).send({ ...francesca(memberId), givenName: 'Franca', email: 'FRANCESCA.RICCI@ravenna.example.org' }), 409, {
      rule: 'person.email.unique',
      violations: [{ field: 'email', rule: 'person.email.unique' }],
    });
    expectProblem(await m.http.post(m.path('people')).send({ ...francesca(memberId), email: 'not-an-address', functions: ['mayor'], preferredLanguage: 'xx' }), 400, {
      violations: [
        { field: 'email', rule: 'isEmail' },
        { field: 'functions', rule: 'isIn' },
        { field: 'preferredLanguage', rule: 'isLanguageTag' },
      ],
    });
    expect(await m.snapshot()).toEqual(before);
  });

  it('are found by member, e-mail (any case) and function', async () => {
    await m.http.post(m.path('people')).send({ ...francesca(memberId), givenName: 'Luca', familyName: 'Romano', email: 'luca.romano@ravenna.example.org', functions: ['integration-officer', 'trainer'] });
    const trainers = await m.http.get(m.path('people')).query({ memberId, function: 'trainer' });
    expect(trainers.body).toMatchObject({ total: 1, items: [{ givenName: 'Luca' }] });
    const byEmail = await m.http.get(m.path('people')).query({ email: 'LUCA.Romano@ravenna.example.org' });
    expect(byEmail.body).toMatchObject({ total: 1, items: [{ familyName: 'Romano' }] });
    const sorted = await m.http.get(m.path('people')).query({ memberId, sort: '-familyName' });
    expect(sorted.body.items.map((p: { familyName: string }) => p.familyName)).toEqual(['Romano', 'Ricci']);
  });

  describe('GDPR erasure', () => {
    it('replaces the personal data, keeps the record and its member, and announces it without personal data', async () => {
      const key = 'register-elena';
      const registration = { ...francesca(memberId), givenName: 'Elena', familyName: 'García', email: 'elena.garcia@accem.example.org', functions: ['expert'] };
      const { body: person } = await m.http.post(m.path('people')).set('Idempotency-Key', key).send(registration);
      await m.http.patch(m.path(`people/${person.id}`)).send({ functions: ['expert', 'trainer'] });

      const res = await m.http.post(m.path(`people/${person.id}/erasure`)).set('If-Match', '"2"');
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"3"');
      const erased = {
        ...person,
        givenName: 'Erased',
        familyName: 'Erased',
        email: `erased+${person.id}@erased.invalid`,
        functions: [],
        erasedAt: expect.any(String),
        version: 3,
        updatedAt: expect.any(String),
      };
      expect(res.body).toEqual(erased);
      expect((await m.http.get(m.path(`people/${person.id}`))).body).toEqual(erased);

      // The outbox, which keeps each aggregate's newest events for good, keeps only the erasure.
      const events = await m.events(person.id);
      expect(events.map((e) => e.type)).toEqual(['membership.person.erased']);
      const erasedEvent = events[0];
      expect(erasedEvent).toMatchObject({ type: 'membership.person.erased', aggregateVersion: 3 });
      expect(erasedEvent.data).toEqual({ personId: person.id, memberId });
      expect(JSON.stringify(erasedEvent.envelope)).not.toMatch(/Elena|Garc|accem/i);

      // A retry of the registration must not bring the data back, nor register the person again.
      const replay = await m.http.post(m.path('people')).set('Idempotency-Key', key).send(registration);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toMatchObject({ id: person.id, givenName: 'Erased', email: `erased+${person.id}@erased.invalid` });
      expect((await m.http.get(m.path('people')).query({ email: 'elena.garcia@accem.example.org' })).body.total).toBe(0);
    });

    it('is final: an erased person cannot be changed (409) nor erased again', async () => {
      const { body: person } = await m.http.post(m.path('people')).send({ ...francesca(memberId), email: 'someone@ravenna.example.org' });
      await m.http.post(m.path(`people/${person.id}/erasure`));
      const before = await m.snapshot();
      expectProblem(await m.http.patch(m.path(`people/${person.id}`)).send({ givenName: 'Back' }), 409, { rule: 'person.erased' });
      expectProblem(await m.http.post(m.path(`people/${person.id}/erasure`)), 409, { rule: 'person.erased' });
      expect(await m.snapshot()).toEqual(before);
      expectProblem(await m.http.post(m.path('people/01890000-0000-7000-8000-000000000000/erasure')), 404, { rule: 'person.exists' });
    });
  });
});
