import { randomUUID } from 'node:crypto';
import { randomSuffix } from '@intercity/testing';
import { created, givenNetwork, ravenna } from './support/fixtures';
import { MembershipUnderTest, TestNode } from './support/membership-app';
import { expectProblem } from './support/problems';

interface AuditItem {
  occurredAt: string;
  action: string;
  entityType: string;
  entityId: string;
  entityVersion: number;
  networkId: string | null;
  actor: { kind: string; id: string; roles: string[] };
  correlationId: string;
  eventId: string;
}

const OPERATOR = 'operator@intercity.example';
const ADMIN = 'anne.dupont@eurocities.example.org';
const LIAISON = 'francesca.ricci@ravenna.example.org';
const OTHER_ADMIN = 'jan.novak@eccipa.example.org';

describe('the audit trail over HTTP', () => {
  const node = new TestNode();
  let m: MembershipUnderTest;
  let networkId: string;
  let otherNetworkId: string;
  let projectId: string;
  let memberId: string;
  let admin: string;
  let liaison: string;
  let otherAdmin: string;
  /** The request ids of the member's changes, oldest first. */
  const requests = { joined: randomUUID(), renamed: randomUUID(), relanguaged: `liaison-edit.${randomSuffix()}` };

  const audit = (token: string, query: Record<string, string>) => m.as(token).get(m.path('audit')).query(query);
  const items = (res: { status: number; body: { items: AuditItem[] } }): AuditItem[] => {
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    m = await node.startMembership();
    ({ networkId, projectId } = await givenNetwork(m));
    otherNetworkId = (await created(await m.http.post(m.path('networks')).send({ slug: `eccipa-${randomSuffix()}`, name: 'ECCIPA' }), 'network')).id;

    // Three people change one member, each in a request of their own.
    const joined = await m.http.post(m.path('members')).set('X-Request-Id', requests.joined).send(ravenna(networkId, 'hub'));
    memberId = (await created(joined, 'member')).id;
    admin = await m.tokenFor(ADMIN, { role: 'network-admin', networkId });
    liaison = await m.tokenFor(LIAISON, { role: 'city-liaison', networkId, memberId }, { role: 'viewer', networkId: otherNetworkId });
    otherAdmin = await m.tokenFor(OTHER_ADMIN, { role: 'network-admin', networkId: otherNetworkId });
    const renamed = await m.as(admin).patch(m.path(`members/${memberId}`)).set('X-Request-Id', requests.renamed).send({ name: 'Comune di Ravenna' });
    expect(renamed.status).toBe(200);
    const relanguaged = await m.as(liaison).patch(m.path(`members/${memberId}`)).set('X-Request-Id', requests.relanguaged).send({ languages: ['it', 'en', 'fr'] });
    expect(relanguaged.status).toBe(200);
  });
  afterAll(() => node.stop());

  it("lists an entity's changes newest first: who made each, with which roles, and the request it came with", async () => {
    const listed = items(await audit(admin, { entity: `member:${memberId}` }));
    const events = await m.events(memberId);
    expect(listed).toEqual([
      {
        occurredAt: expect.any(String),
        action: 'membership.member.updated',
        entityType: 'member',
        entityId: memberId,
        entityVersion: 3,
        networkId,
        actor: { kind: 'person', id: LIAISON, roles: ['city-liaison', 'viewer'] },
        correlationId: requests.relanguaged,
        eventId: events[2].envelope.id,
      },
      {
        occurredAt: expect.any(String),
        action: 'membership.member.updated',
        entityType: 'member',
        entityId: memberId,
        entityVersion: 2,
        networkId,
        actor: { kind: 'person', id: ADMIN, roles: ['network-admin'] },
        correlationId: requests.renamed,
        eventId: events[1].envelope.id,
      },
      {
        occurredAt: expect.any(String),
        action: 'membership.member.joined',
        entityType: 'member',
        entityId: memberId,
        entityVersion: 1,
        networkId,
        actor: { kind: 'person', id: OPERATOR, roles: ['network-admin'] },
        correlationId: requests.joined,
        eventId: events[0].envelope.id,
      },
    ]);
    const times = listed.map((i) => Date.parse(i.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('finds everything one request changed by its request id, whatever form the id takes', async () => {
    const participation = await created(
      await m.http.post(m.path('participations')).send({ projectId, memberId, role: 'core-city', from: '2020-01-01' }),
      'participation',
    );
    const leaving = randomUUID();
    const left = await m.as(admin).post(m.path(`members/${memberId}/leave`)).set('X-Request-Id', leaving).send({ leftOn: '2022-06-30' });
    expect(left.status).toBe(200);

    const listed = items(await audit(admin, { correlationId: leaving }));
    expect(listed).toEqual([
      expect.objectContaining({ action: 'membership.participation.ended', entityType: 'participation', entityId: participation.id, correlationId: leaving }),
      expect.objectContaining({ action: 'membership.member.left', entityType: 'member', entityId: memberId, entityVersion: 4, correlationId: leaving }),
    ]);
    for (const i of listed) expect(i.actor).toEqual({ kind: 'person', id: ADMIN, roles: ['network-admin'] });

    // The request ids a client or the edge may send are not only UUIDs; the service keeps them as they came.
    expect(items(await audit(admin, { correlationId: requests.relanguaged }))).toEqual([
      expect.objectContaining({ entityId: memberId, entityVersion: 3, correlationId: requests.relanguaged }),
    ]);
  });

  it("is the network admins' to read: a city liaison is refused, naming the rule", async () => {
    const before = await m.snapshot();
    expectProblem(await audit(liaison, { entity: `member:${memberId}` }), 403, { rule: 'access.role' });
    expectProblem(await m.as().get(m.path('audit')).query({ entity: `member:${memberId}` }), 401, { rule: 'auth.bearer' });
    expect(await m.snapshot()).toEqual(before);
  });

  it("shows an admin their own networks' entries only, and the operator every network's and the node's", async () => {
    expect(items(await audit(otherAdmin, { entity: `member:${memberId}` }))).toEqual([]);

    const networksSeenBy = async (token: string) => items(await audit(token, { entity: 'network' })).map((i) => i.entityId);
    expect(await networksSeenBy(admin)).toEqual([networkId]);
    expect(await networksSeenBy(otherAdmin)).toEqual([otherNetworkId]);
    expect(await networksSeenBy(m.operatorToken)).toEqual([otherNetworkId, networkId]);

    const operatorView = items(await audit(m.operatorToken, { entity: `member:${memberId}` }));
    expect(operatorView.map((i) => i.entityVersion)).toEqual([4, 3, 2, 1]);
    // Nodes belong to no network: only the operator sees who registered them.
    expect(items(await audit(m.operatorToken, { entity: 'node:hub' }))).toEqual([
      expect.objectContaining({ action: 'membership.node.registered', networkId: null, actor: expect.objectContaining({ id: OPERATOR }) }),
    ]);
    expect(items(await audit(admin, { entity: 'node:hub' }))).toEqual([]);
  });

  it('pages through the entries', async () => {
    const page = (offset: number) => audit(admin, { entity: `member:${memberId}`, limit: '2', offset: String(offset) });
    const first = await page(0);
    expect(first.body).toMatchObject({ limit: 2, offset: 0, items: [{ entityVersion: 4 }, { entityVersion: 3 }] });
    expect((await page(2)).body).toMatchObject({ limit: 2, offset: 2, items: [{ entityVersion: 2 }, { entityVersion: 1 }] });
  });

  it('refuses a query it cannot read with a 400 naming each field', async () => {
    expectProblem(await audit(admin, { entity: '!!' }), 400, { violations: [{ field: 'entity', rule: 'matches' }] });
    expectProblem(await audit(admin, { entity: 'member:1;drop', correlationId: 'not a request id', limit: '500' }), 400, {
      violations: [
        { field: 'entity', rule: 'matches' },
        { field: 'correlationId', rule: 'matches' },
        { field: 'limit', rule: 'max' },
      ],
    });
  });
});
