import { DataSource } from 'typeorm';
import { waitFor } from '@intercity/testing';
import { francesca, givenMember, givenNetwork } from './support/fixtures';
import { memberCopiesDefinition } from './support/member-copies.app';
import { MembershipUnderTest, TestNode } from './support/membership-app';

/**
 * The whole path: HTTP → transaction → outbox → relay → JetStream → a consumer in a second Nest
 * app → its read model.
 */
describe('membership events reach another service', () => {
  const node = new TestNode();
  let m: MembershipUnderTest;
  let copies: DataSource;

  beforeAll(async () => {
    m = await node.startMembership();
    copies = (await node.start(memberCopiesDefinition(node.configFor('copies')))).get(DataSource);
  });
  afterAll(() => node.stop());

  const memberCopy = (id: string) => copies.query(`SELECT * FROM member_copies WHERE id = $1`, [id]).then((rows) => rows[0]);
  const personCopy = (id: string) => copies.query(`SELECT * FROM person_copies WHERE id = $1`, [id]).then((rows) => rows[0]);

  it("copies a member as it joins, changes and leaves, in version order", async () => {
    const { networkId } = await givenNetwork(m);
    const member = await givenMember(m, networkId, 'hub');

    expect(await waitFor(() => memberCopy(member.id), { description: 'the member copy' })).toMatchObject({
      source_version: 1,
      network_id: networkId,
      slug: 'ravenna',
      name: 'Ravenna',
      country: 'IT',
      time_zone: 'Europe/Rome',
      languages: ['it', 'en'],
      home_node_id: 'hub',
      left_on: null,
    });

    expect((await m.http.patch(m.path(`members/${member.id}`)).set('If-Match', '"1"').send({ name: 'Comune di Ravenna' })).status).toBe(200);
    await waitFor(async () => (await memberCopy(member.id)).source_version === 2, { description: 'the updated copy' });
    expect(await memberCopy(member.id)).toMatchObject({ name: 'Comune di Ravenna' });

    expect((await m.http.post(m.path(`members/${member.id}/leave`)).send({ leftOn: '2025-01-31' })).status).toBe(200);
    expect(await waitFor(async () => (await memberCopy(member.id)).left_on, { description: 'the copy to show the member left' })).toBe('2025-01-31');
    expect(await memberCopy(member.id)).toMatchObject({ source_version: 3, name: 'Comune di Ravenna' });

    // Every event went through the relay, and the consumer recorded each once.
    const [{ unsent }] = await m.db.query(`SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL AND aggregate_id = $1`, [member.id]);
    expect(unsent).toBe(0);
    const [{ seen }] = await copies.query(`SELECT count(*)::int AS seen FROM inbox WHERE event_type LIKE 'membership.member.%'`);
    expect(seen).toBe(3);
  });

  it('forgets a person erased upstream', async () => {
    const { networkId } = await givenNetwork(m);
    const member = await givenMember(m, networkId, 'hub');
    const { body: person } = await m.http.post(m.path('people')).send(francesca(member.id));
    expect(await waitFor(() => personCopy(person.id), { description: 'the person copy' })).toMatchObject({
      given_name: 'Francesca',
      email: 'francesca.ricci@ravenna.example.org',
      erased: false,
    });

    expect((await m.http.post(m.path(`people/${person.id}/erasure`))).status).toBe(200);
    await waitFor(async () => (await personCopy(person.id)).erased, { description: 'the copy to forget the person' });
    expect(await personCopy(person.id)).toEqual({
      id: person.id,
      source_version: 2,
      member_id: member.id,
      given_name: null,
      family_name: null,
      email: null,
      erased: true,
    });
    const found = await copies.query(`SELECT id FROM person_copies WHERE NOT erased AND member_id = $1`, [member.id]);
    expect(found).toEqual([]);
  });
});
