import type { LanguagePack } from '../catalog';

export const fr: LanguagePack = {
  greeting: 'Bonjour {{recipientName}},',
  open: 'Ouvrir dans Intercity',
  preferences: 'Modifier vos préférences de notification',
  preferencesHint: 'Vous pouvez choisir les notifications que vous recevez, et à quelle fréquence, dans vos paramètres Intercity.',
  digest: {
    subject: 'Votre récapitulatif Intercity',
    intro: 'Voici ce qui s’est passé depuis votre dernier récapitulatif :',
    why: 'Vous recevez ce récapitulatif car vous avez choisi de recevoir ces notifications regroupées plutôt qu’une par une.',
  },
  kinds: {
    'exchange-changed': {
      subject: 'Échange de personnel avec {{or otherCityName "une ville partenaire"}} : {{word change}}',
      text:
        'Du nouveau dans l’échange de personnel de votre ville avec {{or otherCityName "une ville partenaire"}} : {{word change}}.' +
        '{{#if visitStartsOn}}\n\nDates de la visite : {{dateRange visitStartsOn visitEndsOn}}.{{/if}}' +
        '{{#if cancelReason}}\n\nMotif indiqué : {{cancelReason}}{{/if}}',
      title: 'Échange avec {{or otherCityName "une ville partenaire"}} : {{word change}}',
      body: 'Échange de personnel avec {{or otherCityName "une ville partenaire"}} : {{word change}}.{{#if visitStartsOn}} Dates de la visite : {{dateRange visitStartsOn visitEndsOn}}.{{/if}}',
      why: 'Vous recevez ce message en tant que référent·e de votre ville pour les échanges de personnel.',
      words: {
        'pairing.proposed': 'proposé',
        'pairing.accepted': 'accepté par une ville',
        'pairing.agreed': 'convenu par les deux villes',
        'pairing.scheduled': 'dates fixées pour les deux visites',
        'pairing.reported': 'rapport de visite remis',
        'pairing.closed': 'échange terminé',
        'pairing.cancelled': 'annulé',
        'visit.scheduled': 'dates de la visite fixées',
        'visit.rescheduled': 'visite déplacée à de nouvelles dates',
        'visit.visitors-changed': 'participants à la visite modifiés',
        'visit.programme-updated': 'programme de la visite mis à jour',
        'visit.done': 'visite effectuée',
        'visit.report-submitted': 'rapport de visite remis',
      },
    },
    'visit-next-week': {
      subject: 'Votre visite {{#if hostCityName}}à {{hostCityName}}{{else}}dans la ville hôte{{/if}} commence la semaine prochaine',
      text:
        'Votre visite {{#if hostCityName}}à {{hostCityName}}{{else}}dans la ville hôte{{/if}} commence la semaine prochaine : {{dateRange startsOn endsOn}}.' +
        '{{#if firstPlace}}\n\nPremier rendez-vous du programme : {{date firstDay}} à {{firstTime}}, {{firstPlace}}.{{/if}}' +
        '\n\nMerci de vérifier le programme et l’organisation de votre voyage.',
      title: 'Visite {{#if hostCityName}}à {{hostCityName}}{{else}}dans la ville hôte{{/if}} la semaine prochaine',
      body: '{{dateRange startsOn endsOn}}. Vérifiez le programme et l’organisation de votre voyage.',
      why: 'Vous recevez ce message car vous participez à cette visite.',
    },
    'activity-changed': {
      subject: '{{title}} : {{word change}}',
      text:
        'L’activité « {{title}} », à laquelle vous êtes inscrit·e, a été {{word change}}.' +
        '{{#if startsAt}}\n\nQuand : {{instant startsAt}}{{/if}}{{#if place}}\nOù : {{place}}{{/if}}' +
        '{{#if cancellationReason}}\n\nMotif indiqué : {{cancellationReason}}{{/if}}',
      title: '{{title}} : {{word change}}',
      body: 'L’activité a été {{word change}}.{{#if startsAt}} Quand : {{instant startsAt}}.{{/if}}{{#if place}} Où : {{place}}.{{/if}}',
      why: 'Vous recevez ce message car vous êtes inscrit·e à cette activité.',
      words: { rescheduled: 'reprogrammée', updated: 'modifiée', cancelled: 'annulée' },
    },
    'seat-offered': {
      subject: 'Une place s’est libérée pour vous{{#if activityTitle}} : {{activityTitle}}{{/if}}',
      text:
        'Une place s’est libérée pour {{#if activityTitle}}« {{activityTitle}} »{{else}}une activité{{/if}}, et vous êtes en tête de la liste d’attente.' +
        '\n\nMerci de l’accepter avant le {{instant offerExpiresAt}}. Passé ce délai, elle sera proposée à la personne suivante.',
      title: 'Place proposée{{#if activityTitle}} : {{activityTitle}}{{/if}}',
      body: 'À accepter avant le {{instant offerExpiresAt}}, sinon la place revient à la personne suivante sur la liste d’attente.',
      why: 'Vous recevez ce message car vous êtes sur la liste d’attente de cette activité.',
    },
    'registration-changed': {
      subject: 'Votre inscription à {{or activityTitle "une activité"}} : {{word change}}',
      text: 'Votre inscription à {{#if activityTitle}}« {{activityTitle}} »{{else}}une activité{{/if}} : {{word change}}.',
      title: '{{#if activityTitle}}{{activityTitle}} : inscription{{else}}Inscription{{/if}} {{word change}}',
      body: 'Votre inscription : {{word change}}.',
      why: 'Vous recevez ce message car il concerne votre propre inscription.',
      words: {
        confirmed: 'confirmée',
        waitlisted: 'sur liste d’attente',
        'offer-expired': 'caduque, l’offre de place ayant expiré',
        cancelled: 'annulée',
      },
    },
    'report-submitted': {
      subject: '{{or cityName "Une ville partenaire"}} a remis un rapport de dépenses',
      text:
        '{{or cityName "Une ville partenaire"}} a remis un rapport de dépenses{{#if resubmitted}} révisé{{/if}} ({{word reportKind}}) ' +
        'pour la période {{dateRange periodFrom periodTo}}{{#if total}}, d’un montant de {{total}}{{/if}}.\n\nMerci de l’examiner.',
      title: 'Rapport de dépenses {{#if cityName}}de {{cityName}}{{else}}d’une ville partenaire{{/if}}',
      body: '{{word reportKind}}, {{dateRange periodFrom periodTo}}{{#if total}} : {{total}} demandés{{/if}}. À examiner.',
      why: 'Vous recevez ce message car vous coordonnez les subventions de ce réseau.',
      words: { interim: 'Rapport intermédiaire', final: 'Rapport final' },
    },
    'report-due-soon': {
      subject: 'Rapport de dépenses à remettre le {{date dueOn}}',
      text: 'Le rapport de dépenses de {{or cityName "votre ville"}} est à remettre le {{date dueOn}}.\n\nMerci de le remettre à temps.',
      title: 'Rapport à remettre le {{date dueOn}}',
      body: 'Le rapport de dépenses de {{or cityName "votre ville"}} est à remettre le {{date dueOn}}.',
      why: 'Vous recevez ce message en tant que référent·e de votre ville pour sa sous-subvention.',
    },
    'report-overdue': {
      subject: 'Rapport de dépenses en retard depuis le {{date dueOn}}',
      text:
        'Le rapport de dépenses de {{or cityName "votre ville"}} était à remettre le {{date dueOn}} et n’a pas encore été remis.' +
        '\n\nMerci de le remettre dès que possible.',
      title: 'Rapport en retard',
      body: 'Le rapport de dépenses de {{or cityName "votre ville"}} était à remettre le {{date dueOn}}.',
      why: 'Vous recevez ce message en tant que référent·e de votre ville pour sa sous-subvention.',
    },
    'milestone-slipping': {
      subject: 'Jalon en danger : {{milestoneKey}}',
      text:
        'Le jalon « {{milestoneKey}} » du plan d’action de {{or cityName "votre ville"}} est prévu pour le {{date dueOn}} et prend du retard.' +
        '{{#if forecastOn}} Il est désormais attendu pour le {{date forecastOn}}.{{/if}}' +
        '\n\nMerci de mettre à jour son avancement ou de convenir d’une nouvelle date avec la coordination.',
      title: 'Jalon en danger : {{milestoneKey}}',
      body: 'Prévu le {{date dueOn}}{{#if forecastOn}}, désormais attendu le {{date forecastOn}}{{/if}}.',
      why: 'Vous recevez ce message en tant que référent·e de votre ville pour son plan d’action.',
    },
    'certificate-issued': {
      subject: 'Votre attestation de présence{{#if activityTitle}} : {{activityTitle}}{{/if}}',
      text:
        'Votre attestation de présence{{#if activityTitle}} à « {{activityTitle}} »{{/if}} a été délivrée le {{date issuedOn}}. Heures de présence : {{attendedHours}}.' +
        '\n\nVous pouvez la télécharger dans Intercity.',
      title: 'Attestation délivrée',
      body: 'Votre attestation{{#if activityTitle}} pour {{activityTitle}}{{/if}} est prête à être téléchargée.',
      why: 'Vous recevez ce message car vous avez participé à cette activité.',
    },
  },
};
