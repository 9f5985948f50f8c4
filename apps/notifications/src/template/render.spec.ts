import { NOTIFICATION_KINDS, type NotificationKind, TEMPLATE_LANGUAGES } from '../notification/domain/vocabulary';
import { renderDigest, renderEmail, renderInApp, type RenderInput, resolveLanguage, TemplateError, type TemplateValue } from './render';

/** Facts as the rules (rules/domain/rules.ts) give them, one sample per kind. */
const SAMPLE_FACTS: Record<NotificationKind, Record<string, TemplateValue>> = {
  'exchange-changed': {
    change: 'visit.rescheduled',
    otherCityName: 'Kreis Offenbach',
    cancelReason: null,
    visitNumber: 1,
    visitStartsOn: '2025-03-10',
    visitEndsOn: '2025-03-14',
  },
  'visit-next-week': {
    hostCityName: 'Bologna',
    startsOn: '2025-04-07',
    endsOn: '2025-04-11',
    firstDay: '2025-04-07',
    firstTime: '09:30',
    firstPlace: 'Palazzo d’Accursio',
  },
  'activity-changed': {
    change: 'rescheduled',
    title: 'Welcoming newcomers at the one-stop shop',
    startsAt: '2025-05-20T08:00:00Z',
    place: 'Rotterdam City Hall',
    cancellationReason: null,
  },
  'seat-offered': { change: 'offered', activityTitle: 'Peer learning: housing first', offerExpiresAt: '2025-07-01T16:30:00Z' },
  'registration-changed': { change: 'confirmed', activityTitle: 'Peer learning: housing first', status: 'confirmed' },
  'report-submitted': {
    cityName: 'Lyon',
    reportKind: 'interim',
    periodFrom: '2025-01-01',
    periodTo: '2025-06-30',
    resubmitted: false,
    total: '€12,400.00',
  },
  'report-due-soon': { cityName: 'Gent', dueOn: '2025-01-31', deadlineKey: 'interim-1' },
  'report-overdue': { cityName: 'Gent', dueOn: '2025-01-31', deadlineKey: 'interim-1' },
  'milestone-slipping': { cityName: 'Sevilla', milestoneKey: 'stakeholder-workshop', dueOn: '2025-09-15', forecastOn: '2025-10-20' },
  'certificate-issued': { activityTitle: 'Peer learning: housing first', attendedHours: '7.5', issuedOn: '2025-06-02' },
};

function input(kind: NotificationKind, language: string, overrides: Partial<RenderInput> = {}): RenderInput {
  return {
    kind,
    language,
    facts: SAMPLE_FACTS[kind],
    recipientName: 'Ana Ruiz',
    timeZone: 'Europe/Brussels',
    link: 'https://intercity.example/n/123?a=1&b=2',
    ...overrides,
  };
}

const TAG = /<\/?[a-z][^>]*>/i;

describe('templates', () => {
  const table = TEMPLATE_LANGUAGES.flatMap((language) => NOTIFICATION_KINDS.map((kind) => [kind, language] as const));

  it.each(table)('%s renders in %s, as e-mail and in-app', async (kind, language) => {
    const mail = await renderEmail(input(kind, language));
    expect(mail.subject).toMatch(/\S/);
    expect(mail.subject).not.toMatch(/\n|{{|undefined|null/);
    expect(mail.text).toContain('Ana Ruiz');
    expect(mail.text).not.toMatch(TAG);
    expect(mail.text).not.toMatch(/{{|undefined|\[object/);
    expect(mail.text).toContain('https://intercity.example/n/123?a=1&b=2');
    expect(mail.html).toContain(`lang="${language === 'en' ? 'en-GB' : language}"`);
    // Handlebars escapes = and & in the attribute: the same URL once decoded.
    expect(mail.html).toContain('href="https://intercity.example/n/123?a&#x3D;1&amp;b&#x3D;2"');
    expect(mail.html).not.toMatch(/{{|undefined/);

    const inApp = renderInApp(input(kind, language));
    expect(inApp.title).toMatch(/\S/);
    expect(inApp.body).toMatch(/\S/);
    expect(`${inApp.title} ${inApp.body}`).not.toMatch(/{{|undefined|null/);
  });

  it('words every code the rules send, in every language', () => {
    const codes: [NotificationKind, string, string[]][] = [
      [
        'exchange-changed',
        'change',
        ['proposed', 'accepted', 'agreed', 'scheduled', 'reported', 'closed', 'cancelled'].map((c) => `pairing.${c}`).concat(
          ['scheduled', 'rescheduled', 'visitors-changed', 'programme-updated', 'done', 'report-submitted'].map((c) => `visit.${c}`),
        ),
      ],
      ['activity-changed', 'change', ['rescheduled', 'updated', 'cancelled']],
      ['registration-changed', 'change', ['confirmed', 'waitlisted', 'offer-expired', 'cancelled']],
      ['report-submitted', 'reportKind', ['interim', 'final']],
    ];
    for (const language of TEMPLATE_LANGUAGES) {
      for (const [kind, fact, values] of codes) {
        for (const value of values) {
          expect(() => renderInApp(input(kind, language, { facts: { ...SAMPLE_FACTS[kind], [fact]: value } }))).not.toThrow();
        }
      }
    }
  });

  it('falls back to English for a language without templates, and reads regional tags', async () => {
    expect(resolveLanguage('pt')).toBe('en');
    expect(resolveLanguage('de-AT')).toBe('de');
    expect(resolveLanguage('nl-BE')).toBe('nl');
    expect(resolveLanguage('not a tag')).toBe('en');
    const pt = await renderEmail(input('certificate-issued', 'pt'));
    const en = await renderEmail(input('certificate-issued', 'en'));
    expect(pt.subject).toBe(en.subject);
    expect(pt.text).toBe(en.text);
    expect(renderInApp(input('certificate-issued', 'pt-BR')).title).toBe('Certificate issued');
  });

  it('prints the seat offer’s expiry in the recipient’s zone and language', async () => {
    // 16:30 UTC is 17:30 in Lisbon in summer (WEST, UTC+1).
    const lisbon = { timeZone: 'Europe/Lisbon' };
    const pt = await renderEmail(input('seat-offered', 'pt', lisbon));
    expect(pt.text).toContain('1 July 2025 at 17:30');
    expect(renderInApp(input('seat-offered', 'pt', lisbon)).body).toContain('1 July 2025 at 17:30');
    const de = await renderEmail(input('seat-offered', 'de', lisbon));
    expect(de.text).toContain('1. Juli 2025 um 17:30');
    expect(de.subject).toBe('Ein Platz ist für Sie frei: Peer learning: housing first');
    // The same instant for someone in Brussels.
    expect(renderInApp(input('seat-offered', 'de')).body).toContain('1. Juli 2025 um 18:30');
  });

  it('formats local dates and ranges in the recipient’s language', () => {
    expect(renderInApp(input('exchange-changed', 'fr')).body).toContain('10–14 mars 2025');
    expect(renderInApp(input('report-due-soon', 'it')).title).toBe('Rendiconto in scadenza il 31 gennaio 2025');
    expect(renderInApp(input('report-due-soon', 'de-AT')).title).toBe('Bericht fällig am 31. Jänner 2025');
    // a range without an end is one day
    const oneDay = { ...SAMPLE_FACTS['visit-next-week'], endsOn: null };
    expect(renderInApp(input('visit-next-week', 'en', { facts: oneDay })).body).toMatch(/^7 April 2025\./);
  });

  it('leaves out what optional facts do not give', async () => {
    const facts = { ...SAMPLE_FACTS['exchange-changed'], change: 'pairing.cancelled', visitStartsOn: null, visitEndsOn: null, cancelReason: 'No budget left' };
    const mail = await renderEmail(input('exchange-changed', 'en', { facts }));
    expect(mail.subject).toBe('Staff exchange with Kreis Offenbach: cancelled');
    expect(mail.text).toContain('Reason given: No budget left');
    expect(mail.text).not.toContain('Visit dates');
  });

  it('throws a TemplateError naming a missing fact, printed or passed to a helper', async () => {
    const withoutPeriod: Record<string, TemplateValue> = { ...SAMPLE_FACTS['report-submitted'] };
    delete withoutPeriod.reportKind;
    const error = await renderEmail(input('report-submitted', 'de', { facts: withoutPeriod })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ kind: 'report-submitted', language: 'de', fact: 'reportKind' });
    expect((error as Error).message).toContain('"reportKind"');

    expect(() => renderInApp(input('seat-offered', 'en', { facts: { activityTitle: 'X', offerExpiresAt: null } }))).toThrow(
      expect.objectContaining({ name: 'TemplateError', fact: 'offerExpiresAt' }),
    );
    // required only when its condition holds: the end of a visit's dates
    const noEnd = { ...SAMPLE_FACTS['exchange-changed'] };
    delete noEnd.visitEndsOn;
    expect(() => renderInApp(input('exchange-changed', 'en', { facts: noEnd }))).not.toThrow();
    const noFirstDay = { ...SAMPLE_FACTS['visit-next-week'] };
    delete noFirstDay.firstDay;
    await expect(renderEmail(input('visit-next-week', 'nl', { facts: noFirstDay }))).rejects.toMatchObject({ fact: 'firstDay' });
  });

  describe('names the copies do not have', () => {
    /** Names come from copies of other services' data; places are optional anyway. */
    const NAMES = ['otherCityName', 'hostCityName', 'cityName', 'activityTitle', 'firstPlace', 'place'];
    const unnamed = (kind: NotificationKind, as: null | undefined | ''): Record<string, TemplateValue> => {
      const facts: Record<string, TemplateValue> = { ...SAMPLE_FACTS[kind] };
      for (const name of NAMES) {
        if (!(name in facts)) continue;
        if (as === undefined) delete facts[name];
        else facts[name] = as;
      }
      return facts;
    };
    /** The generic wording each language uses for them, as the sentence needs it. */
    const GENERIC: Record<string, { partnerCity: string; hostCity: string; activity: string; yourCity: string; someCity: string }> = {
      en: { partnerCity: 'with a partner city', hostCity: 'to the host city', activity: 'for an activity', yourCity: 'of your city', someCity: 'A partner city submitted' },
      de: { partnerCity: 'mit einer Partnerstadt', hostCity: 'in der Gastgeberstadt', activity: 'zu einer Veranstaltung', yourCity: 'Ausgabenbericht Ihrer Stadt', someCity: 'Eine Partnerstadt hat' },
      it: { partnerCity: 'con una città partner', hostCity: 'alla città ospitante', activity: 'a un’attività', yourCity: 'spese della Sua città', someCity: 'Una città partner ha' },
      es: { partnerCity: 'con una ciudad socia', hostCity: 'a la ciudad anfitriona', activity: 'en una actividad', yourCity: 'gastos de su ciudad', someCity: 'Una ciudad socia ha' },
      fr: { partnerCity: 'avec une ville partenaire', hostCity: 'dans la ville hôte', activity: 'à une activité', yourCity: 'dépenses de votre ville', someCity: 'Une ville partenaire a' },
      nl: { partnerCity: 'met een partnerstad', hostCity: 'aan de gaststad', activity: 'voor een activiteit', yourCity: 'uitgavenrapport van uw stad', someCity: 'Een partnerstad heeft' },
    };
    const table = TEMPLATE_LANGUAGES.flatMap((language) => NOTIFICATION_KINDS.map((kind) => [kind, language] as const));

    it.each(table)('%s in %s renders without them, as e-mail and in-app', async (kind, language) => {
      for (const as of [null, undefined, ''] as const) {
        const mail = await renderEmail(input(kind, language, { facts: unnamed(kind, as) }));
        const inApp = renderInApp(input(kind, language, { facts: unnamed(kind, as) }));
        for (const text of [mail.subject, mail.text, mail.html, inApp.title, inApp.body]) {
          expect(text).not.toMatch(/undefined|null|{{|\[object|“”|«»|‘’|„“|« »/);
        }
        // Sentences still start with a capital where a name began them.
        for (const text of [mail.subject, mail.text, inApp.title]) expect(text[0]).toBe(text[0].toLocaleUpperCase(language));
        expect(`${mail.subject} ${inApp.title}`).not.toMatch(/: *$|:\s:/);
      }
    });

    it.each(TEMPLATE_LANGUAGES)('words them generically in %s', async (language) => {
      const g = GENERIC[language];
      const exchange = await renderEmail(input('exchange-changed', language, { facts: unnamed('exchange-changed', null) }));
      expect(exchange.subject).toContain(g.partnerCity);
      expect(exchange.text).toContain(g.partnerCity);
      expect(renderInApp(input('exchange-changed', language, { facts: unnamed('exchange-changed', null) })).title).toContain(g.partnerCity.split(' ').slice(1).join(' '));
      expect((await renderEmail(input('visit-next-week', language, { facts: unnamed('visit-next-week', null) }))).subject).toContain(g.hostCity);
      expect((await renderEmail(input('registration-changed', language, { facts: unnamed('registration-changed', null) }))).subject).toContain(g.activity);
      expect((await renderEmail(input('registration-changed', language, { facts: unnamed('registration-changed', null) }))).text).toContain(g.activity);
      expect(renderInApp(input('report-due-soon', language, { facts: unnamed('report-due-soon', null) })).body).toContain(g.yourCity);
      expect(renderInApp(input('report-overdue', language, { facts: unnamed('report-overdue', null) })).body).toContain(g.yourCity);
      expect((await renderEmail(input('report-submitted', language, { facts: unnamed('report-submitted', null) }))).subject).toMatch(new RegExp(`^${g.someCity}`));
      // The names themselves still print when the copies have them.
      expect((await renderEmail(input('exchange-changed', language))).subject).toContain('Kreis Offenbach');
      expect(renderInApp(input('report-due-soon', language)).body).toContain('Gent');
    });

    it('leaves the title out of a certificate of several activities, in every language', async () => {
      for (const language of TEMPLATE_LANGUAGES) {
        const facts = { ...SAMPLE_FACTS['certificate-issued'], activityTitle: null, activities: 3 };
        const mail = await renderEmail(input('certificate-issued', language, { facts }));
        const titled = await renderEmail(input('certificate-issued', language));
        expect(titled.subject.startsWith(mail.subject)).toBe(true);
        expect(titled.subject).toContain('Peer learning: housing first');
        expect(mail.text).not.toContain('Peer learning');
        expect(mail.text).toContain('7.5');
      }
    });

    it('in a digest too', async () => {
      const digest = await renderDigest({
        language: 'fr',
        recipientName: 'Camille Martin',
        timeZone: 'Europe/Paris',
        items: [
          { kind: 'seat-offered', facts: unnamed('seat-offered', null), createdAt: new Date('2025-06-30T07:00:00Z') },
          { kind: 'exchange-changed', facts: unnamed('exchange-changed', null), createdAt: new Date('2025-06-30T08:00:00Z') },
        ],
      });
      expect(digest.text).toContain('* Place proposée (30 juin 2025 à 09:00)');
      expect(digest.text).toContain('* Échange avec une ville partenaire : visite déplacée');
      expect(digest.text).not.toMatch(/undefined|null/);
    });

    it('still fails a template whose other facts are missing, naming the fact', () => {
      const facts = unnamed('report-due-soon', null);
      delete facts.dueOn;
      expect(() => renderInApp(input('report-due-soon', 'nl', { facts }))).toThrow(expect.objectContaining({ name: 'TemplateError', fact: 'dueOn' }));
    });
  });

  it('throws a TemplateError for a fact it cannot print', async () => {
    const unknownChange = { ...SAMPLE_FACTS['activity-changed'], change: 'teleported' };
    expect(() => renderInApp(input('activity-changed', 'es', { facts: unknownChange }))).toThrow(TemplateError);
    expect(() => renderInApp(input('activity-changed', 'es', { facts: unknownChange }))).toThrow(/teleported/);
    const badDate = { ...SAMPLE_FACTS['report-overdue'], dueOn: '31/01/2025' };
    await expect(renderEmail(input('report-overdue', 'fr', { facts: badDate }))).rejects.toThrow(/report-overdue \(fr\).*31\/01\/2025/);
    await expect(renderEmail(input('seat-offered', 'en', { timeZone: 'Mars/Olympus' }))).rejects.toBeInstanceOf(TemplateError);
    await expect(renderEmail(input('seat-offered', 'en', { link: 'javascript:alert(1)' }))).rejects.toBeInstanceOf(TemplateError);
  });

  it('renders the HTML with the MJML layout, escaping the facts', async () => {
    const facts = { ...SAMPLE_FACTS['certificate-issued'], activityTitle: 'Roma & <Sinti> inclusion', networkName: 'CONNECTION network', preferencesUrl: 'https://intercity.example/settings/notifications' };
    const mail = await renderEmail(input('certificate-issued', 'en', { facts }));
    expect(mail.html).toMatch(/^<!doctype html>/i);
    expect(mail.html).toContain('<title>Your certificate of attendance: Roma &amp; &lt;Sinti&gt; inclusion</title>');
    expect(mail.html).toContain('mj-column-per-100'); // MJML's responsive columns
    expect(mail.html).toContain('CONNECTION network');
    expect(mail.html).toContain('Roma &amp; &lt;Sinti&gt; inclusion');
    expect(mail.html).not.toContain('<Sinti>');
    expect(mail.html).toContain('You get this because you attended this activity.');
    expect(mail.html).toContain('href="https://intercity.example/settings/notifications"');
    expect(mail.html).toContain('Open in Intercity');
    expect(mail.text).toContain('Roma & <Sinti> inclusion'); // plain text is not escaped
    expect(mail.text).toContain('Change your notification preferences\nhttps://intercity.example/settings/notifications');

    const noLink = await renderEmail(input('certificate-issued', 'en', { link: undefined }));
    expect(noLink.html).not.toContain('Open in Intercity');
    expect(noLink.html).toContain('>Intercity<'); // default header
    expect(noLink.html).toContain('in your Intercity settings');
  });

  it('renders a digest of several kinds in one e-mail', async () => {
    const digest = await renderDigest({
      language: 'it',
      recipientName: 'Marco Bianchi',
      timeZone: 'Europe/Rome',
      items: [
        { kind: 'report-due-soon', facts: SAMPLE_FACTS['report-due-soon'], createdAt: new Date('2025-01-24T07:00:00Z') },
        { kind: 'activity-changed', facts: SAMPLE_FACTS['activity-changed'], createdAt: new Date('2025-01-24T15:45:00Z') },
      ],
    });
    expect(digest.subject).toBe('Il Suo riepilogo Intercity');
    expect(digest.text).toContain('Gentile Marco Bianchi,');
    expect(digest.text).toContain('Rendiconto in scadenza il 31 gennaio 2025');
    expect(digest.text).toContain('24 gennaio 2025 alle ore 16:45');
    expect(digest.text).not.toMatch(TAG);
    expect(digest.html).toContain('mj-column-per-100');
    expect(digest.html).toContain('Welcoming newcomers at the one-stop shop: rinviata');

    await expect(renderDigest({ language: 'it', recipientName: 'M', timeZone: 'Europe/Rome', items: [] })).rejects.toBeInstanceOf(TemplateError);
    await expect(
      renderDigest({
        language: 'en',
        recipientName: 'M',
        timeZone: 'Europe/Rome',
        items: [{ kind: 'report-overdue', facts: {}, createdAt: new Date() }],
      }),
    ).rejects.toMatchObject({ kind: 'report-overdue', fact: 'dueOn' });
  });

  it('renders a fan-out of in-app notifications from compiled templates', () => {
    const out = [];
    for (let i = 0; i < 1000; i++) {
      const kind = NOTIFICATION_KINDS[i % NOTIFICATION_KINDS.length];
      out.push(renderInApp(input(kind, TEMPLATE_LANGUAGES[i % TEMPLATE_LANGUAGES.length], { recipientName: `Person ${i}` })));
    }
    expect(out).toHaveLength(1000);
  });
});
