/** What the benchmarks' worlds start from: a hub node, a network, a project and two cities taking part. */
export interface TwoCities {
  networkId: string;
  projectId: string;
  ravenna: string;
  offenbach: string;
}

/** Creates it through membership's API with `post(path, body)`, which answers the created record. */
export async function seedTwoCities(post: (path: string, body: unknown) => Promise<{ id: string }>): Promise<TwoCities> {
  await post('nodes', { id: 'hub', name: 'Bench hub', baseUrl: 'http://127.0.0.1:1', hub: true });
  const { id: networkId } = await post('networks', { slug: 'bench', name: 'Bench network' });
  const { id: projectId } = await post('projects', { networkId, code: 'CONNECTION', name: 'CONNECTION', startsOn: '2020-01-01', endsOn: '2030-12-31', status: 'running' });
  const city = (slug: string, name: string, country: string, timeZone: string) =>
    post('members', { networkId, slug, kind: 'city', name, legalName: name, country, timeZone, languages: ['en'], homeNodeId: 'hub' }).then((r) => r.id);
  const ravenna = await city('ravenna', 'Ravenna', 'IT', 'Europe/Rome');
  const offenbach = await city('offenbach', 'Offenbach am Main', 'DE', 'Europe/Berlin');
  await post('participations', { projectId, memberId: ravenna, role: 'core-city', from: '2020-01-01' });
  await post('participations', { projectId, memberId: offenbach, role: 'fellow-city', from: '2020-01-01' });
  return { networkId, projectId, ravenna, offenbach };
}

const HOUR = 3_600_000;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

/** A workshop hosted by Ravenna three weeks ahead, registration open from an hour ago. */
export function workshopBody(communityId: string, hostMemberId: string, capacity: number) {
  return {
    communityId,
    hostMemberId,
    kind: 'workshop',
    title: 'One-stop-shop peer-learning workshop',
    place: 'Piazza del Popolo 1, Ravenna',
    sessions: [{ startsAt: at(21 * 24 * HOUR), endsAt: at(21 * 24 * HOUR + 4 * HOUR) }],
    capacity,
    registrationWindow: { opensAt: at(-HOUR), closesAt: at(14 * 24 * HOUR) },
    languages: ['en'],
  };
}
