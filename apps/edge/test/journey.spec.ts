import { randomSuffix } from '@intercity/testing';
import { expectProblem, RunningEdge, startEdge } from './support/edge';
import { BackendServices, DemoIssuer, DemoUser, OPERATOR_EMAIL } from './support/processes';

const ANNE = 'anne.dupont@eurocities.example.org';
const FRANCESCA = 'francesca.ricci@ravenna.example.org';
const LUCIA = 'lucia.martinez@cartagena.example.org';

const city = (networkId: string, slug: string, name: string, country: string, timeZone: string, languages: string[]) => ({
  networkId,
  slug,
  kind: 'city',
  name,
  legalName: `City of ${name}`,
  country,
  timeZone,
  languages,
  homeNodeId: 'hub',
});

/**
 * As a user would: one base URL, access tokens from the demo OpenID Connect issuer's token
 * endpoint, and what the request changed traced by the request id the edge gave it.
 */
describe('through the edge with demo tokens', () => {
  let issuer: DemoIssuer;
  let services: BackendServices;
  let edge: RunningEdge;

  beforeAll(async () => {
    issuer = await DemoIssuer.start();
    services = await BackendServices.start(issuer.env, ['membership']);
    edge = await startEdge({ ...issuer.env, ...(await services.edgeEnv()) });
  });

  afterAll(async () => {
    await edge?.close();
    await services?.stop();
    await issuer?.stop();
  });

  const as = (token: string) => ({
    get: (path: string) => edge.http().get(`/api/membership/${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) => edge.http().post(`/api/membership/${path}`).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => edge.http().patch(`/api/membership/${path}`).set('Authorization', `Bearer ${token}`).send(body),
  });

  async function created(res: Awaited<ReturnType<ReturnType<typeof as>['post']>>): Promise<string> {
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body.id;
  }

  it("lets a city's liaison update its profile and refuses another city's, each change traced to its request", async () => {
    // The node operator sets up the network; its admin is a demo user of that network.
    const operator = as(await issuer.token(OPERATOR_EMAIL));
    await created(await operator.post('nodes', { id: 'hub', name: 'Hub', baseUrl: edge.url, hub: true }));
    const networkId = await created(await operator.post('networks', { slug: `eccipa-${randomSuffix()}`, name: 'ECCIPA' }));
    const admin: DemoUser = { email: ANNE, name: 'Anne Dupont', description: 'network admin', grants: [{ role: 'network-admin', networkId }] };
    issuer.setUsers([admin]);

    // The network admin adds two cities.
    const anne = as(await issuer.token(ANNE));
    const joined = await anne.post('members', city(networkId, 'ravenna', 'Ravenna', 'IT', 'Europe/Rome', ['it', 'en']));
    const ravennaId = await created(joined);
    const cartagenaId = await created(await anne.post('members', city(networkId, 'cartagena', 'Cartagena', 'ES', 'Europe/Madrid', ['es', 'en'])));

    // Each city gets its liaison.
    issuer.setUsers([
      admin,
      { email: FRANCESCA, name: 'Francesca Ricci', description: 'liaison of Ravenna', grants: [{ role: 'city-liaison', networkId, memberId: ravennaId }] },
      { email: LUCIA, name: 'Lucía Martínez', description: 'liaison of Cartagena', grants: [{ role: 'city-liaison', networkId, memberId: cartagenaId }] },
    ]);
    const francesca = as(await issuer.token(FRANCESCA));
    const lucia = as(await issuer.token(LUCIA));

    const updated = await francesca.patch(`members/${ravennaId}`, { languages: ['it', 'en', 'fr'] });
    expect({ status: updated.status, body: updated.body }).toMatchObject({ status: 200, body: { id: ravennaId, languages: ['it', 'en', 'fr'], version: 2 } });
    expect(updated.headers.etag).toBe('"2"');

    const refused = await lucia.patch(`members/${ravennaId}`, { name: 'Ravenna (by Cartagena)' });
    expectProblem(refused, 403, 'access.own-city');
    expect(refused.body.detail).toBe(`a city liaison may only change the data of their own city (${cartagenaId})`);
    expect((await lucia.get(`members/${ravennaId}`)).body).toMatchObject({ name: 'Ravenna', version: 2 });

    // Each change carries the id the edge gave its request: in the event and in the audit trail.
    const joinedId = joined.headers['x-request-id'];
    const updatedId = updated.headers['x-request-id'];
    expect(joinedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(updatedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(updatedId).not.toBe(joinedId);

    const outbox = await services.query<{ envelope: { type: string; correlationId: string; actor: { id: string } } }>(
      'membership',
      'SELECT envelope FROM outbox WHERE aggregate_id = $1 ORDER BY seq',
      [ravennaId],
    );
    expect(outbox.map((r) => r.envelope)).toEqual([
      expect.objectContaining({ type: 'membership.member.joined', correlationId: joinedId, actor: expect.objectContaining({ id: ANNE }) }),
      expect.objectContaining({ type: 'membership.member.updated', correlationId: updatedId, actor: expect.objectContaining({ id: FRANCESCA }) }),
    ]);

    const audit = await anne.get(`audit?entity=member:${ravennaId}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'membership.member.updated',
        entityId: ravennaId,
        entityVersion: 2,
        correlationId: updatedId,
        actor: { kind: 'person', id: FRANCESCA, roles: ['city-liaison'] },
      }),
      expect.objectContaining({
        action: 'membership.member.joined',
        entityVersion: 1,
        correlationId: joinedId,
        actor: { kind: 'person', id: ANNE, roles: ['network-admin'] },
      }),
    ]);

    // The trail is for admins: a liaison may not read it.
    expectProblem(await francesca.get(`audit?entity=member:${ravennaId}`), 403, 'access.role');
  });
});
