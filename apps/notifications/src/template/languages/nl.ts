import type { LanguagePack } from '../catalog';

export const nl: LanguagePack = {
  greeting: 'Beste {{recipientName}},',
  open: 'Openen in Intercity',
  preferences: 'Uw meldingsvoorkeuren wijzigen',
  preferencesHint: 'In uw Intercity-instellingen kiest u welke meldingen u krijgt en hoe vaak.',
  digest: {
    subject: 'Uw Intercity-overzicht',
    intro: 'Dit is er gebeurd sinds uw vorige overzicht:',
    why: 'U krijgt dit overzicht omdat u deze meldingen liever gebundeld ontvangt dan een voor een.',
  },
  kinds: {
    'exchange-changed': {
      subject: 'Personeelsuitwisseling met {{or otherCityName "een partnerstad"}}: {{word change}}',
      text:
        'Er is nieuws over de personeelsuitwisseling van uw stad met {{or otherCityName "een partnerstad"}}: {{word change}}.' +
        '{{#if visitStartsOn}}\n\nData van het bezoek: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}' +
        '{{#if cancelReason}}\n\nOpgegeven reden: {{cancelReason}}{{/if}}',
      title: 'Uitwisseling met {{or otherCityName "een partnerstad"}}: {{word change}}',
      body: 'Personeelsuitwisseling met {{or otherCityName "een partnerstad"}}: {{word change}}.{{#if visitStartsOn}} Data van het bezoek: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}',
      why: 'U krijgt dit bericht als contactpersoon van uw stad voor personeelsuitwisselingen.',
      words: {
        'pairing.proposed': 'voorgesteld',
        'pairing.accepted': 'aanvaard door één stad',
        'pairing.agreed': 'overeengekomen door beide steden',
        'pairing.scheduled': 'data voor beide bezoeken vastgelegd',
        'pairing.reported': 'bezoekverslag ingediend',
        'pairing.closed': 'uitwisseling afgerond',
        'pairing.cancelled': 'geannuleerd',
        'visit.scheduled': 'data van het bezoek vastgelegd',
        'visit.rescheduled': 'bezoek verplaatst naar nieuwe data',
        'visit.visitors-changed': 'deelnemers aan het bezoek gewijzigd',
        'visit.programme-updated': 'programma van het bezoek bijgewerkt',
        'visit.done': 'bezoek afgerond',
        'visit.report-submitted': 'bezoekverslag ingediend',
      },
    },
    'visit-next-week': {
      subject: 'Uw bezoek aan {{or hostCityName "de gaststad"}} begint volgende week',
      text:
        'Uw bezoek aan {{or hostCityName "de gaststad"}} begint volgende week: {{dateRange startsOn endsOn}}.' +
        '{{#if firstPlace}}\n\nEerste programmaonderdeel: {{date firstDay}} om {{firstTime}} uur, {{firstPlace}}.{{/if}}' +
        '\n\nControleer het programma en uw reisplannen.',
      title: 'Bezoek aan {{or hostCityName "de gaststad"}} volgende week',
      body: '{{dateRange startsOn endsOn}}. Controleer het programma en uw reisplannen.',
      why: 'U krijgt dit bericht omdat u aan dit bezoek deelneemt.',
    },
    'activity-changed': {
      subject: '{{title}}: {{word change}}',
      text:
        'De activiteit ‘{{title}}’, waarvoor u bent ingeschreven, is {{word change}}.' +
        '{{#if startsAt}}\n\nWanneer: {{instant startsAt}}{{/if}}{{#if place}}\nWaar: {{place}}{{/if}}' +
        '{{#if cancellationReason}}\n\nOpgegeven reden: {{cancellationReason}}{{/if}}',
      title: '{{title}}: {{word change}}',
      body: 'De activiteit is {{word change}}.{{#if startsAt}} Wanneer: {{instant startsAt}}.{{/if}}{{#if place}} Waar: {{place}}.{{/if}}',
      why: 'U krijgt dit bericht omdat u voor deze activiteit bent ingeschreven.',
      words: { rescheduled: 'verplaatst', updated: 'gewijzigd', cancelled: 'geannuleerd' },
    },
    'seat-offered': {
      subject: 'Er is een plaats vrij voor u{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Er is een plaats vrijgekomen voor {{#if activityTitle}}‘{{activityTitle}}’{{else}}een activiteit{{/if}} en u staat bovenaan de wachtlijst.' +
        '\n\nAccepteer de plaats vóór {{instant offerExpiresAt}}. Daarna gaat het aanbod naar de volgende persoon.',
      title: 'Plaats aangeboden{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      body: 'Accepteer vóór {{instant offerExpiresAt}}, anders gaat de plaats naar de volgende op de wachtlijst.',
      why: 'U krijgt dit bericht omdat u op de wachtlijst voor deze activiteit staat.',
    },
    'registration-changed': {
      subject: 'Uw inschrijving voor {{or activityTitle "een activiteit"}}: {{word change}}',
      text: 'Uw inschrijving voor {{#if activityTitle}}‘{{activityTitle}}’{{else}}een activiteit{{/if}}: {{word change}}.',
      title: '{{#if activityTitle}}{{activityTitle}}: inschrijving{{else}}Inschrijving{{/if}} {{word change}}',
      body: 'Uw inschrijving: {{word change}}.',
      why: 'U krijgt dit bericht omdat het over uw eigen inschrijving gaat.',
      words: {
        confirmed: 'bevestigd',
        waitlisted: 'op de wachtlijst',
        'offer-expired': 'vervallen, omdat het aanbod van een plaats is verlopen',
        cancelled: 'geannuleerd',
      },
    },
    'report-submitted': {
      subject: '{{or cityName "Een partnerstad"}} heeft een uitgavenrapport ingediend',
      text:
        '{{or cityName "Een partnerstad"}} heeft een {{#if resubmitted}}herzien {{/if}}uitgavenrapport ({{word reportKind}}) ingediend ' +
        'over {{dateRange periodFrom periodTo}}{{#if total}}, voor een bedrag van {{total}}{{/if}}.\n\nWilt u het beoordelen?',
      title: 'Uitgavenrapport van {{or cityName "een partnerstad"}}',
      body: '{{word reportKind}}, {{dateRange periodFrom periodTo}}{{#if total}}: {{total}} gedeclareerd{{/if}}. Klaar voor uw beoordeling.',
      why: 'U krijgt dit bericht omdat u de subsidies van dit netwerk coördineert.',
      words: { interim: 'Tussentijds rapport', final: 'Eindrapport' },
    },
    'report-due-soon': {
      subject: 'Uitgavenrapport uiterlijk {{date dueOn}} indienen',
      text: 'Het uitgavenrapport van {{or cityName "uw stad"}} moet uiterlijk {{date dueOn}} worden ingediend.\n\nDien het op tijd in.',
      title: 'Rapport uiterlijk {{date dueOn}}',
      body: 'Het uitgavenrapport van {{or cityName "uw stad"}} moet uiterlijk {{date dueOn}} worden ingediend.',
      why: 'U krijgt dit bericht als contactpersoon van uw stad voor haar subsidie.',
    },
    'report-overdue': {
      subject: 'Uitgavenrapport te laat (uiterlijk {{date dueOn}})',
      text:
        'Het uitgavenrapport van {{or cityName "uw stad"}} moest uiterlijk {{date dueOn}} worden ingediend en is nog niet binnen.' +
        '\n\nDien het zo snel mogelijk in.',
      title: 'Rapport te laat',
      body: 'Het uitgavenrapport van {{or cityName "uw stad"}} moest uiterlijk {{date dueOn}} binnen zijn.',
      why: 'U krijgt dit bericht als contactpersoon van uw stad voor haar subsidie.',
    },
    'milestone-slipping': {
      subject: 'Mijlpaal in gevaar: {{milestoneKey}}',
      text:
        'De mijlpaal ‘{{milestoneKey}}’ van het actieplan van {{or cityName "uw stad"}} staat gepland voor {{date dueOn}} en loopt achter.' +
        '{{#if forecastOn}} Die wordt nu verwacht op {{date forecastOn}}.{{/if}}' +
        '\n\nWerk de voortgang bij of spreek met de coördinatie een nieuwe datum af.',
      title: 'Mijlpaal in gevaar: {{milestoneKey}}',
      body: 'Gepland voor {{date dueOn}}{{#if forecastOn}}, nu verwacht op {{date forecastOn}}{{/if}}.',
      why: 'U krijgt dit bericht als contactpersoon van uw stad voor haar actieplan.',
    },
    'certificate-issued': {
      subject: 'Uw aanwezigheidsbewijs{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Uw aanwezigheidsbewijs{{#if activityTitle}} voor ‘{{activityTitle}}’{{/if}} is uitgereikt op {{date issuedOn}}. Aanwezige uren: {{attendedHours}}.' +
        '\n\nU kunt het downloaden in Intercity.',
      title: 'Aanwezigheidsbewijs uitgereikt',
      body: 'Uw aanwezigheidsbewijs{{#if activityTitle}} voor {{activityTitle}}{{/if}} staat klaar om te downloaden.',
      why: 'U krijgt dit bericht omdat u aan deze activiteit hebt deelgenomen.',
    },
  },
};
