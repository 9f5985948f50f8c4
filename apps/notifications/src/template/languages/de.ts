import type { LanguagePack } from '../catalog';

export const de: LanguagePack = {
  greeting: 'Guten Tag {{recipientName}},',
  open: 'In Intercity öffnen',
  preferences: 'Benachrichtigungen einstellen',
  preferencesHint: 'Welche Benachrichtigungen Sie wie oft erhalten, legen Sie in Ihren Intercity-Einstellungen fest.',
  digest: {
    subject: 'Ihre Intercity-Zusammenfassung',
    intro: 'Das ist seit Ihrer letzten Zusammenfassung passiert:',
    why: 'Sie erhalten diese Zusammenfassung, weil Sie diese Benachrichtigungen gesammelt statt einzeln erhalten möchten.',
  },
  kinds: {
    'exchange-changed': {
      subject: 'Personalaustausch mit {{or otherCityName "einer Partnerstadt"}}: {{word change}}',
      text:
        'Neuigkeiten zum Personalaustausch Ihrer Stadt mit {{or otherCityName "einer Partnerstadt"}}: {{word change}}.' +
        '{{#if visitStartsOn}}\n\nBesuchstermin: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}' +
        '{{#if cancelReason}}\n\nAngegebener Grund: {{cancelReason}}{{/if}}',
      title: 'Austausch mit {{or otherCityName "einer Partnerstadt"}}: {{word change}}',
      body: 'Ihr Personalaustausch mit {{or otherCityName "einer Partnerstadt"}}: {{word change}}.{{#if visitStartsOn}} Besuchstermin: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}',
      why: 'Sie erhalten diese Nachricht als Ansprechperson Ihrer Stadt für den Personalaustausch.',
      words: {
        'pairing.proposed': 'vorgeschlagen',
        'pairing.accepted': 'von einer Stadt angenommen',
        'pairing.agreed': 'von beiden Städten vereinbart',
        'pairing.scheduled': 'beide Besuche terminiert',
        'pairing.reported': 'Besuchsbericht eingereicht',
        'pairing.closed': 'Austausch abgeschlossen',
        'pairing.cancelled': 'abgesagt',
        'visit.scheduled': 'Besuchstermin festgelegt',
        'visit.rescheduled': 'Besuch verschoben',
        'visit.visitors-changed': 'Besuchsgruppe geändert',
        'visit.programme-updated': 'Besuchsprogramm aktualisiert',
        'visit.done': 'Besuch abgeschlossen',
        'visit.report-submitted': 'Besuchsbericht eingereicht',
      },
    },
    'visit-next-week': {
      subject: 'Ihr Besuch in {{or hostCityName "der Gastgeberstadt"}} beginnt nächste Woche',
      text:
        'Ihr Besuch in {{or hostCityName "der Gastgeberstadt"}} beginnt nächste Woche: {{dateRange startsOn endsOn}}.' +
        '{{#if firstPlace}}\n\nErster Programmpunkt: {{date firstDay}} um {{firstTime}} Uhr, {{firstPlace}}.{{/if}}' +
        '\n\nBitte prüfen Sie das Programm und Ihre Reiseplanung.',
      title: 'Besuch in {{or hostCityName "der Gastgeberstadt"}} nächste Woche',
      body: '{{dateRange startsOn endsOn}}. Bitte prüfen Sie Programm und Reiseplanung.',
      why: 'Sie erhalten diese Nachricht, weil Sie an diesem Besuch teilnehmen.',
    },
    'activity-changed': {
      subject: '{{title}}: {{word change}}',
      text:
        'Die Veranstaltung „{{title}}“, für die Sie angemeldet sind, wurde {{word change}}.' +
        '{{#if startsAt}}\n\nWann: {{instant startsAt}}{{/if}}{{#if place}}\nWo: {{place}}{{/if}}' +
        '{{#if cancellationReason}}\n\nAngegebener Grund: {{cancellationReason}}{{/if}}',
      title: '{{title}}: {{word change}}',
      body: 'Die Veranstaltung wurde {{word change}}.{{#if startsAt}} Wann: {{instant startsAt}}.{{/if}}{{#if place}} Wo: {{place}}.{{/if}}',
      why: 'Sie erhalten diese Nachricht, weil Sie für diese Veranstaltung angemeldet sind.',
      words: { rescheduled: 'verschoben', updated: 'geändert', cancelled: 'abgesagt' },
    },
    'seat-offered': {
      subject: 'Ein Platz ist für Sie frei{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Bei {{#if activityTitle}}„{{activityTitle}}“{{else}}einer Veranstaltung{{/if}} ist ein Platz frei geworden, und Sie stehen ganz oben auf der Warteliste.' +
        '\n\nBitte nehmen Sie den Platz bis {{instant offerExpiresAt}} an. Danach wird er der nächsten Person angeboten.',
      title: 'Platz angeboten{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      body: 'Bitte bis {{instant offerExpiresAt}} annehmen, sonst geht der Platz an die nächste Person auf der Warteliste.',
      why: 'Sie erhalten diese Nachricht, weil Sie auf der Warteliste dieser Veranstaltung stehen.',
    },
    'registration-changed': {
      subject: 'Ihre Anmeldung zu {{or activityTitle "einer Veranstaltung"}}: {{word change}}',
      text: 'Ihre Anmeldung zu {{#if activityTitle}}„{{activityTitle}}“{{else}}einer Veranstaltung{{/if}}: {{word change}}.',
      title: '{{#if activityTitle}}{{activityTitle}}: Anmeldung{{else}}Anmeldung{{/if}} {{word change}}',
      body: 'Ihre Anmeldung: {{word change}}.',
      why: 'Sie erhalten diese Nachricht, weil es um Ihre eigene Anmeldung geht.',
      words: {
        confirmed: 'bestätigt',
        waitlisted: 'auf der Warteliste',
        'offer-expired': 'verfallen, da das Platzangebot abgelaufen ist',
        cancelled: 'storniert',
      },
    },
    'report-submitted': {
      subject: '{{or cityName "Eine Partnerstadt"}} hat einen Ausgabenbericht eingereicht',
      text:
        '{{or cityName "Eine Partnerstadt"}} hat {{#if resubmitted}}einen überarbeiteten{{else}}einen{{/if}} Ausgabenbericht ({{word reportKind}}) ' +
        'für {{dateRange periodFrom periodTo}} eingereicht{{#if total}}, über {{total}}{{/if}}.\n\nBitte prüfen Sie ihn.',
      title: 'Ausgabenbericht von {{or cityName "einer Partnerstadt"}}',
      body: '{{word reportKind}}, {{dateRange periodFrom periodTo}}{{#if total}}: {{total}} beantragt{{/if}}. Bereit zur Prüfung.',
      why: 'Sie erhalten diese Nachricht, weil Sie die Zuschüsse dieses Netzwerks koordinieren.',
      words: { interim: 'Zwischenbericht', final: 'Schlussbericht' },
    },
    'report-due-soon': {
      subject: 'Ausgabenbericht fällig am {{date dueOn}}',
      text: 'Der Ausgabenbericht {{#if cityName}}von {{cityName}}{{else}}Ihrer Stadt{{/if}} ist am {{date dueOn}} fällig.\n\nBitte reichen Sie ihn rechtzeitig ein.',
      title: 'Bericht fällig am {{date dueOn}}',
      body: 'Der Ausgabenbericht {{#if cityName}}von {{cityName}}{{else}}Ihrer Stadt{{/if}} ist am {{date dueOn}} fällig.',
      why: 'Sie erhalten diese Nachricht als Ansprechperson Ihrer Stadt für ihren Teilzuschuss.',
    },
    'report-overdue': {
      subject: 'Ausgabenbericht seit {{date dueOn}} überfällig',
      text:
        'Der Ausgabenbericht {{#if cityName}}von {{cityName}}{{else}}Ihrer Stadt{{/if}} war am {{date dueOn}} fällig und wurde noch nicht eingereicht.' +
        '\n\nBitte reichen Sie ihn so bald wie möglich ein.',
      title: 'Bericht überfällig',
      body: 'Der Ausgabenbericht {{#if cityName}}von {{cityName}}{{else}}Ihrer Stadt{{/if}} war am {{date dueOn}} fällig.',
      why: 'Sie erhalten diese Nachricht als Ansprechperson Ihrer Stadt für ihren Teilzuschuss.',
    },
    'milestone-slipping': {
      subject: 'Meilenstein gefährdet: {{milestoneKey}}',
      text:
        'Der Meilenstein „{{milestoneKey}}“ im Aktionsplan {{#if cityName}}von {{cityName}}{{else}}Ihrer Stadt{{/if}} ist am {{date dueOn}} fällig und liegt hinter dem Zeitplan.' +
        '{{#if forecastOn}} Er wird nun für den {{date forecastOn}} erwartet.{{/if}}' +
        '\n\nBitte aktualisieren Sie den Fortschritt oder vereinbaren Sie mit Ihrer Koordination einen neuen Termin.',
      title: 'Meilenstein gefährdet: {{milestoneKey}}',
      body: 'Fällig am {{date dueOn}}{{#if forecastOn}}, nun erwartet am {{date forecastOn}}{{/if}}.',
      why: 'Sie erhalten diese Nachricht als Ansprechperson Ihrer Stadt für ihren Aktionsplan.',
    },
    'certificate-issued': {
      subject: 'Ihre Teilnahmebescheinigung{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Ihre Teilnahmebescheinigung{{#if activityTitle}} für „{{activityTitle}}“{{/if}} wurde am {{date issuedOn}} ausgestellt. Teilgenommene Stunden: {{attendedHours}}.' +
        '\n\nSie können sie in Intercity herunterladen.',
      title: 'Bescheinigung ausgestellt',
      body: 'Ihre Bescheinigung{{#if activityTitle}} für {{activityTitle}}{{/if}} steht zum Herunterladen bereit.',
      why: 'Sie erhalten diese Nachricht, weil Sie an dieser Veranstaltung teilgenommen haben.',
    },
  },
};
