import { money } from '@intercity/domain';
import { awardInput, eur, LIAISON_OFFENBACH, LIAISON_RAVENNA, OFFENBACH, OFFICER, programme, T0, uid } from '../../shared/domain/fixtures';
import { awardSubGrant, signAgreement, SubGrant } from '../../sub-grant/domain/sub-grant';
import { approvedTotal, approveReport, ExpenditureReport, rejectReport, reportedTotal, resubmitReport, returnReport, submitReport } from './expenditure-report';

const violation = (rule: string, field?: string) => expect.objectContaining(field ? { rule, field } : { rule });
const sg: SubGrant = signAgreement(awardSubGrant(programme, [], uid(300), awardInput(OFFENBACH, 5_000_000n), T0).state, { signedOn: '2024-02-01', documentRef: 'GA' }, T0).state;
const lines = [
  { category: 'staff' as const, spent: eur(1_000_000n) },
  { category: 'travel' as const, spent: eur(250_050n) },
];
const submit = (input: Partial<Parameters<typeof submitReport>[3]> = {}, reports: ExpenditureReport[] = [], by = LIAISON_OFFENBACH) =>
  submitReport(sg, reports, uid(700), { deadlineKey: 'interim-1', lines, ...input }, by, '2025-01-20', T0);

describe('expenditure reports', () => {
  it('are submitted by the city\'s liaison for a deadline of its calendar, per budget line', () => {
    const out = submit();
    expect(out.state).toMatchObject({ status: 'submitted', kind: 'interim', period: { from: '2024-01-01', to: '2024-12-31' }, revision: 1, submittedBy: LIAISON_OFFENBACH.personId });
    expect(out.facts).toMatchObject([{ type: 'grants.expenditure-report.submitted', aggregateType: 'expenditure-report' }]);
    expect(reportedTotal([out.state], 'EUR')).toEqual(eur(1_250_050n));
    expect(approvedTotal([out.state], 'EUR')).toEqual(eur(0n));
  });

  it('refuse another city\'s liaison, an unknown deadline, an unknown budget line, or a second report', () => {
    expect(() => submit({}, [], LIAISON_RAVENNA)).toThrow(violation('report.other-city'));
    expect(() => submit({ deadlineKey: 'interim-9' })).toThrow(violation('report.deadline', 'deadlineKey'));
    expect(() => submit({ lines: [] })).toThrow(violation('report.lines-empty', 'lines'));
    expect(() => submit({ lines: [{ category: 'catering' as never, spent: eur(1n) }] })).toThrow(violation('report.category', 'lines.0.category'));
    expect(() => submit({ lines: [{ category: 'staff', spent: eur(-1n) }] })).toThrow(violation('money.negative', 'lines.0.spent.amountMinor'));
    expect(() => submit({}, [submit().state])).toThrow(violation('report.duplicate', 'deadlineKey'));
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

  it('are approved in full or in part; approved expenditure is what counts', () => {
    const submitted = submit().state;
    const full = approveReport(submitted, { by: OFFICER, on: '2025-01-25' }, T0);
    expect(full.facts).toMatchObject([{ type: 'grants.expenditure-report.approved', data: { approved: eur(1_250_050n), kind: 'interim' } }]);
    const part = approveReport(submitted, { by: OFFICER, on: '2025-01-25', accepted: [eur(1_000_000n), eur(200_000n)], reasons: ['taxi receipts missing'] }, T0).state;
    expect(approvedTotal([part], 'EUR')).toEqual(eur(1_200_000n));
    expect(() => approveReport(submitted, { by: OFFICER, on: '2025-01-25', accepted: [eur(1_000_001n), eur(0n)] }, T0)).toThrow(
      violation('report.accepted-exceeds-reported', 'accepted.0'),
    );
    expect(() => approveReport(submitted, { by: OFFICER, on: '2025-01-25', accepted: [eur(1n)] }, T0)).toThrow(violation('report.accepted-lines', 'accepted'));
    expect(approveReport(full.state, { by: OFFICER, on: '2025-01-26' }, T0).facts).toEqual([]);
  });

  it('are rejected with reasons (a new report may follow) or returned for changes (and resubmitted)', () => {
    const submitted = submit().state;
    expect(() => rejectReport(submitted, { by: OFFICER, on: '2025-01-25', reasons: [' '] }, T0)).toThrow(violation('report.reasons', 'reasons'));
    const rejected = rejectReport(submitted, { by: OFFICER, on: '2025-01-25', reasons: ['not our programme'] }, T0).state;
    expect(rejected.decisions).toEqual([{ decision: 'rejected', by: OFFICER, on: '2025-01-25', reasons: ['not our programme'] }]);
    expect(submit({}, [rejected]).state.status).toBe('submitted');

    const returned = returnReport(submitted, { by: OFFICER, on: '2025-01-25', reasons: ['split travel by trip'] }, T0).state;
    expect(() => submit({}, [returned])).toThrow(violation('report.duplicate'));
    const again = resubmitReport(sg, returned, [{ category: 'staff', spent: eur(900_000n) }], LIAISON_OFFENBACH, '2025-01-28', T0).state;
    expect(again).toMatchObject({ status: 'submitted', revision: 2 });
    expect(() => approveReport(returned, { by: OFFICER, on: '2025-01-25' }, T0)).toThrow(violation('report.status'));
    expect(() => approveReport(submitted, { by: OFFICER, on: '2025-01-19' }, T0)).toThrow(violation('report.decided-before-submission', 'on'));
  });
});
