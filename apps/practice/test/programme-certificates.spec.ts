import { randomSuffix, waitFor } from '@intercity/testing';
import type { Response } from 'supertest';
import { pdfText } from './support/pdf-text';
import { at, created, givenCommunity, givenOpenActivity, HOUR, PracticeNode, World } from './support/practice-node';

function expectProblem(res: Response, status: number, rule: string): void {
  expect({ status: res.status, rule: res.body.rule, type: res.headers['content-type'] }).toEqual({ status, rule, type: expect.stringMatching(/^application\/problem\+json/) });
}

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * A training programme (ECCIPA's 120 hours over many sessions, here 12 hours over two activities):
 * one certificate, attendance summed across the activities against the programme's rule.
 */
describe('certificates for a training programme of several activities (issue 5)', () => {
  const node = new PracticeNode();
  let world: World;
  let communityId: string;

  beforeAll(async () => {
    await node.startBoth();
    world = await node.givenWorld();
    communityId = await givenCommunity(node, world);
  });
  afterAll(() => node.stop());

  const p = () => node.practice;

  async function givenPerson(givenName: string, familyName: string, preferredLanguage = 'en'): Promise<{ id: string; name: string }> {
    const m = node.membership;
    const { id } = await created(
      m.http.post(m.path('people')).send({ memberId: world.ravenna, givenName, familyName, email: `trainee.${randomSuffix()}@example.org`, functions: ['trainee'], preferredLanguage }),
      'person',
    );
    await waitFor(async () => (await p().db.query(`SELECT 1 FROM people WHERE id = $1 AND NOT erased`, [id])).length === 1, { description: `practice's copy of ${givenName}` });
    return { id, name: `${givenName} ${familyName}` };
  }

  /** Two four-hour sessions, one held yesterday and one under way; hosted by the given city. */
  async function givenTraining(title: string, inCommunity = communityId, host = world.ravenna): Promise<{ id: string; sessionIds: string[] }> {
    const pp = p();
    const { id } = await created(
      pp.http.post(pp.path('activities')).send({
        communityId: inCommunity,
        hostMemberId: host,
        kind: 'training',
        title,
        place: 'Piazza del Popolo 1, Ravenna',
        sessions: [
          { startsAt: at(-26 * HOUR), endsAt: at(-22 * HOUR) },
          { startsAt: at(-HOUR), endsAt: at(3 * HOUR) },
        ],
        capacity: 30,
        registrationWindow: { opensAt: at(-48 * HOUR), closesAt: at(2 * HOUR) },
        languages: ['en'],
      }),
      'activity',
    );
    await pp.http.post(pp.path(`activities/${id}/open`)).expect(200);
    const activity = await pp.http.get(pp.path(`activities/${id}`)).expect(200);
    return { id, sessionIds: activity.body.sessions.map((s: { id: string }) => s.id) };
  }

  async function attended(activity: { id: string; sessionIds: string[] }, personId: string, present: number): Promise<void> {
    await p().http.post(p().path(`activities/${activity.id}/registrations`)).send({ personId }).expect(201);
    for (const [i, sessionId] of activity.sessionIds.entries()) {
      await p()
        .http.post(p().path(`activities/${activity.id}/sessions/${sessionId}/attendance`))
        .send({ entries: [{ personId, status: i < present ? 'present' : 'absent' }] })
        .expect(200);
    }
  }

  const define = (body: object, token?: string) => (token ? p().as(token) : p().http).post(p().path('programmes')).send(body);
  const issue = (programmeId: string, personId: string, token?: string) =>
    (token ? p().as(token) : p().http).post(p().path(`programmes/${programmeId}/certificates/${personId}`));

  let programme: { id: string; first: { id: string; sessionIds: string[] }; second: { id: string; sessionIds: string[] } };

  beforeAll(async () => {
    const first = await givenTraining('Champions training, module 1');
    const second = await givenTraining('Champions training, module 2');
    const liaison = await p().tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    const res = await define({ title: 'Πρόγραμμα εκπαίδευσης πρεσβευτών ένταξης', activityIds: [first.id, second.id], certificate: { minHours: 12 } }, liaison);
    expect(res.status).toBe(201);
    programme = { id: res.body.id, first, second };
  });

  it('is defined by the host city’s organiser with its rule, and the fact goes out', async () => {
    const res = await p().http.get(p().path(`programmes/${programme.id}`)).expect(200);
    expect(res.body).toMatchObject({ communityId, activityIds: [programme.first.id, programme.second.id], rule: { minHours: 12, minSessions: null }, version: 1 });
    expect((await p().events(programme.id)).map((e) => [e.type, e.data.activityIds])).toEqual([['practice.programme.defined', [programme.first.id, programme.second.id]]]);
  });

  it('sums attendance across its activities: 8 hours in one and 4 in the other meet 12, and the PDF prints a Greek name and title', async () => {
    const sofia = await givenPerson('Σοφία', `Παπαδοπούλου${randomSuffix()}`);
    await attended(programme.first, sofia.id, 2);
    await attended(programme.second, sofia.id, 1);

    const res = await issue(programme.id, sofia.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      programmeId: programme.id,
      activityId: null,
      activityIds: [programme.first.id, programme.second.id],
      attendedMinutes: 720,
      hours: 12,
      attendedSessions: 3,
      rule: { minHours: 12 },
    });
    const [stored] = await p().db.query(`SELECT programme_id, activity_id, activity_ids FROM certificates WHERE id = $1`, [res.body.id]);
    expect(stored).toEqual({ programme_id: programme.id, activity_id: null, activity_ids: [programme.first.id, programme.second.id] });
    expect((await p().events(res.body.id)).map((e) => [e.type, e.data.activityIds, e.data.attendedMinutes])).toEqual([
      ['practice.certificate.issued', [programme.first.id, programme.second.id], 720],
    ]);

    const doc = await p().http.get(p().path(`certificates/${res.body.id}.pdf`)).buffer(true).parse(binary).expect(200);
    const { text, drawn } = pdfText(doc.body as Buffer);
    expect(text).toContain(sofia.name);
    expect(text).toContain('Πρόγραμμα εκπαίδευσης πρεσβευτών ένταξης');
    expect(text).toContain('Hours attended: 12');
    expect(drawn.every((d) => d.embedded && /NotoSans/.test(d.font))).toBe(true);

    // Once per person and programme.
    expectProblem(await issue(programme.id, sofia.id), 409, 'certificate.already-issued');
  });

  it('refuses a person short of the rule (409) and one present at none of the sessions (422), naming the rule', async () => {
    const olena = await givenPerson('Олена', `Коваленко${randomSuffix()}`);
    await attended(programme.first, olena.id, 2);
    const lukasz = await givenPerson('Łukasz', `Żółć${randomSuffix()}`);
    await attended(programme.first, lukasz.id, 0);
    await attended(programme.second, lukasz.id, 0);
    const before = await p().contents();

    const short = await issue(programme.id, olena.id);
    expectProblem(short, 409, 'certificate.not-eligible');
    expect(short.body.detail).toContain('240 minutes');
    const none = await issue(programme.id, lukasz.id);
    expectProblem(none, 422, 'certificate.attended-none');
    expect(none.body).toMatchObject({ detail: expect.stringContaining('none of the sessions') });
    expect(await p().contents()).toEqual(before);
    expect(await p().db.query(`SELECT 1 FROM certificates WHERE person_id = ANY ($1::uuid[])`, [[olena.id, lukasz.id]])).toHaveLength(0);
  });

  it('refuses activities of different communities, unknown ones and a missing rule, changing nothing', async () => {
    const otherCommunity = await givenCommunity(node, world);
    const elsewhere = await givenOpenActivity(node, world, otherCommunity);
    const before = await p().contents();

    const mixed = await define({ title: 'Mixed', activityIds: [programme.first.id, elsewhere], certificate: { minHours: 4 } });
    expectProblem(mixed, 422, 'programme.activities.same-community');
    expect(mixed.body.detail).toContain(elsewhere);
    expectProblem(await define({ title: 'Unknown', activityIds: [programme.first.id, '0190a1b2-0000-7000-8000-00000000dead'], certificate: { minHours: 4 } }), 422, 'programme.activity.exists');
    expectProblem(await define({ title: 'No rule', activityIds: [programme.first.id], certificate: {} }), 400, 'programme.certificate');
    expect(await p().contents()).toEqual(before);
    expect(await p().db.query(`SELECT 1 FROM programmes WHERE title IN ('Mixed', 'Unknown', 'No rule')`)).toHaveLength(0);
  });

  it('is organised by the liaison of the city hosting all of it, by network admins when several cities host', async () => {
    const offenbach = await p().tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.offenbach });
    const ravenna = await p().tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    const body = { title: 'Module 1 only', activityIds: [programme.first.id], certificate: { minSessions: 2 } };
    expectProblem(await define(body, offenbach), 403, 'access.own-city');
    const hostedByOffenbach = await givenTraining('Offenbach module', communityId, world.offenbach);
    const shared = { title: 'Shared', activityIds: [programme.first.id, hostedByOffenbach.id], certificate: { minHours: 4 } };
    expectProblem(await define(shared, ravenna), 403, 'access.role');
    expect((await define(shared)).status).toBe(201);
    // Nor does another city's liaison issue the programme's certificates.
    const [someone] = await node.givenPeople(world.ravenna, 1, 'prog');
    expectProblem(await issue(programme.id, someone, offenbach), 403, 'access.own-city');
  });
});
