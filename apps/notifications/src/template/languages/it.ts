import type { LanguagePack } from '../catalog';

export const it: LanguagePack = {
  greeting: 'Gentile {{recipientName}},',
  open: 'Apri in Intercity',
  preferences: 'Modifica le preferenze di notifica',
  preferencesHint: 'Può scegliere quali notifiche ricevere, e con quale frequenza, nelle impostazioni di Intercity.',
  digest: {
    subject: 'Il Suo riepilogo Intercity',
    intro: 'Ecco cosa è successo dall’ultimo riepilogo:',
    why: 'Riceve questo riepilogo perché ha scelto di ricevere queste notifiche raggruppate anziché una per una.',
  },
  kinds: {
    'exchange-changed': {
      subject: 'Scambio di personale con {{or otherCityName "una città partner"}}: {{word change}}',
      text:
        'Novità sullo scambio di personale della Sua città con {{or otherCityName "una città partner"}}: {{word change}}.' +
        '{{#if visitStartsOn}}\n\nDate della visita: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}' +
        '{{#if cancelReason}}\n\nMotivo indicato: {{cancelReason}}{{/if}}',
      title: 'Scambio con {{or otherCityName "una città partner"}}: {{word change}}',
      body: 'Scambio di personale con {{or otherCityName "una città partner"}}: {{word change}}.{{#if visitStartsOn}} Date della visita: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}',
      why: 'Riceve questo messaggio in quanto referente della Sua città per gli scambi di personale.',
      words: {
        'pairing.proposed': 'proposto',
        'pairing.accepted': 'accettato da una città',
        'pairing.agreed': 'concordato da entrambe le città',
        'pairing.scheduled': 'date fissate per entrambe le visite',
        'pairing.reported': 'relazione sulla visita presentata',
        'pairing.closed': 'scambio concluso',
        'pairing.cancelled': 'annullato',
        'visit.scheduled': 'date della visita fissate',
        'visit.rescheduled': 'visita spostata a nuove date',
        'visit.visitors-changed': 'partecipanti alla visita modificati',
        'visit.programme-updated': 'programma della visita aggiornato',
        'visit.done': 'visita svolta',
        'visit.report-submitted': 'relazione sulla visita presentata',
      },
    },
    'visit-next-week': {
      subject: 'La Sua visita {{#if hostCityName}}a {{hostCityName}}{{else}}alla città ospitante{{/if}} inizia la prossima settimana',
      text:
        'La Sua visita {{#if hostCityName}}a {{hostCityName}}{{else}}alla città ospitante{{/if}} inizia la prossima settimana: {{dateRange startsOn endsOn}}.' +
        '{{#if firstPlace}}\n\nPrimo appuntamento in programma: {{date firstDay}} alle {{firstTime}}, {{firstPlace}}.{{/if}}' +
        '\n\nLa preghiamo di controllare il programma e l’organizzazione del viaggio.',
      title: 'Visita {{#if hostCityName}}a {{hostCityName}}{{else}}alla città ospitante{{/if}} la prossima settimana',
      body: '{{dateRange startsOn endsOn}}. Controlli il programma e l’organizzazione del viaggio.',
      why: 'Riceve questo messaggio perché partecipa a questa visita.',
    },
    'activity-changed': {
      subject: '{{title}}: {{word change}}',
      text:
        'L’attività «{{title}}», a cui è iscritto/a, è stata {{word change}}.' +
        '{{#if startsAt}}\n\nQuando: {{instant startsAt}}{{/if}}{{#if place}}\nDove: {{place}}{{/if}}' +
        '{{#if cancellationReason}}\n\nMotivo indicato: {{cancellationReason}}{{/if}}',
      title: '{{title}}: {{word change}}',
      body: 'L’attività è stata {{word change}}.{{#if startsAt}} Quando: {{instant startsAt}}.{{/if}}{{#if place}} Dove: {{place}}.{{/if}}',
      why: 'Riceve questo messaggio perché è iscritto/a a questa attività.',
      words: { rescheduled: 'rinviata', updated: 'modificata', cancelled: 'annullata' },
    },
    'seat-offered': {
      subject: 'Un posto è libero per Lei{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Si è liberato un posto per {{#if activityTitle}}«{{activityTitle}}»{{else}}un’attività{{/if}} e Lei è la prima persona in lista d’attesa.' +
        '\n\nLa preghiamo di accettarlo entro il {{instant offerExpiresAt}}. Dopo questa scadenza verrà offerto alla persona successiva.',
      title: 'Posto offerto{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      body: 'Accetti entro il {{instant offerExpiresAt}}, altrimenti il posto passa alla persona successiva in lista d’attesa.',
      why: 'Riceve questo messaggio perché è in lista d’attesa per questa attività.',
    },
    'registration-changed': {
      subject: 'La Sua iscrizione a {{or activityTitle "un’attività"}}: {{word change}}',
      text: 'La Sua iscrizione a {{#if activityTitle}}«{{activityTitle}}»{{else}}un’attività{{/if}}: {{word change}}.',
      title: '{{#if activityTitle}}{{activityTitle}}: iscrizione{{else}}Iscrizione{{/if}} {{word change}}',
      body: 'La Sua iscrizione: {{word change}}.',
      why: 'Riceve questo messaggio perché riguarda la Sua iscrizione.',
      words: {
        confirmed: 'confermata',
        waitlisted: 'in lista d’attesa',
        'offer-expired': 'decaduta, perché l’offerta del posto è scaduta',
        cancelled: 'annullata',
      },
    },
    'report-submitted': {
      subject: '{{or cityName "Una città partner"}} ha presentato un rendiconto delle spese',
      text:
        '{{or cityName "Una città partner"}} ha presentato un rendiconto delle spese{{#if resubmitted}} rivisto{{/if}} ({{word reportKind}}) ' +
        'per il periodo {{dateRange periodFrom periodTo}}{{#if total}}, per un importo di {{total}}{{/if}}.\n\nLa preghiamo di esaminarlo.',
      title: 'Rendiconto delle spese da {{or cityName "una città partner"}}',
      body: '{{word reportKind}}, {{dateRange periodFrom periodTo}}{{#if total}}: richiesti {{total}}{{/if}}. Da esaminare.',
      why: 'Riceve questo messaggio perché coordina i finanziamenti di questa rete.',
      words: { interim: 'Rendiconto intermedio', final: 'Rendiconto finale' },
    },
    'report-due-soon': {
      subject: 'Rendiconto delle spese in scadenza il {{date dueOn}}',
      text: 'Il rendiconto delle spese {{#if cityName}}di {{cityName}}{{else}}della Sua città{{/if}} scade il {{date dueOn}}.\n\nLa preghiamo di presentarlo in tempo.',
      title: 'Rendiconto in scadenza il {{date dueOn}}',
      body: 'Il rendiconto delle spese {{#if cityName}}di {{cityName}}{{else}}della Sua città{{/if}} scade il {{date dueOn}}.',
      why: 'Riceve questo messaggio in quanto referente della Sua città per il suo sub-finanziamento.',
    },
    'report-overdue': {
      subject: 'Rendiconto delle spese scaduto il {{date dueOn}}',
      text:
        'Il rendiconto delle spese {{#if cityName}}di {{cityName}}{{else}}della Sua città{{/if}} scadeva il {{date dueOn}} e non è ancora stato presentato.' +
        '\n\nLa preghiamo di presentarlo al più presto.',
      title: 'Rendiconto scaduto',
      body: 'Il rendiconto delle spese {{#if cityName}}di {{cityName}}{{else}}della Sua città{{/if}} scadeva il {{date dueOn}}.',
      why: 'Riceve questo messaggio in quanto referente della Sua città per il suo sub-finanziamento.',
    },
    'milestone-slipping': {
      subject: 'Traguardo a rischio: {{milestoneKey}}',
      text:
        'Il traguardo «{{milestoneKey}}» del piano d’azione {{#if cityName}}di {{cityName}}{{else}}della Sua città{{/if}} scade il {{date dueOn}} ed è in ritardo.' +
        '{{#if forecastOn}} Ora è previsto per il {{date forecastOn}}.{{/if}}' +
        '\n\nLa preghiamo di aggiornarne lo stato di avanzamento o di concordare una nuova data con il coordinamento.',
      title: 'Traguardo a rischio: {{milestoneKey}}',
      body: 'Scadenza {{date dueOn}}{{#if forecastOn}}, ora previsto per il {{date forecastOn}}{{/if}}.',
      why: 'Riceve questo messaggio in quanto referente della Sua città per il suo piano d’azione.',
    },
    'certificate-issued': {
      subject: 'Il Suo attestato di partecipazione{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Il Suo attestato di partecipazione{{#if activityTitle}} a «{{activityTitle}}»{{/if}} è stato rilasciato il {{date issuedOn}}. Ore di presenza: {{attendedHours}}.' +
        '\n\nPuò scaricarlo da Intercity.',
      title: 'Attestato rilasciato',
      body: 'Il Suo attestato{{#if activityTitle}} per {{activityTitle}}{{/if}} è pronto da scaricare.',
      why: 'Riceve questo messaggio perché ha partecipato a questa attività.',
    },
  },
};
