import { waitFor } from '@intercity/testing';
import { givenCommunity, givenOpenActivity, PracticeNode, World } from './support/practice-node';

describe("practice on membership's events", () => {
  describe('a person erased upstream', () => {
    const node = new PracticeNode();
    let world: World;
    let communityId: string;

    beforeAll(async () => {
      await node.startBoth();
      world = await node.givenWorld();
      communityId = await givenCommunity(node, world);
    });
    afterAll(() => node.stop());

    it('disappears here: the copy keeps no personal data, registrations are cancelled and the seat passes on', async () => {
      const { membership: m, practice: p } = node;
      const [erased, waiting] = await node.givenPeople(world.ravenna, 2, 'er');
      const activityId = await givenOpenActivity(node, world, communityId, { capacity: 1 });
      const first = await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: erased }).expect(201);
      const second = await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: waiting }).expect(201);
      expect([first.body.status, second.body.status]).toEqual(['confirmed', 'waitlisted']);

      await m.http.post(m.path(`people/${erased}/erasure`)).expect(200);

      const [copy] = await waitFor(
        async () => {
          const rows = await p.db.query(`SELECT given_name, family_name, email, preferred_language, erased FROM people WHERE id = $1 AND erased`, [erased]);
          return rows.length ? rows : undefined;
        },
        { description: "the person's copy erased" },
      );
      expect(copy).toEqual({ given_name: null, family_name: null, email: null, preferred_language: null, erased: true });

      const list = await p.http.get(p.path(`activities/${activityId}/registrations`)).expect(200);
      expect(list.body.map((r: { personId: string; status: string; cancelReason: string | null }) => [r.personId, r.status, r.cancelReason])).toEqual([
        [erased, 'cancelled', 'person-erased'],
        [waiting, 'offered', null],
      ]);
      const types = (await p.events()).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['practice.registration.cancelled', 'practice.registration.offered']));

      // Nothing can be done for the erased person any more.
      await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: erased }).expect(422);
      await p.http.get(p.path(`people/${erased}/learning-record`)).expect(404);
    });
  });

  describe('membership down', () => {
    const node = new PracticeNode();
    let world: World;

    beforeAll(async () => {
      await node.startBoth();
      world = await node.givenWorld();
    });
    afterAll(() => node.stop());

    it('keeps serving reads and registrations from its own copies', async () => {
      const p = node.practice;
      const communityId = await givenCommunity(node, world);
      const [anna, ben] = await node.givenPeople(world.offenbach, 2, 'dn');
      const activityId = await givenOpenActivity(node, world, communityId, { capacity: 5 });
      await p.http.post(p.path(`activities/${activityId}/registrations`)).send({ personId: anna }).expect(201);

      await node.stopMembership();

      const liaison = await p.tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.offenbach });
      const registered = await p.as(liaison).post(p.path(`activities/${activityId}/registrations`)).send({ personId: ben });
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({ personId: ben, memberId: world.offenbach, status: 'confirmed', arrival: 2 });

      await p.http.get(p.path(`communities/${communityId}`)).expect(200);
      const activities = await p.http.get(p.path('activities')).query({ communityId }).expect(200);
      expect(activities.body.items.map((a: { id: string }) => a.id)).toEqual([activityId]);
      const list = await p.as(liaison).get(p.path(`activities/${activityId}/registrations`)).expect(200);
      expect(list.body.map((r: { personId: string }) => r.personId)).toEqual([anna, ben]);
      await p.as(liaison).get(p.path(`people/${ben}/learning-record`)).expect(200);
      // A second community of the same project, set up from the copies alone.
      await p.http
        .post(p.path('communities'))
        .send({ projectId: world.projectId, name: 'Pathways to employment', theme: 'Pathways to employment', leadMemberId: world.offenbach, memberIds: [] })
        .expect(201);
    });
  });
});
