import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { givenCommunity, PracticeNode, World } from './support/practice-node';

const italian = { title: 'Aprire uno sportello unico', summary: 'Passi, personale e partner', link: 'https://example.org/guides/sportello-unico' };
const english = { title: 'Opening a one-stop-shop', summary: 'Steps, staff and partners', fileRef: 'files/oss-en.pdf' };
const german = { title: 'Eine Anlaufstelle eröffnen', summary: 'Schritte, Personal und Partner', fileRef: 'files/oss-de.pdf' };

function expectProblem(res: Response, status: number, rule: string): void {
  expect({ status: res.status, rule: res.body.rule ?? res.body.violations?.map((v: { rule: string }) => v.rule).join(',') }).toEqual({ status, rule });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe('resources (issue 5): published per language, read with a fallback, translations kept in step with the original', () => {
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
  const publish = (body: Record<string, unknown>, token?: string) => (token ? p().as(token) : p().http).post(p().path('resources')).send(body);
  const translation = (id: string, lang: string, body: Record<string, unknown>) => p().http.put(p().path(`resources/${id}/translations/${lang}`)).send(body);

  /** The practice tables, resources and the outbox, exactly as they were. */
  async function stored(): Promise<unknown> {
    const [{ digest }] = await p().db.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM resources t`);
    return { ...(await p().contents()), resources: digest };
  }

  async function eventsOf(resourceId: string): Promise<string[]> {
    const rows: { event_type: string }[] = await p().db.query(`SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY seq`, [resourceId]);
    return rows.map((r) => r.event_type);
  }

  async function givenGuide(): Promise<string> {
    const res = await publish({ communityId, kind: 'how-to-guide', language: 'it', ...italian });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('are published in two languages, and read in a third fall back', async () => {
    const id = await givenGuide();
    const translated = await translation(id, 'en', { ...english, asFallback: true });
    expect(translated.status).toBe(200);
    expect(translated.body).toMatchObject({ originalLanguage: 'it', fallbackLanguage: 'en', edition: 1, version: 2, outdatedLanguages: [] });
    expect(translated.body.versions.map((v: { language: string }) => v.language)).toEqual(['it', 'en']);

    const read = await p().http.get(p().path(`resources/${id}?lang=nl`)).expect(200);
    expect(read.body.reading).toMatchObject({ language: 'en', title: english.title, isFallback: true, outdated: false });
    const inItalian = await p().http.get(p().path(`resources/${id}?lang=it-CH,en`)).expect(200);
    expect(inItalian.body.reading).toMatchObject({ language: 'it', title: italian.title, isFallback: false });

    const listed = await p().http.get(p().path(`resources?communityId=${communityId}&kind=how-to-guide&language=en`)).expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const inGerman = await p().http.get(p().path(`resources?communityId=${communityId}&language=de`)).expect(200);
    expect(inGerman.body.items.map((r: { id: string }) => r.id)).not.toContain(id);

    expect(await eventsOf(id)).toEqual(['practice.resource.published', 'practice.resource.translated']);
  });

  it('revising the original marks translations outdated; a new translation brings them up to date', async () => {
    const id = await givenGuide();
    await translation(id, 'en', english).expect(200);
    await translation(id, 'de', german).expect(200);

    const revised = await p().http.post(p().path(`resources/${id}/revise`)).send({ ...italian, summary: 'Seconda edizione: passi, personale, partner e costi' });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ edition: 2, outdatedLanguages: ['en', 'de'] });
    const outdated = await p().http.get(p().path(`resources/${id}/outdated-translations`)).expect(200);
    expect(outdated.body).toMatchObject({ resourceId: id, edition: 2 });
    expect(outdated.body.translations.map((t: { language: string; basedOnEdition: number }) => [t.language, t.basedOnEdition])).toEqual([
      ['en', 1],
      ['de', 1],
    ]);
    const readOutdated = await p().http.get(p().path(`resources/${id}?lang=de`)).expect(200);
    expect(readOutdated.body.reading).toMatchObject({ language: 'de', outdated: true });

    await translation(id, 'de', { ...german, summary: 'Zweite Auflage' }).expect(200);
    const after = await p().http.get(p().path(`resources/${id}/outdated-translations`)).expect(200);
    expect(after.body.translations.map((t: { language: string }) => t.language)).toEqual(['en']);

    expect(await eventsOf(id)).toEqual([
      'practice.resource.published',
      'practice.resource.translated',
      'practice.resource.translated',
      'practice.resource.published',
      'practice.resource.translation-outdated',
      'practice.resource.translated',
    ]);
  });

  describe('bad input: a 4xx problem naming the rule, and nothing stored changes', () => {
    async function refused(request: () => PromiseLike<Response>, status: number, rule: string): Promise<void> {
      const before = await stored();
      expectProblem(await request(), status, rule);
      expect(await stored()).toEqual(before);
    }

    it('an unknown kind', () => refused(() => publish({ communityId, kind: 'podcast', language: 'it', ...italian }), 400, 'isIn'));

    it('neither a link nor a file', () =>
      refused(() => publish({ communityId, kind: 'leaflet', language: 'it', title: 'Volantino', summary: 'Per i nuovi arrivati' }), 400, 'resource.link-or-file'));

    it('an unknown language tag', () => refused(() => publish({ communityId, kind: 'video', language: 'not a language', ...italian }), 400, 'resource.language'));

    it('a translation with an unknown language tag', async () => {
      const id = await givenGuide();
      await refused(() => translation(id, 'xx_yy!', english), 400, 'resource.language');
    });

    it('a community that does not exist', () => refused(() => publish({ communityId: randomUUID(), kind: 'toolkit', language: 'it', ...italian }), 422, 'resource.community.exists'));
  });

  it('a viewer cannot publish (403)', async () => {
    const viewer = await p().tokenFor('viewer@eurocities.example', { role: 'viewer', networkId: world.networkId });
    const before = await stored();
    expectProblem(await publish({ communityId, kind: 'handbook', language: 'it', ...italian }, viewer), 403, 'access.role');
    expect(await stored()).toEqual(before);
  });

  it("another network's admin gets 404 for a resource by id", async () => {
    const id = await givenGuide();
    const stranger = await p().tokenFor('admin@elsewhere.example', { role: 'network-admin', networkId: randomUUID() });
    expectProblem(await p().as(stranger).get(p().path(`resources/${id}`)), 404, 'resource.exists');
    const listed = await p().as(stranger).get(p().path('resources')).expect(200);
    expect(listed.body.items).toEqual([]);
    // Their own network's viewer reads it.
    const viewer = await p().tokenFor('reader@eurocities.example', { role: 'viewer', networkId: world.networkId });
    await p().as(viewer).get(p().path(`resources/${id}`)).expect(200);
  });
});
