import { randomSuffix } from '@intercity/testing';
import type { MembershipUnderTest } from './membership-app';

/** Request bodies that pass validation; specs override what they test. */
export const ravenna = (networkId: string, homeNodeId: string) => ({
  networkId,
  slug: 'ravenna',
  kind: 'city',
  name: 'Ravenna',
  legalName: 'Comune di Ravenna',
  country: 'IT',
  region: 'IT-45',
  timeZone: 'Europe/Rome',
  languages: ['it', 'en'],
  homeNodeId,
});

export const francesca = (memberId: string) => ({
  memberId,
  givenName: 'Francesca',
  familyName: 'Ricci',
  email: 'francesca.ricci@ravenna.example.org',
  functions: ['city-liaison'],
  preferredLanguage: 'it',
});

export async function created(res: { status: number; body: { id: string } }, what: string): Promise<{ id: string }> {
  if (res.status !== 201) throw new Error(`creating ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A node, a network and a 2020-2022 project: what most specs start from. */
export async function givenNetwork(m: MembershipUnderTest, opts: { nodeId?: string; slug?: string } = {}) {
  const nodeId = opts.nodeId ?? 'hub';
  const existing = await m.http.get(m.path(`nodes/${nodeId}`));
  if (existing.status === 404) {
    await created(await m.http.post(m.path('nodes')).send({ id: nodeId, name: `Node ${nodeId}`, baseUrl: 'http://localhost:8080', hub: false }), 'node');
  }
  const network = await created(
    await m.http.post(m.path('networks')).send({ slug: opts.slug ?? `net-${randomSuffix()}`, name: 'Eurocities' }),
    'network',
  );
  const project = await created(
    await m.http
      .post(m.path('projects'))
      .send({ networkId: network.id, code: 'CONNECTION', name: 'CONNECTION', programme: 'EU AMIF', startsOn: '2020-01-01', endsOn: '2022-12-31', status: 'running' }),
    'project',
  );
  return { nodeId, networkId: network.id, projectId: project.id };
}

export async function givenMember(m: MembershipUnderTest, networkId: string, nodeId: string, fields: Record<string, unknown> = {}) {
  return created(await m.http.post(m.path('members')).send({ ...ravenna(networkId, nodeId), ...fields }), 'member');
}
