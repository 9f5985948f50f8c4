import { money } from '@intercity/domain';
import { awardInput, eur, LIAISON_OFFENBACH, LIAISON_RAVENNA, OFFENBACH, OFFICER, programme, T0, uid } from '../../shared/domain/fixtures';
import { awardSubGrant, signAgreement, SubGrant } from '../../sub-grant/domain/sub-grant';
import {
  approvedTotal,
  approveReport,
  CityReport,
  cityReportArrival,
  combineReport,
  ExpenditureReport,
  rejectReport,
  reportedTotal,
  ReportReview,
  resubmitReport,
  returnReport,
  submitReport,
} from './expenditure-report';

const violation = (rule: string, field?: string) => expect.objectContaining(field ? { rule, field } : { rule });
const sg: SubGrant = signAgreement(awardSubGrant(programme, [], uid(300), awardInput(OFFENBACH, 5_000_000n), T0).state, { signedOn: '2024-02-01', documentRef: 'GA' }, T0).state;
const lines = [
  { category: 'staff' as const, spent: eur(1_000_000n) },
  { category: 'travel' as const, spent: eur(250_050n) },
];
const submit = (input: Partial<Parameters<typeof submitReport>[3]> = {}, reports: ExpenditureReport[] = [], by = LIAISON_OFFENBACH) =>
  submitReport(sg, reports, uid(700), { deadlineKey: 'interim-1', lines, ...input }, by, '2025-01-20', T0);
/** The report as clients see it: the city's report and the hub's reviews of it. */
const view = (report: CityReport, reviews: ReportReview[] = []) => combineReport(report, reviews);

describe('expenditure reports', () => {
  it('are submitted by the city\'s liaison for a deadline of its calendar, per budget line', () => {
    const out = submit();
    expect(out.state).toMatchObject({ kind: 'interim', period: { from: '2024-01-01', to: '2024-12-31' }, revision: 1, version: 1, submittedBy: LIAISON_OFFENBACH.personId });
    expect(out.state).not.toHaveProperty('status');
    expect(out.facts).toMatchObject([{ type: 'grants.city-report.submitted', aggregateType: 'city-report', aggregateId: uid(700) }]);
    expect(view(out.state)).toMatchObject({ status: 'submitted', decisions: [], accepted: null, version: 1 });
    expect(reportedTotal([view(out.state)], 'EUR')).toEqual(eur(1_250_050n));
    expect(approvedTotal([view(out.state)], 'EUR')).toEqual(eur(0n));
  });

  it('refuse another city\'s liaison, an unknown deadline, an unknown budget line, or a second report', () => {
    expect(() => submit({}, [], LIAISON_RAVENNA)).toThrow(violation('report.other-city'));
    expect(() => submit({ deadlineKey: 'interim-9' })).toThrow(violation('report.deadline', 'deadlineKey'));
    expect(() => submit({ lines: [] })).toThrow(violation('report.lines-empty', 'lines'));
    expect(() => submit({ lines: [{ category: 'catering' as never, spent: eur(1n) }] })).toThrow(violation('report.category', 'lines.0.category'));
    expect(() => submit({ lines: [{ category: 'staff', spent: eur(-1n) }] })).toThrow(violation('money.negative', 'lines.0.spent.amountMinor'));
    expect(() => submit({}, [view(submit().state)])).toThrow(violation('report.duplicate', 'deadlineKey'));
  });

  it('convert spending in another currency at the rate given, recording rate and date', () => {
    const rate = { from: 'PLN' as const, to: 'EUR' as const, rate: '0.0893', rateDate: '2024-12-31' };
    const out = submit({ lines: [{ category: 'staff', spent: money(123_456n, 'PLN'), rate }] });
    expect(out.state.lines[0]).toEqual({ category: 'staff', amount: eur(11_025n), spent: { amount: money(123_456n, 'PLN'), rate, rounding: 'half-up' } });
    expect(() => submit({ lines: [{ category: 'staff', spent: money(1n, 'PLN') }] })).toThrow(violation('report.rate-required', 'lines.0.rate'));
    expect(() => submit({ lines: [{ category: 'staff', spent: eur(1n), rate: { ...rate, from: 'EUR' } }] })).toThrow(violation('report.rate-unexpected', 'lines.0.rate'));
    expect(() => submit({ lines: [{ category: 'staff', spent: money(1n, 'CZK'), rate }] })).toThrow(violation('report.rate-currency', 'lines.0.rate'));
    expect(() => submit({ lines: [{ category: 'staff', spent: money(1n, 'PLN'), rate: { ...rate, rateDate: '2025-02-01' } }] })).toThrow(violation('report.rate-date', 'lines.0.rate.rateDate'));
  });

  it('are approved in full or in part, each revision once; approved expenditure is what counts', () => {
    const report = submit().state;
    const full = approveReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25' }, T0);
    expect(full.facts).toMatchObject([{ type: 'grants.report-review.approved', aggregateType: 'report-review', aggregateId: uid(900), data: { approved: eur(1_250_050n) } }]);
    expect(full.state).toMatchObject({ reportId: report.id, revision: 1, version: 1, accepted: [eur(1_000_000n), eur(250_050n)] });
    const part = approveReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', accepted: [eur(1_000_000n), eur(200_000n)], reasons: ['taxi receipts missing'] }, T0).state!;
    expect(view(report, [part])).toMatchObject({ status: 'approved', accepted: [eur(1_000_000n), eur(200_000n)], version: 2, decisions: [{ decision: 'approved', reasons: ['taxi receipts missing'] }] });
    expect(approvedTotal([view(report, [part])], 'EUR')).toEqual(eur(1_200_000n));
    expect(() => approveReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', accepted: [eur(1_000_001n), eur(0n)] }, T0)).toThrow(
      violation('report.accepted-exceeds-reported', 'accepted.0'),
    );
    expect(() => approveReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', accepted: [eur(1n)] }, T0)).toThrow(violation('report.accepted-lines', 'accepted'));
    // Approving again changes nothing; any other decision on a decided revision is refused.
    expect(approveReport({ report, reviews: [full.state!] }, uid(901), { by: OFFICER, on: '2025-01-26' }, T0)).toEqual({ state: null, facts: [] });
    expect(() => returnReport({ report, reviews: [full.state!] }, uid(901), { by: OFFICER, on: '2025-01-26', reasons: ['late'] }, T0)).toThrow(violation('report.status'));
  });

  it('are rejected with reasons (a new report may follow) or returned for changes (and resubmitted)', () => {
    const report = submit().state;
    expect(() => rejectReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', reasons: [' '] }, T0)).toThrow(violation('report.reasons', 'reasons'));
    const rejected = rejectReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', reasons: ['not our programme'] }, T0);
    expect(rejected.facts).toMatchObject([{ type: 'grants.report-review.rejected', aggregateType: 'report-review' }]);
    expect(view(report, [rejected.state]).decisions).toEqual([{ decision: 'rejected', by: OFFICER, on: '2025-01-25', reasons: ['not our programme'] }]);
    expect(submit({}, [view(report, [rejected.state])]).state.revision).toBe(1);

    const returned = returnReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', reasons: ['split travel by trip'] }, T0).state;
    expect(() => submit({}, [view(report, [returned])])).toThrow(violation('report.duplicate'));
    const again = resubmitReport(sg, report, [returned], [{ category: 'staff', spent: eur(900_000n) }], LIAISON_OFFENBACH, '2025-01-28', T0);
    expect(again.state).toMatchObject({ revision: 2, version: 2, lines: [{ category: 'staff', amount: eur(900_000n) }] });
    expect(again.facts).toMatchObject([{ type: 'grants.city-report.resubmitted', aggregateType: 'city-report', aggregateVersion: 2 }]);
    // The returned revision's review stays in the record; the new revision awaits its own.
    expect(view(again.state, [returned])).toMatchObject({ status: 'submitted', revision: 2, version: 3, accepted: null, decisions: [{ decision: 'returned' }] });
    expect(() => approveReport({ report, reviews: [returned] }, uid(901), { by: OFFICER, on: '2025-01-25' }, T0)).toThrow(violation('report.status'));
    expect(() => approveReport({ report, reviews: [] }, uid(901), { by: OFFICER, on: '2025-01-19' }, T0)).toThrow(violation('report.decided-before-submission', 'on'));
  });

  it("resubmit only when the last review of the current revision returned it, as the report's home knows it", () => {
    const report = submit().state;
    const resubmit = (reviews: ReportReview[], r: CityReport = report) => resubmitReport(sg, r, reviews, lines, LIAISON_OFFENBACH, '2025-01-28', T0);
    // Not yet reviewed (or the hub's review not yet arrived at the city's node): nothing to resubmit.
    expect(() => resubmit([])).toThrow(violation('report.status'));
    const approved = approveReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25' }, T0).state!;
    expect(() => resubmit([approved])).toThrow(violation('report.status'));
    const returned = returnReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', reasons: ['add invoices'] }, T0).state;
    const second = resubmit([returned]).state;
    // Revision 1's return does not open revision 2 for another resubmission.
    expect(() => resubmit([returned], second)).toThrow(violation('report.status'));
    expect(() => resubmitReport(sg, report, [returned], lines, LIAISON_RAVENNA, '2025-01-28', T0)).toThrow(violation('report.other-city'));
  });

  it("combine the city's report and the hub's reviews into what clients read, whatever order the reviews come in", () => {
    const report = submit().state;
    const returned = returnReport({ report, reviews: [] }, uid(900), { by: OFFICER, on: '2025-01-25', reasons: ['add invoices'] }, new Date('2025-01-25T09:00:00Z')).state;
    const second = resubmitReport(sg, report, [returned], lines, LIAISON_OFFENBACH, '2025-01-28', new Date('2025-01-28T09:00:00Z')).state;
    const approved = approveReport({ report: second, reviews: [returned] }, uid(901), { by: OFFICER, on: '2025-02-01' }, new Date('2025-02-01T09:00:00Z')).state!;
    const shown: ExpenditureReport = view(second, [approved, returned]);
    expect(shown).toMatchObject({ status: 'approved', revision: 2, version: 4, decisions: [{ decision: 'returned' }, { decision: 'approved' }], updatedAt: new Date('2025-02-01T09:00:00Z') });
    // A review of a revision the report has not reached (a copy ahead of its report) is not shown yet.
    expect(view(report, [returned, approved])).toMatchObject({ status: 'returned', version: 2, decisions: [{ decision: 'returned' }] });
  });
});

describe("a city's report arriving from its home node", () => {
  const report = submit().state;
  const returned = returnReport({ report, reviews: [] }, uid(901), { by: OFFICER, on: '2025-01-25', reasons: ['payslips'] }, T0).state;
  const revision2 = resubmitReport(sg, report, [returned], lines, LIAISON_OFFENBACH, '2025-01-28', T0).state;
  const approved2 = approveReport({ report: revision2, reviews: [returned] }, uid(902), { by: OFFICER, on: '2025-02-01' }, T0).state!;
  const refused = (reason: string) => ({ verdict: 'refuse', reason: expect.stringContaining(reason) });

  it('is kept when new, newer, and following its life; a version held already is stale', () => {
    expect(cityReportArrival(undefined, [], report, sg)).toEqual({ verdict: 'keep' });
    expect(cityReportArrival(report, [returned], revision2, sg)).toEqual({ verdict: 'keep' });
    expect(cityReportArrival(revision2, [returned], report, sg)).toEqual({ verdict: 'stale' });
    expect(cityReportArrival(report, [], report, sg)).toEqual({ verdict: 'stale' });
    // The outbox kept only the newest resubmission: the revisions skipped were each returned.
    const revision3 = { ...revision2, revision: 3, version: 3 };
    const returned2 = { ...returned, id: uid(903), revision: 2 };
    expect(cityReportArrival(report, [returned, returned2], revision3, sg)).toEqual({ verdict: 'keep' });
    expect(cityReportArrival(report, [returned], revision3, sg)).toEqual(refused('follows revision 2, which was not decided'));
  });

  it("never moves a report to another sub-grant, member or deadline, nor onto a sub-grant that isn't the member's", () => {
    const other = { ...sg, id: uid(301), memberId: uid(999) };
    const moved = { ...revision2, subGrantId: other.id, memberId: other.memberId };
    expect(cityReportArrival(report, [returned], moved, other)).toEqual(refused('a later version may not move it'));
    expect(cityReportArrival(report, [returned], { ...revision2, deadlineKey: 'final' }, sg)).toEqual(refused('a later version may not move it'));
    expect(cityReportArrival(undefined, [], { ...report, memberId: uid(999) }, sg)).toEqual(refused('it is member'));
    expect(cityReportArrival(undefined, [], report, undefined)).toEqual(refused('which this node does not hold'));
    expect(cityReportArrival(undefined, [], { ...report, deadlineKey: 'interim-9' }, sg)).toEqual(refused('no "interim-9"'));
  });

  it('never changes a revision once reviewed, nor reopens one that was not returned', () => {
    expect(cityReportArrival(revision2, [returned, approved2], { ...revision2, version: 3 }, sg)).toEqual(refused('revision 2 was approved'));
    expect(cityReportArrival(revision2, [returned, approved2], { ...revision2, revision: 3, version: 3 }, sg)).toEqual(refused('which was approved, not returned'));
    expect(cityReportArrival(revision2, [returned], { ...report, version: 3 }, sg)).toEqual(refused('revision 1 comes after revision 2'));
  });

  it('is not filed on a sub-grant that takes no reports', () => {
    expect(cityReportArrival(undefined, [], report, { ...sg, status: 'closed' })).toEqual(refused('the sub-grant is closed: it takes no reports'));
    expect(cityReportArrival(undefined, [], report, { ...sg, status: 'awarded' })).toEqual(refused('the sub-grant is awarded'));
    expect(cityReportArrival(report, [returned], revision2, { ...sg, status: 'closed' })).toEqual(refused('the sub-grant is closed'));
  });
});
