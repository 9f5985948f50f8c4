import {
  allocate,
  compareMoney,
  formatMoney,
  isLocalDate,
  isPositive,
  LocalDate,
  Money,
  maxMoney,
  minMoney,
  nextVersion,
  RuleViolation,
  subtractMoney,
  sumMoney,
  zeroMoney,
} from '@intercity/domain';
import { approvedTotal, type ExpenditureReport } from '../../expenditure/domain/expenditure-report';
import type { Milestone } from '../../milestone/domain/milestone';
import type { TrancheTerms } from '../../programme/domain/programme';
import { fact, Fact, Outcome, unchanged } from '../../shared/domain/fact';
import type { Disbursement, Recovery, Settlement, SubGrant, Tranche } from '../../sub-grant/domain/sub-grant';

/**
 * Tranches of a sub-grant: each a share of the award, paid only when its conditions hold, in
 * order. Paying one records a disbursement; the final report settles what the last one pays.
 */

/** The award split by the tranches' shares, to the cent: the parts add up to the award. */
export function planTranches(awarded: Money, terms: readonly TrancheTerms[]): Tranche[] {
  const amounts = allocate(
    awarded,
    terms.map((t) => t.sharePercent),
  );
  return terms.map((t, index) => ({ ...structuredClone(t), index, amount: amounts[index], status: 'planned' }));
}

/** After an amendment: what is left of the award is shared among the unpaid tranches by their shares. */
export function replanOpenTranches(tranches: readonly Tranche[], left: Money): Tranche[] {
  const open = tranches.filter((t) => t.status === 'planned');
  if (open.length === 0) {
    if (isPositive(left)) throw RuleViolation.conflict('tranche.none-open', 'every tranche has been paid or cancelled; the award cannot grow', 'awarded');
    return [...tranches];
  }
  const amounts = allocate(
    left,
    open.map((t) => t.sharePercent),
  );
  const byIndex = new Map(open.map((t, i) => [t.index, amounts[i]]));
  return tranches.map((t) => (byIndex.has(t.index) ? { ...t, amount: byIndex.get(t.index) as Money } : t));
}

/** Everything paid to the city. */
export const released = (sg: SubGrant): Money =>
  sumMoney(
    sg.currency,
    sg.disbursements.map((d) => d.amount),
  );

/** Everything the city paid back. */
export const recovered = (sg: SubGrant): Money =>
  sumMoney(
    sg.currency,
    sg.recoveries.filter((r) => r.status === 'received').map((r) => r.amount),
  );

/** The money the city holds of the grant: paid minus paid back. */
export const netPaid = (sg: SubGrant): Money => subtractMoney(released(sg), recovered(sg));

export interface ReleaseContext {
  /** The sub-grant's expenditure reports. */
  reports: readonly ExpenditureReport[];
  /** The sub-grant's milestones. */
  milestones: readonly Milestone[];
}

export interface UnmetCondition {
  /** 'previous-tranche-released', 'agreement-signed', 'interim-report-approved', 'final-report-approved', 'accounted-share', 'milestone-reached:<key>'. */
  condition: string;
  message: string;
}

/** A tranche asked for too early: a 409 that names every condition still unmet. */
export class TrancheConditionsUnmet extends RuleViolation {
  constructor(
    readonly trancheIndex: number,
    readonly unmet: readonly UnmetCondition[],
  ) {
    super('tranche.conditions-unmet', `tranche ${trancheIndex + 1} cannot be paid yet: ${unmet.map((u) => `${u.condition} (${u.message})`).join('; ')}`, 'conflict', 'trancheIndex');
    // Clients see each condition by name, not only in the message.
    this.details = { unmet: unmet.map((u) => ({ ...u })) };
  }
}

function tranche(sg: SubGrant, index: number): Tranche {
  const t = sg.tranches.find((x) => x.index === index);
  if (!t) throw RuleViolation.unprocessable('tranche.exists', 'trancheIndex', `the sub-grant has no tranche ${index}`);
  return t;
}

/** Every condition of the tranche that does not hold now; empty when it may be paid. */
export function unmetConditions(sg: SubGrant, trancheIndex: number, ctx: ReleaseContext): UnmetCondition[] {
  const t = tranche(sg, trancheIndex);
  const unmet: UnmetCondition[] = [];
  // The final tranche does not wait for earlier ones: on the approved final report the settlement
  // cancels any still unpaid and the final pays the eligible balance, their part included.
  const before = t.kind === 'final' ? [] : sg.tranches.filter((x) => x.index < t.index && x.status === 'planned');
  if (before.length) unmet.push({ condition: 'previous-tranche-released', message: `tranche ${before.map((x) => x.index + 1).join(', ')} comes first` });
  const c = t.conditions;
  if (c.agreementSigned && !sg.agreement) unmet.push({ condition: 'agreement-signed', message: 'the grant agreement is not signed' });
  const reports = ctx.reports.filter((r) => r.subGrantId === sg.id);
  if (c.reportApproved && !reports.some((r) => r.kind === c.reportApproved && r.status === 'approved')) {
    unmet.push({ condition: `${c.reportApproved}-report-approved`, message: `no ${c.reportApproved} report has been approved` });
  }
  if (c.minAccountedPercent > 0) {
    const received = netPaid(sg);
    const approved = approvedTotal(reports, sg.currency);
    // approved / received >= pct / 100, in integers
    if (approved.amountMinor * 100n < BigInt(c.minAccountedPercent) * received.amountMinor) {
      unmet.push({
        condition: 'accounted-share',
        message: `approved expenditure of ${formatMoney(approved)} ${sg.currency} accounts for less than ${c.minAccountedPercent}% of the ${formatMoney(received)} received`,
      });
    }
  }
  for (const key of c.milestones) {
    const m = ctx.milestones.find((x) => x.subGrantId === sg.id && x.key === key);
    if (!m || m.status !== 'reached') unmet.push({ condition: `milestone-reached:${key}`, message: m ? `milestone "${m.title}" is ${m.status}` : `no milestone "${key}" is planned` });
  }
  return unmet;
}

export interface ReleaseInput {
  trancheIndex: number;
  disbursementId: string;
  paidOn: LocalDate;
  paymentReference: string;
}

export type TrancheReleased = Fact<'grants.sub-grant.tranche-released', { trancheIndex: number; disbursement: Disbursement }>;
export type FinalSettled = Fact<'grants.sub-grant.final-settled', { settlement: Settlement }>;
export type RecoveryRequested = Fact<'grants.sub-grant.recovery-requested', { recovery: Recovery }>;
export type RecoveryReceived = Fact<'grants.sub-grant.recovery-received', { recovery: Recovery }>;
export type TrancheFact = TrancheReleased | FinalSettled | RecoveryRequested | RecoveryReceived;

function checkOpen(sg: SubGrant): void {
  if (sg.status === 'closed' || sg.status === 'terminated') throw RuleViolation.conflict('sub-grant.final-status', `the sub-grant is ${sg.status}`);
  if (sg.status === 'suspended') throw RuleViolation.conflict('sub-grant.suspended', `payments are suspended: ${sg.statusReason ?? ''}`.trim());
}

/**
 * Pays a tranche whose conditions hold. The final tranche pays what the final report settled;
 * when the account is not settled yet, settling comes first, in the same outcome.
 */
export function releaseTranche(sg: SubGrant, ctx: ReleaseContext, input: ReleaseInput, now: Date): Outcome<SubGrant, TrancheFact> {
  checkOpen(sg);
  const t = tranche(sg, input.trancheIndex);
  const reference = input.paymentReference.trim();
  if (!reference) throw RuleViolation.invalid('tranche.payment-reference', 'paymentReference', 'must not be empty');
  if (!isLocalDate(input.paidOn)) throw RuleViolation.invalid('period.date', 'paidOn', 'must be a date (YYYY-MM-DD)');
  if (t.status === 'released') {
    const paid = sg.disbursements.find((d) => d.trancheIndex === t.index);
    if (paid && paid.paymentReference === reference && paid.id === input.disbursementId) return unchanged(sg);
    throw RuleViolation.conflict('tranche.already-released', `tranche ${t.index + 1} was paid on ${paid?.paidOn} (${paid?.paymentReference})`, 'trancheIndex');
  }
  if (t.status === 'cancelled') throw RuleViolation.conflict('tranche.cancelled', `tranche ${t.index + 1} was cancelled`, 'trancheIndex');
  const unmet = unmetConditions(sg, t.index, ctx);
  if (unmet.length) throw new TrancheConditionsUnmet(t.index, unmet);
  if (sg.agreement && input.paidOn < sg.agreement.signedOn) {
    throw RuleViolation.unprocessable('tranche.paid-before-signature', 'paidOn', `the agreement was signed on ${sg.agreement.signedOn}`);
  }
  const last = sg.disbursements[sg.disbursements.length - 1];
  if (last && input.paidOn < last.paidOn) throw RuleViolation.unprocessable('tranche.paid-out-of-order', 'paidOn', `the previous tranche was paid on ${last.paidOn}`);

  let current = sg;
  const facts: TrancheFact[] = [];
  if (t.kind === 'final' && !sg.settlement) {
    const settled = settleFinal(sg, ctx.reports, input.paidOn, now);
    current = settled.state;
    facts.push(...settled.facts);
  }
  const due = tranche(current, t.index);
  if (due.status === 'cancelled') return { state: current, facts };
  const after = sumMoney(current.currency, [released(current), due.amount]);
  if (compareMoney(after, current.awarded) > 0) {
    // Unreachable while the award and its tranches are kept in step; a guard all the same.
    throw RuleViolation.conflict('sub-grant.disbursed-exceeds-award', `paying ${formatMoney(due.amount)} would take the disbursed total above the award`);
  }
  const disbursement: Disbursement = { id: input.disbursementId, trancheIndex: due.index, amount: due.amount, paidOn: input.paidOn, paymentReference: reference };
  const state = nextVersion(
    current,
    {
      status: 'active',
      tranches: current.tranches.map((x) => (x.index === due.index ? { ...x, status: 'released' as const } : x)),
      disbursements: [...current.disbursements, disbursement],
    },
    now,
  );
  facts.push(fact('grants.sub-grant.tranche-released', 'sub-grant', state, { trancheIndex: due.index, disbursement }));
  return { state, facts };
}

/**
 * Settles the account on the approved final report. Eligible is the approved expenditure, at most
 * the award. The final tranche pays the eligible balance not yet received, so it shrinks when
 * approved spending falls short; tranches never paid are cancelled (the final pays their part if
 * it was spent); money received beyond what is eligible is asked back.
 */
export function settleFinal(sg: SubGrant, reports: readonly ExpenditureReport[], on: LocalDate, now: Date): Outcome<SubGrant, TrancheFact> {
  if (sg.settlement) return unchanged(sg);
  checkOpen(sg);
  const own = reports.filter((r) => r.subGrantId === sg.id);
  if (!own.some((r) => r.kind === 'final' && r.status === 'approved')) {
    throw RuleViolation.conflict('sub-grant.final-report-not-approved', 'the account is settled on an approved final report');
  }
  const final = sg.tranches.find((t) => t.kind === 'final');
  if (!final || final.status !== 'planned') throw RuleViolation.conflict('tranche.final-not-open', 'the final tranche is not open');
  const eligible = minMoney(approvedTotal(own, sg.currency), sg.awarded);
  const received = netPaid(sg);
  const balance = maxMoney(subtractMoney(eligible, received), zeroMoney(sg.currency));
  const excess = maxMoney(subtractMoney(received, eligible), zeroMoney(sg.currency));
  const settlement: Settlement = { settledOn: on, eligible, finalTranchePlanned: final.amount, finalTrancheSettled: balance, recovery: excess };
  const recovery: Recovery | null = isPositive(excess)
    ? { seq: sg.recoveries.length + 1, amount: excess, reason: 'approved expenditure below the money received', requestedOn: on, status: 'requested', receivedOn: null, reference: null }
    : null;
  const tranches = sg.tranches.map((t): Tranche => {
    if (t.index === final.index) return { ...t, amount: balance, status: isPositive(balance) ? 'planned' : 'cancelled' };
    return t.status === 'planned' ? { ...t, status: 'cancelled' } : t;
  });
  const state = nextVersion(sg, { settlement, tranches, recoveries: recovery ? [...sg.recoveries, recovery] : sg.recoveries }, now);
  const facts: TrancheFact[] = [fact('grants.sub-grant.final-settled', 'sub-grant', state, { settlement })];
  if (recovery) facts.push(fact('grants.sub-grant.recovery-requested', 'sub-grant', state, { recovery }));
  return { state, facts };
}

/** Money asked back has come in. */
export function recordRecoveryReceived(sg: SubGrant, input: { seq: number; receivedOn: LocalDate; reference: string }, now: Date): Outcome<SubGrant, TrancheFact> {
  const r = sg.recoveries.find((x) => x.seq === input.seq);
  if (!r) throw RuleViolation.unprocessable('recovery.exists', 'seq', `no recovery ${input.seq}`);
  const reference = input.reference.trim();
  if (!reference) throw RuleViolation.invalid('recovery.reference', 'reference', 'must not be empty');
  if (!isLocalDate(input.receivedOn)) throw RuleViolation.invalid('period.date', 'receivedOn', 'must be a date (YYYY-MM-DD)');
  if (r.status === 'received') {
    if (r.reference === reference) return unchanged(sg);
    throw RuleViolation.conflict('recovery.already-received', `recovery ${r.seq} came in on ${r.receivedOn} (${r.reference})`);
  }
  if (input.receivedOn < r.requestedOn) throw RuleViolation.unprocessable('recovery.before-request', 'receivedOn', `it was asked for on ${r.requestedOn}`);
  const done: Recovery = { ...r, status: 'received', receivedOn: input.receivedOn, reference };
  const state = nextVersion(sg, { recoveries: sg.recoveries.map((x) => (x.seq === r.seq ? done : x)) }, now);
  return { state, facts: [fact('grants.sub-grant.recovery-received', 'sub-grant', state, { recovery: done })] };
}
