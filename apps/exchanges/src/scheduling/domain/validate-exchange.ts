import { addDays, LocalDate, RuleViolation } from '@intercity/domain';
import { VisitDates, WorkingCalendar, WorkingDays } from '../../calendar/domain/working-calendar';
import { MAX_GAP_DAYS, PairingCalendars } from './propose-windows';
import { busyDuring, checkVisitors, Visitor } from './visitors';

export interface PlannedVisit extends VisitDates {
  visitors?: readonly Visitor[];
}

export interface ExchangeSchedule extends PairingCalendars {
  visitOne: PlannedVisit;
  visitTwo: PlannedVisit;
  minGapDays: number;
}

/** A visit day that is a public holiday in the visitors' home city: allowed when chosen, worth showing. */
export interface HomeHolidayNotice {
  visit: 'one' | 'two';
  date: LocalDate;
  name: string;
}

export interface CheckedExchange {
  visitOne: WorkingDays;
  visitTwo: WorkingDays;
  notices: HomeHolidayNotice[];
}

/**
 * Checks dates that people chose (the assistant's or their own) and throws the first rule broken:
 * each visit five working days of its host with no blackout of the host or of the visitors' home
 * city, no visitor busy elsewhere, visit two starting at least `minGapDays` whole days after visit
 * one ends. A public holiday of the visitors' home city on a visit day is not refused, since the
 * cities may agree to it; the assistant never proposes one, and it comes back as a notice.
 */
export function validateExchange(schedule: ExchangeSchedule): CheckedExchange {
  const { mentoring, implementing, visitOne, visitTwo, minGapDays } = schedule;
  if (!Number.isInteger(minGapDays) || minGapDays < 0 || minGapDays > MAX_GAP_DAYS) {
    throw RuleViolation.invalid('scheduling.min-gap-days', 'minGapDays', `the gap is a whole number of days from 0 to ${MAX_GAP_DAYS}`);
  }
  const one = checkVisit('visitOne', visitOne, mentoring, implementing);
  const two = checkVisit('visitTwo', visitTwo, implementing, mentoring);
  if (visitTwo.start <= visitOne.end) {
    throw RuleViolation.invalid(
      'exchange.visit-two-before-visit-one',
      'visitTwo.start',
      `visit two (from ${visitTwo.start}) must start after visit one has ended (${visitOne.end})`,
    );
  }
  const earliest = addDays(visitOne.end, minGapDays + 1);
  if (visitTwo.start < earliest) {
    throw RuleViolation.invalid(
      'exchange.visit-gap',
      'visitTwo.start',
      `visit two starts ${minGapDays} or more whole days after visit one ends (${visitOne.end}): on ${earliest} at the earliest`,
    );
  }
  const notices: HomeHolidayNotice[] = [
    ...homeHolidays('one', one, implementing),
    ...homeHolidays('two', two, mentoring),
  ];
  return { visitOne: one, visitTwo: two, notices };
}

function checkVisit(field: 'visitOne' | 'visitTwo', visit: PlannedVisit, host: WorkingCalendar, home: WorkingCalendar): WorkingDays {
  const days = host.validateVisit(visit, field);
  const blackout = home.blackouts.find((b) => b.from <= visit.end && visit.start <= b.to);
  if (blackout) {
    throw RuleViolation.conflict(
      'exchange.visiting-city-blackout',
      `the visitors' city is closed from ${blackout.from} to ${blackout.to} (${blackout.name}), within ${visit.start}..${visit.end}`,
      `${field}.start`,
    );
  }
  const visitors = visit.visitors ?? [];
  checkVisitors(visitors, `${field}.visitors`);
  visitors.forEach((v, i) => {
    const busy = busyDuring(v, visit.start, visit.end);
    if (busy) {
      throw RuleViolation.conflict(
        'exchange.visitor-busy',
        `${v.personId} is taken from ${busy.from} to ${busy.to ?? 'further notice'}, within ${visit.start}..${visit.end}`,
        `${field}.visitors[${i}]`,
      );
    }
  });
  return days;
}

function homeHolidays(visit: 'one' | 'two', days: WorkingDays, home: WorkingCalendar): HomeHolidayNotice[] {
  return days.days.flatMap((date) => {
    const name = home.publicHolidayOn(date);
    return name ? [{ visit, date, name }] : [];
  });
}
