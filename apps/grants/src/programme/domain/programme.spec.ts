import { money } from '@intercity/domain';
import { eur, programme, programmeInput, T0, uid } from '../../shared/domain/fixtures';
import { changeEnvelope, createProgramme, DEFAULT_TRANCHE_PATTERN, TrancheTerms } from './programme';

const violation = (rule: string, field?: string) => expect.objectContaining(field ? { rule, field } : { rule });
const create = (changes: Partial<typeof programmeInput>) => () => createProgramme(uid(200), { ...programmeInput, ...changes }, T0);
const pattern = (...shares: [TrancheTerms['kind'], number][]): TrancheTerms[] =>
  shares.map(([kind, sharePercent]) => ({ kind, sharePercent, conditions: { agreementSigned: true, reportApproved: null, minAccountedPercent: 0, milestones: [] } }));

describe('grant programme', () => {
  it('defaults to EUR 60,000 per recipient and 40/40/20 tranches, and tells it was created', () => {
    const out = createProgramme(uid(200), programmeInput, T0);
    expect(out.state.rules.maxPerRecipient).toEqual(eur(6_000_000n));
    expect(out.state.rules.tranchePattern.map((t) => [t.kind, t.sharePercent])).toEqual([
      ['pre-financing', 40],
      ['interim', 40],
      ['final', 20],
    ]);
    expect(out.facts).toMatchObject([{ type: 'grants.programme.created', aggregateId: uid(200), aggregateVersion: 1 }]);
    expect(out.state.rules.tranchePattern).not.toBe(DEFAULT_TRANCHE_PATTERN);
  });

  it('asks a programme in another currency for its own maximum', () => {
    const pln = { currency: 'PLN' as const, envelope: money(100_000_000n, 'PLN') };
    expect(create(pln)).toThrow(violation('programme.max-per-recipient-required', 'maxPerRecipient'));
    expect(create({ ...pln, maxPerRecipient: money(25_000_000n, 'PLN') })().state.rules.maxPerRecipient).toEqual(money(25_000_000n, 'PLN'));
    expect(create({ ...pln, maxPerRecipient: eur(6_000_000n) })).toThrow(violation('money.currency-mismatch', 'maxPerRecipient.currency'));
  });

  it('refuses an envelope in another currency, or of nothing', () => {
    expect(create({ envelope: money(1n, 'USD') })).toThrow(violation('money.currency-mismatch', 'envelope.currency'));
    expect(create({ envelope: eur(0n) })).toThrow(violation('programme.envelope-positive', 'envelope.amountMinor'));
  });

  it('takes tranche patterns of whole shares adding up to 100, pre-financing first and final last', () => {
    expect(create({ tranchePattern: pattern(['pre-financing', 30], ['interim', 30], ['interim', 30], ['final', 10]) })().state.rules.tranchePattern).toHaveLength(4);
    expect(create({ tranchePattern: pattern(['pre-financing', 40], ['interim', 40], ['final', 30]) })).toThrow(violation('tranche.shares-total', 'tranchePattern'));
    expect(create({ tranchePattern: pattern(['interim', 40], ['pre-financing', 40], ['final', 20]) })).toThrow(violation('tranche.order', 'tranchePattern.1.kind'));
    expect(create({ tranchePattern: pattern(['final', 80], ['interim', 20]) })).toThrow(violation('tranche.order', 'tranchePattern.0.kind'));
    expect(create({ tranchePattern: pattern(['pre-financing', 100]) })).toThrow(violation('tranche.order', 'tranchePattern'));
    expect(create({ tranchePattern: pattern(['pre-financing', 40.5], ['final', 59.5]) })).toThrow(violation('tranche.share', 'tranchePattern.0.sharePercent'));
    expect(create({ tranchePattern: [] })).toThrow(violation('tranche.pattern-empty'));
  });

  it('needs a reporting calendar with the reports its tranches wait for', () => {
    expect(create({ reportingCalendar: programmeInput.reportingCalendar.slice(0, 1) })).toThrow(violation('reporting.missing', 'reportingCalendar'));
    const [interim, final] = programmeInput.reportingCalendar;
    expect(create({ reportingCalendar: [interim, { ...final, key: 'interim-1' }] })).toThrow(violation('reporting.key-duplicate', 'reportingCalendar.1.key'));
    expect(create({ reportingCalendar: [{ ...interim, dueOn: '2024-12-30' }, final] })).toThrow(violation('reporting.due-before-period-end', 'reportingCalendar.0.dueOn'));
    expect(create({ reportingCalendar: [{ ...interim, period: { from: '2023-06-01', to: '2023-12-31' } }, final] })).toThrow(violation('reporting.period'));
  });

  it('refuses a period that ends before it starts', () => {
    expect(create({ period: { from: '2025-01-01', to: '2024-12-31' } })).toThrow(violation('period.order', 'period'));
  });

  it('changes its envelope, never below what is awarded', () => {
    const awards = [{ id: uid(300), memberId: uid(1), awarded: eur(20_000_000n) }];
    const out = changeEnvelope(programme, awards, eur(20_000_000n), 'funder amendment 2', T0);
    expect(out.state.envelope).toEqual(eur(20_000_000n));
    expect(out.facts).toMatchObject([{ type: 'grants.programme.envelope-changed', aggregateVersion: 2, data: { from: eur(25_000_000n), to: eur(20_000_000n) } }]);
    expect(() => changeEnvelope(programme, awards, eur(19_999_999n), 'cut', T0)).toThrow(violation('programme.envelope-below-awarded', 'envelope'));
    expect(changeEnvelope(programme, awards, eur(25_000_000n), 'same', T0).facts).toEqual([]);
  });
});
