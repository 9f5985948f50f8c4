import type { LanguagePack } from '../catalog';

export const es: LanguagePack = {
  greeting: 'Hola, {{recipientName}}:',
  open: 'Abrir en Intercity',
  preferences: 'Cambiar sus preferencias de notificación',
  preferencesHint: 'Puede elegir qué notificaciones recibe, y con qué frecuencia, en la configuración de Intercity.',
  digest: {
    subject: 'Su resumen de Intercity',
    intro: 'Esto es lo que ha pasado desde su último resumen:',
    why: 'Recibe este resumen porque eligió recibir estas notificaciones agrupadas en lugar de una a una.',
  },
  kinds: {
    'exchange-changed': {
      subject: 'Intercambio de personal con {{or otherCityName "una ciudad socia"}}: {{word change}}',
      text:
        'Hay novedades sobre el intercambio de personal de su ciudad con {{or otherCityName "una ciudad socia"}}: {{word change}}.' +
        '{{#if visitStartsOn}}\n\nFechas de la visita: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}' +
        '{{#if cancelReason}}\n\nMotivo indicado: {{cancelReason}}{{/if}}',
      title: 'Intercambio con {{or otherCityName "una ciudad socia"}}: {{word change}}',
      body: 'Intercambio de personal con {{or otherCityName "una ciudad socia"}}: {{word change}}.{{#if visitStartsOn}} Fechas de la visita: {{dateRange visitStartsOn visitEndsOn}}.{{/if}}',
      why: 'Recibe este mensaje como persona de enlace de su ciudad para los intercambios de personal.',
      words: {
        'pairing.proposed': 'propuesto',
        'pairing.accepted': 'aceptado por una ciudad',
        'pairing.agreed': 'acordado por ambas ciudades',
        'pairing.scheduled': 'fechas fijadas para ambas visitas',
        'pairing.reported': 'informe de la visita presentado',
        'pairing.closed': 'intercambio completado',
        'pairing.cancelled': 'cancelado',
        'visit.scheduled': 'fechas de la visita fijadas',
        'visit.rescheduled': 'visita trasladada a nuevas fechas',
        'visit.visitors-changed': 'cambios en el grupo visitante',
        'visit.programme-updated': 'programa de la visita actualizado',
        'visit.done': 'visita realizada',
        'visit.report-submitted': 'informe de la visita presentado',
      },
    },
    'visit-next-week': {
      subject: 'Su visita a {{or hostCityName "la ciudad anfitriona"}} empieza la semana que viene',
      text:
        'Su visita a {{or hostCityName "la ciudad anfitriona"}} empieza la semana que viene: {{dateRange startsOn endsOn}}.' +
        '{{#if firstPlace}}\n\nPrimera cita del programa: {{date firstDay}} a las {{firstTime}}, {{firstPlace}}.{{/if}}' +
        '\n\nRevise el programa y los preparativos del viaje.',
      title: 'Visita a {{or hostCityName "la ciudad anfitriona"}} la semana que viene',
      body: '{{dateRange startsOn endsOn}}. Revise el programa y los preparativos del viaje.',
      why: 'Recibe este mensaje porque participa en esta visita.',
    },
    'activity-changed': {
      subject: '{{title}}: {{word change}}',
      text:
        'La actividad «{{title}}», en la que está inscrito/a, ha sido {{word change}}.' +
        '{{#if startsAt}}\n\nCuándo: {{instant startsAt}}{{/if}}{{#if place}}\nDónde: {{place}}{{/if}}' +
        '{{#if cancellationReason}}\n\nMotivo indicado: {{cancellationReason}}{{/if}}',
      title: '{{title}}: {{word change}}',
      body: 'La actividad ha sido {{word change}}.{{#if startsAt}} Cuándo: {{instant startsAt}}.{{/if}}{{#if place}} Dónde: {{place}}.{{/if}}',
      why: 'Recibe este mensaje porque está inscrito/a en esta actividad.',
      words: { rescheduled: 'aplazada', updated: 'modificada', cancelled: 'cancelada' },
    },
    'seat-offered': {
      subject: 'Hay una plaza libre para usted{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Ha quedado libre una plaza en {{#if activityTitle}}«{{activityTitle}}»{{else}}una actividad{{/if}} y usted es la primera persona de la lista de espera.' +
        '\n\nAcéptela antes del {{instant offerExpiresAt}}. Después se ofrecerá a la siguiente persona.',
      title: 'Plaza ofrecida{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      body: 'Acéptela antes del {{instant offerExpiresAt}}; si no, pasará a la siguiente persona de la lista de espera.',
      why: 'Recibe este mensaje porque está en la lista de espera de esta actividad.',
    },
    'registration-changed': {
      subject: 'Su inscripción en {{or activityTitle "una actividad"}}: {{word change}}',
      text: 'Su inscripción en {{#if activityTitle}}«{{activityTitle}}»{{else}}una actividad{{/if}}: {{word change}}.',
      title: '{{#if activityTitle}}{{activityTitle}}: inscripción{{else}}Inscripción{{/if}} {{word change}}',
      body: 'Su inscripción: {{word change}}.',
      why: 'Recibe este mensaje porque se refiere a su propia inscripción.',
      words: {
        confirmed: 'confirmada',
        waitlisted: 'en lista de espera',
        'offer-expired': 'caducada, porque la oferta de plaza venció',
        cancelled: 'cancelada',
      },
    },
    'report-submitted': {
      subject: '{{or cityName "Una ciudad socia"}} ha presentado un informe de gastos',
      text:
        '{{or cityName "Una ciudad socia"}} ha presentado un informe de gastos{{#if resubmitted}} revisado{{/if}} ({{word reportKind}}) ' +
        'del periodo {{dateRange periodFrom periodTo}}{{#if total}}, por un importe de {{total}}{{/if}}.\n\nPor favor, revíselo.',
      title: 'Informe de gastos de {{or cityName "una ciudad socia"}}',
      body: '{{word reportKind}}, {{dateRange periodFrom periodTo}}{{#if total}}: {{total}} solicitados{{/if}}. Pendiente de su revisión.',
      why: 'Recibe este mensaje porque coordina las subvenciones de esta red.',
      words: { interim: 'Informe intermedio', final: 'Informe final' },
    },
    'report-due-soon': {
      subject: 'Informe de gastos: vence el {{date dueOn}}',
      text: 'El informe de gastos de {{or cityName "su ciudad"}} vence el {{date dueOn}}.\n\nPor favor, preséntelo a tiempo.',
      title: 'Informe: vence el {{date dueOn}}',
      body: 'El informe de gastos de {{or cityName "su ciudad"}} vence el {{date dueOn}}.',
      why: 'Recibe este mensaje como persona de enlace de su ciudad para su subvención.',
    },
    'report-overdue': {
      subject: 'Informe de gastos vencido el {{date dueOn}}',
      text:
        'El informe de gastos de {{or cityName "su ciudad"}} vencía el {{date dueOn}} y todavía no se ha presentado.' +
        '\n\nPor favor, preséntelo lo antes posible.',
      title: 'Informe vencido',
      body: 'El informe de gastos de {{or cityName "su ciudad"}} vencía el {{date dueOn}}.',
      why: 'Recibe este mensaje como persona de enlace de su ciudad para su subvención.',
    },
    'milestone-slipping': {
      subject: 'Hito en riesgo: {{milestoneKey}}',
      text:
        'El hito «{{milestoneKey}}» del plan de acción de {{or cityName "su ciudad"}} vence el {{date dueOn}} y va con retraso.' +
        '{{#if forecastOn}} Ahora se prevé para el {{date forecastOn}}.{{/if}}' +
        '\n\nActualice su avance o acuerde una nueva fecha con la coordinación.',
      title: 'Hito en riesgo: {{milestoneKey}}',
      body: 'Vence el {{date dueOn}}{{#if forecastOn}}; ahora se prevé para el {{date forecastOn}}{{/if}}.',
      why: 'Recibe este mensaje como persona de enlace de su ciudad para su plan de acción.',
    },
    'certificate-issued': {
      subject: 'Su certificado de asistencia{{#if activityTitle}}: {{activityTitle}}{{/if}}',
      text:
        'Su certificado de asistencia{{#if activityTitle}} a «{{activityTitle}}»{{/if}} se emitió el {{date issuedOn}}. Horas de asistencia: {{attendedHours}}.' +
        '\n\nPuede descargarlo en Intercity.',
      title: 'Certificado emitido',
      body: 'Su certificado{{#if activityTitle}} de {{activityTitle}}{{/if}} ya se puede descargar.',
      why: 'Recibe este mensaje porque asistió a esta actividad.',
    },
  },
};
