import { addDays, LocalDate } from '@intercity/domain';
import { ExpenditureReport } from '../../expenditure/domain/expenditure-report';
import { forecastMilestone, Milestone, planMilestone, rescheduleMilestone } from '../../milestone/domain/milestone';
import { award, eur, LIAISON_OFFENBACH, OFFENBACH, OFFICER, programme, RAVENNA, T0, uid, shown } from '../../shared/domain/fixtures';
import { signAgreement, SubGrant } from '../../sub-grant/domain/sub-grant';
import { releaseTranche } from '../../tranche/domain/tranche';
import { burnRate, elapsedBp, watchFacts, watchProgramme, watchSubGrant } from './watch';

const signed = (sg: SubGrant) => signAgreement(sg, { signedOn: '2024-02-01', documentRef: 'GA' }, T0).state;
const sg = releaseTranche(signed(award(OFFENBACH, 5_000_000n)), { reports: [], milestones: [] }, { trancheIndex: 0, disbursementId: uid(900), paidOn: '2024-02-10', paymentReference: 'P1' }, T0).state;
const interim: ExpenditureReport = shown.approve(
  shown.submit(sg, [], uid(700), { deadlineKey: 'interim-1', lines: [{ category: 'staff', spent: eur(1_500_000n) }] }, LIAISON_OFFENBACH, '2025-01-20', T0).state,
  { by: OFFICER, on: '2025-01-25', accepted: [eur(1_000_000n)] },
  T0,
).state;
const milestone: Milestone = planMilestone(sg, [], uid(800), { key: 'shop-open', title: 'Shop opens', dueOn: '2024-09-30' }, T0).state;

describe("the officer's watch", () => {
  it('shows awarded, disbursed, reported, approved and remaining per sub-grant and per programme', () => {
    const other = award(RAVENNA, 3_000_000n, uid(301));
    const w = watchProgramme(programme, [sg, other], [interim], [milestone], '2025-01-26');
    expect(w.subGrants[0].figures).toEqual({
      awarded: eur(5_000_000n),
      disbursed: eur(2_000_000n),
      recovered: eur(0n),
      netPaid: eur(2_000_000n),
      reported: eur(1_500_000n),
      approved: eur(1_000_000n),
      remaining: eur(3_000_000n),
    });
    expect(w.figures).toMatchObject({ awarded: eur(8_000_000n), disbursed: eur(2_000_000n), remaining: eur(6_000_000n) });
    expect(w.unawarded).toEqual(eur(17_000_000n));
  });

  it('measures burn rate against time elapsed in basis points', () => {
    const period = { from: '2024-01-01', to: '2024-12-31' };
    expect(elapsedBp(period, '2023-12-31')).toBe(0);
    expect(elapsedBp(period, '2024-12-31')).toBe(10_000);
    expect(elapsedBp(period, '2025-06-01')).toBe(10_000);
    expect(burnRate(eur(1_000n), eur(10_000n), period, '2024-07-01')).toEqual({ spentBp: 1000, elapsedBp: 5000, behind: true });
    expect(burnRate(eur(4_000n), eur(10_000n), period, '2024-07-01').behind).toBe(false);
  });

  it('tells a report due soon, then overdue, each under one stable key', () => {
    const on = (day: LocalDate, reports: ExpenditureReport[] = []) => watchFacts(sg, reports, [], day).filter((f) => f.subject === 'interim-1');
    expect(on('2025-01-23')).toEqual([]);
    const soon = on('2025-01-24');
    expect(soon).toEqual([expect.objectContaining({ type: 'grants.report.due-soon', key: `report-due-soon:${sg.id}:interim-1:2025-01-31`, dueOn: '2025-01-31' })]);
    expect(on('2025-01-31').map((f) => f.key)).toEqual(soon.map((f) => f.key));
    expect(on('2025-02-01')).toEqual([expect.objectContaining({ type: 'grants.report.overdue', key: `report-overdue:${sg.id}:interim-1:2025-01-31` })]);
    expect(on('2025-03-01').map((f) => f.key)).toEqual([`report-overdue:${sg.id}:interim-1:2025-01-31`]);
    expect(on('2025-02-01', [interim])).toEqual([]);
    expect(watchSubGrant(sg, [], [], '2025-02-01').reportsOverdue.map((d) => d.key)).toEqual(['interim-1']);
  });

  it('tells a slipping milestone, again only after it is rescheduled', () => {
    const slipping = (m: Milestone, day: LocalDate) => watchFacts(sg, [interim], [m], day).filter((f) => f.type === 'grants.milestone.slipping');
    expect(slipping(milestone, '2024-09-30')).toEqual([]);
    expect(slipping(milestone, '2024-10-01')).toEqual([expect.objectContaining({ key: `milestone-slipping:${milestone.id}:2024-09-30`, subject: 'shop-open' })]);
    expect(slipping(forecastMilestone(milestone, '2024-10-15', T0).state, '2024-09-01')).toEqual([expect.objectContaining({ forecastOn: '2024-10-15' })]);
    const moved = rescheduleMilestone(milestone, sg, '2024-11-30', 'builder late', T0).state;
    expect(slipping(moved, '2024-10-01')).toEqual([]);
    expect(slipping(moved, addDays('2024-11-30', 1)).map((f) => f.key)).toEqual([`milestone-slipping:${milestone.id}:2024-11-30`]);
  });

  it('leaves unsigned, closed and terminated sub-grants out of the reminders', () => {
    expect(watchFacts(award(), [], [milestone], '2025-02-01')).toEqual([]);
  });
});
