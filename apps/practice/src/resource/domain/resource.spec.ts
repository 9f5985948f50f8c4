import { community } from '../../shared/domain/fixtures';
import { eventViolations, typesOf, uid } from '../../shared/domain/spec-support';
import { outdatedTranslations, publishResource, readIn, Resource, reviseOriginal, translate } from './resource';

const t0 = new Date('2024-05-01T09:00:00Z');
const t1 = new Date('2024-06-01T09:00:00Z');
const t2 = new Date('2024-07-01T09:00:00Z');

const guide = {
  title: 'Aprire uno sportello unico',
  summary: 'Passi, personale e partner per uno sportello unico per i nuovi arrivati',
  link: 'https://example.org/guides/sportello-unico',
};
const english = { title: 'Opening a one-stop-shop', summary: 'Steps, staff and partners for a one-stop-shop for newcomers', fileRef: 'files/oss-en.pdf' };
const german = { title: 'Eine Anlaufstelle eröffnen', summary: 'Schritte, Personal und Partner', fileRef: 'files/oss-de.pdf' };

const published = (): Resource => publishResource(uid(900), community, { kind: 'how-to-guide', language: 'it', content: guide }, t0).state;

describe('resources', () => {
  it('are published in their original language, which is also the fallback', () => {
    const { state, events } = publishResource(uid(900), community, { kind: 'how-to-guide', language: 'IT', content: guide }, t0);

    expect(state).toMatchObject({ originalLanguage: 'it', fallbackLanguage: 'it', edition: 1, version: 1, communityId: community.id });
    expect(state.versions).toEqual([{ language: 'it', ...guide, fileRef: null, basedOnEdition: 1, updatedAt: t0 }]);
    expect(typesOf(events)).toEqual(['practice.resource.published']);
    expect(eventViolations(events)).toEqual([]);
  });

  it('need a title, a summary and a link or a file', () => {
    const publish = (content: typeof guide | Record<string, unknown>) => () =>
      publishResource(uid(900), community, { kind: 'leaflet', language: 'it', content: content as typeof guide }, t0);
    expect(publish({ ...guide, link: null })).toThrow(expect.objectContaining({ rule: 'resource.link-or-file' }));
    expect(publish({ ...guide, link: 'javascript:alert(1)' })).toThrow(expect.objectContaining({ rule: 'resource.link' }));
    expect(publish({ ...guide, title: ' ' })).toThrow(expect.objectContaining({ rule: 'resource.title' }));
    expect(() => publishResource(uid(900), community, { kind: 'video', language: 'xx', content: guide }, t0)).toThrow(expect.objectContaining({ rule: 'resource.language' }));
  });

  it('are translated against the current edition, one of which may become the fallback', () => {
    const { state, events } = translate(published(), 'en', english, t1, { asFallback: true });

    expect(state).toMatchObject({ fallbackLanguage: 'en', version: 2, edition: 1 });
    expect(state.versions.map((v) => [v.language, v.basedOnEdition])).toEqual([['it', 1], ['en', 1]]);
    expect(typesOf(events)).toEqual(['practice.resource.translated']);
    expect(eventViolations(events)).toEqual([]);
    expect(translate(state, 'en', english, t1)).toEqual({ state, events: [] });
    expect(() => translate(state, 'it', guide, t1)).toThrow(expect.objectContaining({ rule: 'resource.translation.original' }));
  });

  it('know which translations fall behind when the original changes, and say so once', () => {
    let r = translate(translate(published(), 'en', english, t1).state, 'de', german, t1).state;
    const revised = reviseOriginal(r, { ...guide, summary: 'Seconda edizione: passi, personale, partner e costi' }, t2);

    expect(revised.state).toMatchObject({ edition: 2, version: 4 });
    expect(outdatedTranslations(revised.state)).toEqual(['en', 'de']);
    expect(typesOf(revised.events)).toEqual(['practice.resource.published', 'practice.resource.translation-outdated']);
    expect(revised.events[1].data).toMatchObject({ outdatedLanguages: ['en', 'de'], edition: 2 });
    // Both events carry the same state, at the same aggregate version.
    const { outdatedLanguages: _listed, ...stateInOutdated } = revised.events[1].data as { outdatedLanguages: string[] };
    expect(stateInOutdated).toEqual(revised.events[0].data);
    expect(revised.events.map((e) => e.aggregateVersion)).toEqual([4, 4]);
    expect(eventViolations(revised.events)).toEqual([]);

    r = translate(revised.state, 'de', { ...german, summary: 'Zweite Auflage' }, t2).state;
    expect(outdatedTranslations(r)).toEqual(['en']);
    // A third edition lists only German as newly behind: English was reported already.
    const third = reviseOriginal(r, { ...guide, summary: 'Terza edizione' }, t2);
    expect(third.events[1].data).toMatchObject({ outdatedLanguages: ['de'] });
    expect(outdatedTranslations(third.state)).toEqual(['en', 'de']);
    expect(reviseOriginal(third.state, { ...guide, summary: 'Terza edizione' }, t2).events).toEqual([]);
  });

  it('let a translator confirm an outdated translation still fits', () => {
    const r = reviseOriginal(translate(published(), 'en', english, t1).state, { ...guide, title: 'Aprire uno sportello' }, t2).state;
    const confirmed = translate(r, 'en', english, t2);
    expect(outdatedTranslations(confirmed.state)).toEqual([]);
    expect(confirmed.events).toHaveLength(1);
  });

  it('are read in the reader’s language, else the fallback, flagged when outdated', () => {
    const r = reviseOriginal(translate(translate(published(), 'en', english, t1, { asFallback: true }).state, 'de', german, t1).state, { ...guide, title: 'Nuovo' }, t2).state;

    expect(readIn(r, ['de-AT'])).toMatchObject({ language: 'de', isFallback: false, outdated: true });
    expect(readIn(r, ['it'])).toMatchObject({ language: 'it', title: 'Nuovo', isFallback: false, outdated: false });
    expect(readIn(r, ['nl'])).toMatchObject({ language: 'en', isFallback: true });
    expect(readIn(r, ['nl', 'de'])).toMatchObject({ language: 'de', isFallback: false });
  });
});
