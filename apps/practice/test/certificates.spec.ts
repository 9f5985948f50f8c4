import { randomSuffix, waitFor } from '@intercity/testing';
import type { Response } from 'supertest';
import { pdfText } from './support/pdf-text';
import { at, created, givenCommunity, givenOpenActivity, HOUR, PracticeNode, World } from './support/practice-node';

function expectProblem(res: Response, status: number, rule: string): void {
  expect({ status: res.status, rule: res.body.rule }).toEqual({ status, rule });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

/** Supertest buffers an application/pdf body only when asked to. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('certificates of attendance (issue 5): issued when the organiser rule is met, a PDF in the person language', () => {
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

  /** A Ravenna staff member speaking the given language, once practice's copy has them. */
  async function givenPerson(givenName: string, preferredLanguage: string): Promise<{ id: string; name: string }> {
    const m = node.membership;
    const familyName = `Rossi${randomSuffix()}`;
    const { id } = await created(
      m.http.post(m.path('people')).send({
        memberId: world.ravenna,
        givenName,
        familyName,
        email: `${givenName.toLowerCase()}.${randomSuffix()}@example.org`,
        functions: ['trainee'],
        preferredLanguage,
      }),
      'person',
    );
    await waitFor(async () => (await p().db.query(`SELECT 1 FROM people WHERE id = $1 AND NOT erased`, [id])).length === 1, { description: `practice's copy of ${givenName}` });
    return { id, name: `${givenName} ${familyName}` };
  }

  /** An activity of two four-hour sessions already held (or under way), asking 8 hours for a certificate. */
  async function givenHeldActivity(): Promise<{ activityId: string; sessionIds: string[] }> {
    const activityId = await givenOpenActivity(node, world, communityId, {
      sessions: [
        { startsAt: at(-26 * HOUR), endsAt: at(-22 * HOUR) },
        { startsAt: at(-HOUR), endsAt: at(3 * HOUR) },
      ],
      registrationWindow: { opensAt: at(-48 * HOUR), closesAt: at(2 * HOUR) },
      certificate: { minHours: 8, minSessions: null },
    });
    const activity = await p().http.get(p().path(`activities/${activityId}`)).expect(200);
    return { activityId, sessionIds: activity.body.sessions.map((s: { id: string }) => s.id) };
  }

  async function attended(activityId: string, sessionIds: string[], personId: string, presentAt: number): Promise<void> {
    await p().http.post(p().path(`activities/${activityId}/registrations`)).send({ personId }).expect(201);
    for (const [i, sessionId] of sessionIds.entries()) {
      await p()
        .http.post(p().path(`activities/${activityId}/sessions/${sessionId}/attendance`))
        .send({ entries: [{ personId, status: i < presentAt ? 'present' : 'absent' }] })
        .expect(200);
    }
  }

  const issue = (activityId: string, personId: string, token?: string) => (token ? p().as(token) : p().http).post(p().path(`activities/${activityId}/certificates/${personId}`));
  const pdf = (id: string, token?: string) => (token ? p().as(token) : p().http).get(p().path(`certificates/${id}.pdf`)).buffer(true).parse(binary);

  it('an eligible Italian speaker gets a certificate in Italian, with name and hours, and the fact goes out', async () => {
    const { activityId, sessionIds } = await givenHeldActivity();
    const giulia = await givenPerson('Giulia', 'it');
    await attended(activityId, sessionIds, giulia.id, 2);

    const liaison = await p().tokenFor('liaison@ravenna.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.ravenna });
    const res = await issue(activityId, giulia.id, liaison);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ personId: giulia.id, activityId, memberId: world.ravenna, attendedMinutes: 480, hours: 8, attendedSessions: 2, language: 'it' });

    const [stored] = await p().db.query(`SELECT person_id, activity_id, attended_minutes, attended_sessions, language FROM certificates WHERE id = $1`, [res.body.id]);
    expect(stored).toEqual({ person_id: giulia.id, activity_id: activityId, attended_minutes: 480, attended_sessions: 2, language: 'it' });
    const events = await p().db.query(`SELECT event_type, envelope FROM outbox WHERE aggregate_id = $1`, [res.body.id]);
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(['practice.certificate.issued']);
    expect(JSON.stringify(events[0].envelope)).toContain(giulia.id);

    const doc = await pdf(res.body.id, liaison);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toMatch(/^application\/pdf/);
    const body = doc.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = pdfText(body);
    expect(text).toContain(giulia.name);
    expect(text).toContain('Attestato di partecipazione');
    expect(text).toContain('Ore frequentate: 8');
    expect(text).not.toContain('Certificate of attendance');
  });

  it('a Latvian speaker gets the English fallback', async () => {
    const { activityId, sessionIds } = await givenHeldActivity();
    const liga = await givenPerson('Liga', 'lv');
    await attended(activityId, sessionIds, liga.id, 2);
    const res = await issue(activityId, liga.id);
    expect(res.status).toBe(201);
    expect(res.body.language).toBe('en');

    const viewer = await p().tokenFor('viewer@eurocities.example', { role: 'viewer', networkId: world.networkId });
    const doc = await pdf(res.body.id, viewer);
    expect(doc.status).toBe(200);
    const { text } = pdfText(doc.body as Buffer);
    expect(text).toContain(liga.name);
    expect(text).toContain('Certificate of attendance');
    expect(text).toContain('Hours attended: 8');
  });

  it('not eligible: 409 naming the unmet rule, nothing stored', async () => {
    const { activityId, sessionIds } = await givenHeldActivity();
    const marco = await givenPerson('Marco', 'it');
    await attended(activityId, sessionIds, marco.id, 1);
    const before = await p().contents();
    const res = await issue(activityId, marco.id);
    expectProblem(res, 409, 'certificate.not-eligible');
    expect(res.body.detail).toContain('240 minutes');
    expect(await p().contents()).toEqual(before);
    expect(await p().db.query(`SELECT 1 FROM certificates WHERE person_id = $1`, [marco.id])).toHaveLength(0);
  });

  it('a second certificate for the same person and activity is a 409, also when both are asked at once', async () => {
    const { activityId, sessionIds } = await givenHeldActivity();
    const anna = await givenPerson('Anna', 'de');
    const bruno = await givenPerson('Bruno', 'es');
    await attended(activityId, sessionIds, anna.id, 2);
    await attended(activityId, sessionIds, bruno.id, 2);

    await issue(activityId, anna.id).expect(201);
    expectProblem(await issue(activityId, anna.id), 409, 'certificate.already-issued');

    const both = await Promise.all([issue(activityId, bruno.id), issue(activityId, bruno.id)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expectProblem(both.find((r) => r.status === 409) as Response, 409, 'certificate.already-issued');
    const [{ n }] = await p().db.query(`SELECT count(*)::int AS n FROM certificates WHERE activity_id = $1`, [activityId]);
    expect(n).toBe(2);
    // The database backs the rule up: a duplicate row cannot exist whatever the code does.
    await expect(
      p().db.query(
        `INSERT INTO certificates (id, network_id, person_id, member_id, activity_id, activity_ids, rule, attended_minutes, attended_sessions, language, issued_on, issued_at)
         SELECT gen_random_uuid(), network_id, person_id, member_id, activity_id, activity_ids, rule, attended_minutes, attended_sessions, language, issued_on, issued_at
         FROM certificates WHERE person_id = $1`,
        [anna.id],
      ),
    ).rejects.toThrow(/certificates_person_activity/);
  });

  it("another city's liaison cannot issue (403); the host's can", async () => {
    const { activityId, sessionIds } = await givenHeldActivity();
    const carla = await givenPerson('Carla', 'fr');
    await attended(activityId, sessionIds, carla.id, 2);
    const offenbach = await p().tokenFor('liaison@offenbach.example', { role: 'city-liaison', networkId: world.networkId, memberId: world.offenbach });
    expectProblem(await issue(activityId, carla.id, offenbach), 403, 'access.own-city');
    const res = await issue(activityId, carla.id);
    expect(res.status).toBe(201);
    expect(res.body.language).toBe('fr');
    // Nor can that liaison read the certificate of a Ravenna person.
    expect((await pdf(res.body.id, offenbach)).status).toBe(403);
  });
});
