import { allocate, LocalDate, money, Money } from '@intercity/domain';
import {
  ApproveInput,
  approveReport,
  CityReport,
  combineReport,
  ExpenditureLineInput,
  ExpenditureReport,
  Liaison,
  rejectReport,
  ReportFact,
  ReportReview,
  resubmitReport,
  returnReport,
  Reviewable,
  splitReport,
  submitReport,
} from '../../expenditure/domain/expenditure-report';
import type { Outcome } from './fact';
import { createProgramme, GrantProgramme, ProgrammeInput } from '../../programme/domain/programme';
import { AwardInput, awardSubGrant, BUDGET_CATEGORIES, SubGrant } from '../../sub-grant/domain/sub-grant';

/**
 * A small world for the domain specs: a CONNECTION-like EU programme of EUR 250,000 in sub-grants
 * (at most EUR 60,000 a city, 40/40/20), and a few member cities. Specs only.
 */

/** A UUID from a small number, readable in failures. */
export const uid = (n: number): string => `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const OFFENBACH = uid(1);
export const RAVENNA = uid(2);
export const CARTAGENA = uid(3);
export const GDANSK = uid(4);
export const OFFICER = uid(50);
export const LIAISON_OFFENBACH = { personId: uid(60), memberId: OFFENBACH };
export const LIAISON_RAVENNA = { personId: uid(61), memberId: RAVENNA };

export const T0 = new Date('2024-01-15T09:00:00Z');

export const eur = (minor: bigint): Money => money(minor, 'EUR');

export const programmeInput: ProgrammeInput = {
  projectId: uid(100),
  funder: 'EU AMIF',
  name: 'CONNECTION sub-grants',
  currency: 'EUR',
  envelope: eur(25_000_000n),
  period: { from: '2024-01-01', to: '2025-12-31' },
  reportingCalendar: [
    { key: 'interim-1', kind: 'interim', period: { from: '2024-01-01', to: '2024-12-31' }, dueOn: '2025-01-31' },
    { key: 'final', kind: 'final', period: { from: '2024-01-01', to: '2025-12-31' }, dueOn: '2026-01-31' },
  ],
};

export const programme: GrantProgramme = createProgramme(uid(200), programmeInput, T0).state;

/** Budget lines that add up to the amount: half staff, the rest shared. */
export function budgetFor(amount: Money): AwardInput['budgetLines'] {
  const parts = allocate(amount, [50, 20, 10, 10, 10]);
  return BUDGET_CATEGORIES.map((category, i) => ({ category, amount: parts[i] }));
}

export function awardInput(memberId: string, minor = 5_000_001n): AwardInput {
  const awarded = eur(minor);
  return {
    memberId,
    actionPlan: {
      title: 'One-stop-shop for newcomers',
      objectives: ['Open a one-stop-shop', 'Train 20 front-desk staff'],
      stakeholders: ['Job centre', 'Adult education institute'],
      endorsementDocumentRef: 'council-decision-2023-117',
    },
    awarded,
    budgetLines: budgetFor(awarded),
    period: { from: '2024-02-01', to: '2025-11-30' },
  };
}

export function award(memberId = OFFENBACH, minor = 5_000_001n, id = uid(300), p: GrantProgramme = programme, others: SubGrant[] = []): SubGrant {
  return awardSubGrant(p, others, id, awardInput(memberId, minor), T0).state;
}

/**
 * The report rules followed through the report clients see (the city's report combined with the
 * hub's reviews), with the old rules' arguments: for specs about what reports count for, not
 * where they are written. `aggregate` is what the rule changed, the state its facts describe.
 */
/** A review's id: its report's, with the revision in the fourth group. */
const reviewIdOf = (reportId: string, revision: number) => `${reportId.slice(0, 19)}9${String(revision).padStart(3, '0')}${reportId.slice(23)}`;
export type Shown = { state: ExpenditureReport; facts: ReportFact[]; aggregate: CityReport | ReportReview };

const afterReview = (r: ExpenditureReport, review: (held: Reviewable, id: string) => Outcome<ReportReview | null, ReportFact>): Shown => {
  const held = splitReport(r, reviewIdOf);
  const o = review(held, reviewIdOf(r.id, r.revision));
  if (!o.state) return { state: r, facts: [], aggregate: held.report };
  return { state: combineReport(held.report, [...held.reviews, o.state]), facts: o.facts, aggregate: o.state };
};

export const shown = {
  submit(...args: Parameters<typeof submitReport>): Shown {
    const o = submitReport(...args);
    return { state: combineReport(o.state, []), facts: o.facts, aggregate: o.state };
  },
  resubmit(sg: SubGrant, r: ExpenditureReport, lines: ExpenditureLineInput[], by: Liaison, on: LocalDate, now: Date): Shown {
    const held = splitReport(r, reviewIdOf);
    const o = resubmitReport(sg, held.report, held.reviews, lines, by, on, now);
    return { state: combineReport(o.state, held.reviews), facts: o.facts, aggregate: o.state };
  },
  approve: (r: ExpenditureReport, input: ApproveInput, now: Date): Shown => afterReview(r, (held, id) => approveReport(held, id, input, now)),
  reject: (r: ExpenditureReport, input: { by: string; on: LocalDate; reasons: string[] }, now: Date): Shown => afterReview(r, (held, id) => rejectReport(held, id, input, now)),
  return: (r: ExpenditureReport, input: { by: string; on: LocalDate; reasons: string[] }, now: Date): Shown => afterReview(r, (held, id) => returnReport(held, id, input, now)),
};
