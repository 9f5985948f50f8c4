import type { LanguagePack } from '../catalog';

export const en: LanguagePack = {
  greeting: 'Hello {{recipientName}},',
  open: 'Open in Intercity',
  preferences: 'Change your notification preferences',
  preferencesHint: 'You can choose which notifications you get, and how often, in your Intercity settings.',
  digest: {
    subject: 'Your Intercity summary',
    intro: 'Here is what happened since your last summary:',
    why: 'You get this summary because you chose to receive these notifications together rather than one by one.',
  },
  kinds: {
    'exchange-changed': {
      subject: 'Staff exchange with {{or otherCityName "a partner city"}}: {{word change}}',
      text:
        'There is news about your city’s staff exchange with {{or otherCityName "a partner city"}}: {{word change}}.' +
        '{{#if visitStartsOn}}\n\nVisit dates: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}' +
        '{{#if cancelReason}}\n\nReason given: {{cancelReason}}{{/if}}',
      title: 'Exchange with {{or otherCityName "a partner city"}}: {{word change}}',
      body: 'Your staff exchange with {{or otherCityName "a partner city"}}: {{word change}}.{{#if visitStartsOn}} Visit dates: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}',
      why: 'You get this because you are your city’s liaison for staff exchanges.',
      words: {
        'pairing.proposed': 'proposed',
        'pairing.accepted': 'accepted by one city',
        'pairing.agreed': 'agreed by both cities',
        'pairing.scheduled': 'both visits have dates',
        'pairing.reported': 'visit report submitted',
        'pairing.closed': 'exchange completed',
        'pairing.cancelled': 'cancelled',
        'visit.scheduled': 'visit dates set',
        'visit.rescheduled': 'visit moved to new dates',
        'visit.visitors-changed': 'visitors changed',
        'visit.programme-updated': 'visit programme updated',
        'visit.done': 'visit completed',
        'visit.report-submitted': 'visit report submitted',
      },
    },
    'visit-next-week': {
      subject: 'Your visit to {{or hostCityName "the host city"}} starts next week',
      text:
        'Your visit to {{or hostCityName "the host city"}} starts next week: {{dateRange startsOn endsOn}}.' +
        '{{#if firstPlace}}\n\nFirst on the programme: {{date firstDay}} at {{firstTime}}, {{firstPlace}}.{{/if}}' +
        '\n\nPlease check the programme and your travel arrangements.',
      title: 'Visit to {{or hostCityName "the host city"}} next week',
      body: '{{dateRange startsOn endsOn}}. Please check the programme and your travel arrangements.',
      why: 'You get this because you are one of the visitors.',
    },
    'activity-changed': {
      subject: '{{title}}: {{word change}}',
      text:
        'The activity “{{title}}”, which you registered for, has been {{word change}}.' +
        '{{#if startsAt}}\n\nWhen: {{instant startsAt}}{{/if}}{{#if place}}\nWhere: {{place}}{{/if}}' +
        '{{#if cancellationReason}}\n\nReason given: {{cancellationReason}}{{/if}}',
      title: '{{title}}: {{word change}}',
      body: 'This activity has been {{word change}}.{{#if startsAt}} When: {{instant startsAt}}.{{/if}}{{#if place}} Where: {{place}}.{{/if}}',
      why: 'You get this because you are registered for this activity.',
      words: { rescheduled: 'rescheduled', updated: 'changed', cancelled: 'cancelled' },
    },
    'seat-offered': {
      subject: 'A seat is free for you{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'A seat has become free for {{#if activityTitle}}“{{activityTitle}}”{{else}}an activity{{/if}}, and you are first on the waiting list.' +
        '\n\nPlease accept it by {{instant offerExpiresAt}}. After that, it is offered to the next person.',
      title: 'Seat offered{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      body: 'Accept by {{instant offerExpiresAt}}, or the seat goes to the next person on the waiting list.',
      why: 'You get this because you are on the waiting list for this activity.',
    },
    'registration-changed': {
      subject: 'Your registration for {{or activityTitle "an activity"}}: {{word change}}',
      text: 'Your registration for {{#if activityTitle}}“{{activityTitle}}”{{else}}an activity{{/if}} is now {{word change}}.',
      title: '{{#if activityTitle}}{{activityTitle}}: registration{{else}}Registration{{/if}} {{word change}}',
      body: 'Your registration is now {{word change}}.',
      why: 'You get this because it concerns your own registration.',
      words: {
        confirmed: 'confirmed',
        waitlisted: 'on the waiting list',
        'offer-expired': 'lapsed, as the seat offer expired',
        cancelled: 'cancelled',
      },
    },
    'report-submitted': {
      subject: '{{or cityName "A partner city"}} submitted an expenditure report',
      text:
        '{{or cityName "A partner city"}} submitted {{#if resubmitted}}a revised{{else}}an{{/if}} expenditure report ({{word reportKind}}) ' +
        'for {{dateRange periodFrom periodTo}}{{#if total}}, claiming {{total}}{{/if}}.\n\nPlease review it.',
      title: 'Expenditure report from {{or cityName "a partner city"}}',
      body: '{{word reportKind}}, {{dateRange periodFrom periodTo}}{{#if total}}: {{total}} claimed{{/if}}. Ready for your review.',
      why: 'You get this because you coordinate the grants of this network.',
      words: { interim: 'interim report', final: 'final report' },
    },
    'report-due-soon': {
      subject: 'Expenditure report due on {{date dueOn}}',
      text: 'The expenditure report of {{or cityName "your city"}} is due on {{date dueOn}}.\n\nPlease submit it in time.',
      title: 'Report due on {{date dueOn}}',
      body: 'The expenditure report of {{or cityName "your city"}} is due on {{date dueOn}}.',
      why: 'You get this because you are your city’s liaison for its sub-grant.',
    },
    'report-overdue': {
      subject: 'Expenditure report overdue since {{date dueOn}}',
      text:
        'The expenditure report of {{or cityName "your city"}} was due on {{date dueOn}} and has not been submitted yet.' +
        '\n\nPlease submit it as soon as possible.',
      title: 'Report overdue',
      body: 'The expenditure report of {{or cityName "your city"}} was due on {{date dueOn}}.',
      why: 'You get this because you are your city’s liaison for its sub-grant.',
    },
    'milestone-slipping': {
      subject: 'Milestone at risk: {{milestoneKey}}',
      text:
        'The milestone “{{milestoneKey}}” of {{#if cityName}}{{cityName}}’s{{else}}your city’s{{/if}} action plan is due on {{date dueOn}} and is falling behind.' +
        '{{#if forecastOn}} It is now expected on {{date forecastOn}}.{{/if}}' +
        '\n\nPlease update its progress, or agree a new date with your coordinator.',
      title: 'Milestone at risk: {{milestoneKey}}',
      body: 'Due on {{date dueOn}}{{#if forecastOn}}, now expected on {{date forecastOn}}{{/if}}.',
      why: 'You get this because you are your city’s liaison for its action plan.',
    },
    'certificate-issued': {
      subject: 'Your certificate of attendance{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Your certificate of attendance{{#if activityTitle}} for “{{activityTitle}}”{{/if}} was issued on {{date issuedOn}}. Hours attended: {{attendedHours}}.' +
        '\n\nYou can download it in Intercity.',
      title: 'Certificate issued',
      body: 'Your certificate{{#if activityTitle}} for {{activityTitle}}{{/if}} is ready to download.',
      why: 'You get this because you attended this activity.',
    },
  },
};
