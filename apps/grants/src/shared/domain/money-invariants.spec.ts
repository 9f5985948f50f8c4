import { addDays, allocate, compareMoney, LocalDate, money, Money, RuleViolation, sumMoney, Versioned } from '@intercity/domain';
import fc from 'fast-check';
import { ExpenditureReport } from '../../expenditure/domain/expenditure-report';
import { addEvidence, markReached, Milestone, planMilestone } from '../../milestone/domain/milestone';
import { changeEnvelope, createProgramme, DEFAULT_TRANCHE_PATTERN, GrantProgramme } from '../../programme/domain/programme';
import {
  amendAward,
  awardSubGrant,
  BUDGET_CATEGORIES,
  closeSubGrant,
  outstandingRecoveries,
  resumeSubGrant,
  signAgreement,
  SubGrant,
  suspendSubGrant,
  terminateSubGrant,
} from '../../sub-grant/domain/sub-grant';
import { netPaid, recordRecoveryReceived, released, releaseTranche, settleFinal, unmetConditions } from '../../tranche/domain/tranche';
import { Fact, Outcome } from './fact';
import { eur, OFFICER, programmeInput, T0, uid, shown, Shown } from './fixtures';

/**
 * Any sequence of awards, amendments, envelope changes, signatures, releases, reports, decisions,
 * settlements, recoveries, suspensions and terminations keeps every money rule: what a rule
 * refuses it refuses with a RuleViolation and changes nothing; what it accepts leaves the world
 * consistent.
 */

const CITIES = [uid(1), uid(2), uid(3), uid(4)];
const liaison = (memberId: string) => ({ personId: `liaison-of-${memberId}`, memberId });

interface World {
  day: number;
  programme: GrantProgramme;
  subGrants: SubGrant[];
  reports: ExpenditureReport[];
  milestones: Milestone[];
}

type Op =
  | { op: 'award'; city: number; minor: bigint; skew: bigint; weights: number[] }
  | { op: 'amend'; sg: number; minor: bigint; skew: bigint }
  | { op: 'envelope'; minor: bigint }
  | { op: 'sign'; sg: number }
  | { op: 'release'; sg: number; tranche: number }
  | { op: 'report'; sg: number; key: 'interim-1' | 'final'; staff: bigint; travelPln: bigint }
  | { op: 'decide'; report: number; how: 'approve' | 'approve-part' | 'reject' | 'return' }
  | { op: 'resubmit'; report: number; staff: bigint }
  | { op: 'milestone'; sg: number }
  | { op: 'settle'; sg: number }
  | { op: 'recovered'; sg: number }
  | { op: 'suspend' | 'resume' | 'close'; sg: number }
  | { op: 'terminate'; sg: number; recovery: bigint };

const index = fc.nat({ max: 5 });
const minor = fc.oneof(fc.constant(6_000_000n), fc.constant(1n), fc.bigInt({ min: 0n, max: 7_000_000n }));
const skew = fc.oneof({ weight: 4, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.bigInt({ min: -3n, max: 3n }) });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('award' as const), city: fc.nat({ max: 3 }), minor, skew, weights: fc.array(fc.nat({ max: 9 }), { minLength: 5, maxLength: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('amend' as const), sg: index, minor, skew }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('envelope' as const), minor: fc.bigInt({ min: 5_000_000n, max: 30_000_000n }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('sign' as const), sg: index }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('release' as const), sg: index, tranche: fc.nat({ max: 3 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('report' as const),
      sg: index,
      key: fc.constantFrom('interim-1' as const, 'final' as const),
      staff: fc.bigInt({ min: 0n, max: 7_000_000n }),
      travelPln: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10_000_000n })),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('decide' as const), report: index, how: fc.constantFrom('approve' as const, 'approve-part' as const, 'reject' as const, 'return' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resubmit' as const), report: index, staff: fc.bigInt({ min: 0n, max: 7_000_000n }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('milestone' as const), sg: index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('settle' as const), sg: index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recovered' as const), sg: index }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('suspend' as const, 'resume' as const, 'close' as const), sg: index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('terminate' as const), sg: index, recovery: fc.bigInt({ min: 0n, max: 3_000_000n }) }) },
);

function budget(amount: Money, weights: number[], skewBy: bigint) {
  const w = weights.some((x) => x > 0) ? weights : [1, 0, 0, 0, 0];
  const parts = allocate(amount, w);
  parts[0] = money(parts[0].amountMinor + skewBy, 'EUR');
  return BUDGET_CATEGORIES.map((category, i) => ({ category, amount: parts[i] }));
}

const at = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
const replace = <T extends { id: string }>(list: readonly T[], item: T): T[] => (list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item]);

/** Applies one operation; a refusal must be a RuleViolation. Returns the world and the facts. */
function apply(w: World, o: Op): { world: World; facts: Fact[]; refused: boolean; changed?: Versioned & { id: string } } {
  const today: LocalDate = addDays('2024-02-01', w.day * 7);
  const next = { ...w, day: w.day + 1 };
  const sg = 'sg' in o ? at(w.subGrants, o.sg) : undefined;
  const withSubGrant = (out: Outcome<SubGrant>) => ({ world: { ...next, subGrants: replace(w.subGrants, out.state) }, facts: out.facts, refused: false });
  // A report's facts are about the aggregate the rule changed (the city's report, or a review of it).
  const withReport = (out: Shown) => ({ world: { ...next, reports: replace(w.reports, out.state) }, facts: out.facts, refused: false, changed: out.aggregate });
  try {
    switch (o.op) {
      case 'award': {
        const awarded = eur(o.minor);
        const input = {
          memberId: CITIES[o.city],
          actionPlan: { title: 'Plan', objectives: ['Objective'], stakeholders: [], endorsementDocumentRef: 'doc' },
          awarded,
          budgetLines: budget(awarded, o.weights, o.skew),
          period: { from: '2024-02-01', to: '2025-11-30' },
          tranches: structuredClone([...DEFAULT_TRANCHE_PATTERN]).map((t, i) => (i === 1 ? { ...t, conditions: { ...t.conditions, milestones: ['kick-off'] } } : t)),
        };
        return withSubGrant(awardSubGrant(w.programme, w.subGrants, uid(300 + w.subGrants.length), input, T0));
      }
      case 'amend': {
        if (!sg) return { world: next, facts: [], refused: false };
        const awarded = eur(o.minor);
        return withSubGrant(amendAward(w.programme, w.subGrants, sg, { awarded, budgetLines: budget(awarded, [5, 2, 1, 1, 1], o.skew), reason: 'correction' }, T0));
      }
      case 'envelope': {
        const out = changeEnvelope(w.programme, w.subGrants, eur(o.minor), 'amendment', T0);
        return { world: { ...next, programme: out.state }, facts: out.facts, refused: false };
      }
      case 'sign':
        return sg ? withSubGrant(signAgreement(sg, { signedOn: today, documentRef: `GA-${sg.id}` }, T0)) : { world: next, facts: [], refused: false };
      case 'release': {
        if (!sg) return { world: next, facts: [], refused: false };
        const ctx = { reports: w.reports, milestones: w.milestones };
        const early = sg.tranches.some((t) => t.index === o.tranche && t.status === 'planned') && unmetConditions(sg, o.tranche, ctx).length > 0;
        const out = releaseTranche(sg, ctx, { trancheIndex: o.tranche, disbursementId: uid(5000 + w.day), paidOn: today, paymentReference: `PAY-${w.day}` }, T0);
        if (early) throw new Error(`tranche ${o.tranche} of ${sg.id} was paid with conditions unmet`);
        return withSubGrant(out);
      }
      case 'report': {
        if (!sg) return { world: next, facts: [], refused: false };
        const lines = [
          { category: 'staff' as const, spent: eur(o.staff) },
          ...(o.travelPln > 0n ? [{ category: 'travel' as const, spent: money(o.travelPln, 'PLN'), rate: { from: 'PLN' as const, to: 'EUR' as const, rate: '0.2317', rateDate: today } }] : []),
        ];
        return withReport(shown.submit(sg, w.reports, uid(7000 + w.reports.length), { deadlineKey: o.key, lines }, liaison(sg.memberId), today, T0));
      }
      case 'decide': {
        const r = at(w.reports, o.report);
        if (!r) return { world: next, facts: [], refused: false };
        const decision = { by: OFFICER, on: today };
        if (o.how === 'approve') return withReport(shown.approve(r, decision, T0));
        if (o.how === 'approve-part') return withReport(shown.approve(r, { ...decision, accepted: r.lines.map((l) => eur(l.amount.amountMinor / 2n)) }, T0));
        if (o.how === 'reject') return withReport(shown.reject(r, { ...decision, reasons: ['ineligible'] }, T0));
        return withReport(shown.return(r, { ...decision, reasons: ['fix the lines'] }, T0));
      }
      case 'resubmit': {
        const r = at(w.reports, o.report);
        const owner = r && w.subGrants.find((s) => s.id === r.subGrantId);
        if (!r || !owner) return { world: next, facts: [], refused: false };
        return withReport(shown.resubmit(owner, r, [{ category: 'staff', spent: eur(o.staff) }], liaison(owner.memberId), today, T0));
      }
      case 'milestone': {
        if (!sg) return { world: next, facts: [], refused: false };
        const existing = w.milestones.find((m) => m.subGrantId === sg.id);
        if (!existing) {
          const out = planMilestone(sg, w.milestones, uid(8000 + w.milestones.length), { key: 'kick-off', title: 'Kick-off', dueOn: '2024-06-30' }, T0);
          return { world: { ...next, milestones: [...w.milestones, out.state] }, facts: out.facts, refused: false };
        }
        const out = markReached(addEvidence(existing, { documentRef: 'minutes.pdf', description: 'Minutes' }, OFFICER, today, T0).state, today, T0);
        return { world: { ...next, milestones: replace(w.milestones, out.state) }, facts: out.facts, refused: false };
      }
      case 'settle':
        return sg ? withSubGrant(settleFinal(sg, w.reports, today, T0)) : { world: next, facts: [], refused: false };
      case 'recovered': {
        const r = sg?.recoveries.find((x) => x.status === 'requested');
        return sg && r ? withSubGrant(recordRecoveryReceived(sg, { seq: r.seq, receivedOn: today, reference: `BANK-${w.day}` }, T0)) : { world: next, facts: [], refused: false };
      }
      case 'suspend':
        return sg ? withSubGrant(suspendSubGrant(sg, 'audit', T0)) : { world: next, facts: [], refused: false };
      case 'resume':
        return sg ? withSubGrant(resumeSubGrant(sg, T0)) : { world: next, facts: [], refused: false };
      case 'close':
        return sg ? withSubGrant(closeSubGrant(sg, T0)) : { world: next, facts: [], refused: false };
      case 'terminate':
        return sg ? withSubGrant(terminateSubGrant(sg, { reason: 'withdrew', on: today, recovery: eur(o.recovery) }, T0)) : { world: next, facts: [], refused: false };
    }
  } catch (e) {
    if (!(e instanceof RuleViolation)) throw e;
    return { world: next, facts: [], refused: true };
  }
}

const cmp = (a: Money, b: Money) => compareMoney(a, b);

// Plain checks rather than expect(): they run thousands of times per property.
function ok(condition: unknown, message: string): void {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function checkInvariants(w: World): void {
  const { programme } = w;
  ok(cmp(sumMoney('EUR', w.subGrants.map((s) => s.awarded)), programme.envelope) <= 0, 'the sum of awards in a programme never exceeds its envelope');
  for (const city of CITIES) {
    const own = w.subGrants.filter((s) => s.memberId === city).map((s) => s.awarded);
    ok(cmp(sumMoney('EUR', own), programme.rules.maxPerRecipient) <= 0, "a city's awards never exceed the per-recipient maximum");
  }
  for (const sg of w.subGrants) {
    const id = sg.id;
    ok(sg.awarded.amountMinor > 0n, `${id}: an award is positive`);
    ok(cmp(sumMoney('EUR', sg.budgetLines.map((l) => l.amount)), sg.awarded) === 0, `${id}: budget lines add up to the award`);
    ok(sg.budgetLines.every((l) => l.amount.amountMinor >= 0n), `${id}: no budget line is negative`);
    const paid = released(sg);
    ok(cmp(paid, sg.awarded) <= 0, `${id}: disbursed never exceeds awarded`);
    ok(netPaid(sg).amountMinor >= 0n, `${id}: never more recovered than paid`);
    ok(cmp(outstandingRecoveries(sg), netPaid(sg)) <= 0, `${id}: never more asked back than held`);
    const paidTranches = sg.tranches.filter((t) => t.status === 'released');
    ok(paidTranches.map((t) => t.index).join() === sg.disbursements.map((d) => d.trancheIndex).join(), `${id}: one disbursement per paid tranche`);
    ok(paidTranches.every((t) => sg.disbursements.find((d) => d.trancheIndex === t.index)?.amount.amountMinor === t.amount.amountMinor), `${id}: a disbursement pays its tranche`);
    const open = sumMoney('EUR', sg.tranches.filter((t) => t.status === 'planned').map((t) => t.amount));
    ok(cmp(sumMoney('EUR', [paid, open]), sg.awarded) <= 0, `${id}: paid and to pay fit the award`);
    if (!sg.settlement && sg.status !== 'terminated') ok(cmp(sumMoney('EUR', sg.tranches.map((t) => t.amount)), sg.awarded) === 0, `${id}: tranches add up to the award`);
    const order = sg.tranches.map((t) => t.status).filter((s) => s !== 'cancelled');
    ok(order.indexOf('planned') === -1 || !order.slice(order.indexOf('planned')).includes('released'), `${id}: tranches are paid in order`);
    const days = sg.disbursements.map((d) => d.paidOn);
    ok([...days].sort().join() === days.join(), `${id}: disbursements are dated in order`);
    ok(!days.length || (sg.agreement && sg.agreement.signedOn <= days[0]), `${id}: nothing is paid before signature`);
    if (sg.settlement) ok(cmp(sg.settlement.eligible, sg.awarded) <= 0, `${id}: eligible never exceeds awarded`);
    if (sg.status === 'closed') ok(sg.settlement && cmp(netPaid(sg), sg.settlement.eligible) === 0, `${id}: a closed sub-grant holds exactly its eligible expenditure`);
  }
  for (const r of w.reports) {
    ok(r.lines.every((l) => l.amount.currency === 'EUR' && l.amount.amountMinor >= 0n), `${r.id}: lines in the programme currency, not negative`);
    ok(!r.accepted || r.accepted.every((a, i) => cmp(a, r.lines[i].amount) <= 0), `${r.id}: approved never exceeds reported`);
    ok(w.reports.filter((x) => x.subGrantId === r.subGrantId && x.deadlineKey === r.deadlineKey && x.status !== 'rejected').length <= 1, `${r.id}: one standing report per deadline`);
  }
}

describe('money rules under any sequence of operations', () => {
  const start = (): World => ({ day: 0, programme: createProgramme(uid(200), programmeInput, T0).state, subGrants: [], reports: [], milestones: [] });

  it('keeps every invariant, refuses only with RuleViolations, and tells each accepted change', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 30, maxLength: 120 }), (ops) => {
        let w = start();
        for (const o of ops) {
          // frozen, so a rule that mutates its input fails loudly instead of changing the world behind our back
          const { world, facts, refused, changed } = apply(deepFreeze(w), o);
          if (refused) ok(facts.length === 0 && world.subGrants === w.subGrants && world.reports === w.reports, 'a refusal changes nothing');
          for (const f of facts) {
            // each fact names its aggregate at the version it produced; the last is the version stored
            ok(/^grants\.[a-z-]+\.[a-z-]+$/.test(f.type), `${f.type} is grants.<aggregate>.<fact>`);
            const aggregate = [world.programme, ...world.subGrants, ...world.milestones, ...(changed ? [changed] : [])].find((a) => a.id === f.aggregateId);
            ok(aggregate?.version === Math.max(...facts.filter((x) => x.aggregateId === f.aggregateId).map((x) => x.aggregateVersion)), `${f.type} carries the version stored`);
          }
          w = world;
          checkInvariants(w);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('settles every sub-grant to exactly its eligible expenditure, whatever the shares, reports and corrections', () => {
    const shares = fc
      .tuple(fc.integer({ min: 1, max: 98 }), fc.integer({ min: 1, max: 98 }))
      .filter(([a, b]) => a + b < 100)
      .map(([a, b]) => [a, b, 100 - a - b]);
    fc.assert(
      fc.property(
        fc.record({
          awarded: fc.bigInt({ min: 1n, max: 6_000_000n }),
          shares,
          accountedPercent: fc.integer({ min: 0, max: 100 }),
          interimSpent: fc.bigInt({ min: 0n, max: 7_000_000n }),
          interimAcceptedPermille: fc.integer({ min: 0, max: 1000 }),
          amendTo: fc.option(fc.bigInt({ min: 1n, max: 6_000_000n })),
          finalSpent: fc.bigInt({ min: 0n, max: 7_000_000n }),
          finalAcceptedPermille: fc.integer({ min: 0, max: 1000 }),
        }),
        (c) => {
          const terms = structuredClone([...DEFAULT_TRANCHE_PATTERN]).map((t, i) => ({
            ...t,
            sharePercent: c.shares[i],
            conditions: i === 1 ? { ...t.conditions, minAccountedPercent: c.accountedPercent, milestones: ['kick-off'] } : t.conditions,
          }));
          const programme = createProgramme(uid(200), programmeInput, T0).state;
          const awarded = eur(c.awarded);
          const input = {
            memberId: CITIES[0],
            actionPlan: { title: 'Plan', objectives: ['Objective'], stakeholders: [], endorsementDocumentRef: 'doc' },
            awarded,
            budgetLines: budget(awarded, [5, 2, 1, 1, 1], 0n),
            period: { from: '2024-02-01', to: '2025-11-30' },
            tranches: terms,
          };
          let sg = awardSubGrant(programme, [], uid(300), input, T0).state;
          ok(cmp(sumMoney('EUR', sg.tranches.map((t) => t.amount)), awarded) === 0, 'tranches split the award exactly');
          sg = signAgreement(sg, { signedOn: '2024-02-01', documentRef: 'GA' }, T0).state;
          const pay = (s: SubGrant, index: number, reports: ExpenditureReport[], milestones: Milestone[], paidOn: LocalDate) =>
            releaseTranche(s, { reports, milestones }, { trancheIndex: index, disbursementId: uid(900 + index), paidOn, paymentReference: `P${index}` }, T0).state;
          sg = pay(sg, 0, [], [], '2024-02-10');
          const decide = (r: ExpenditureReport, permille: number) =>
            shown.approve(r, { by: OFFICER, on: r.submittedOn, accepted: r.lines.map((l) => eur((l.amount.amountMinor * BigInt(permille)) / 1000n)) }, T0).state;
          const submit = (s: SubGrant, key: string, spent: bigint, reports: ExpenditureReport[], on: LocalDate) =>
            shown.submit(s, reports, uid(700 + reports.length), { deadlineKey: key, lines: [{ category: 'staff', spent: eur(spent) }] }, liaison(s.memberId), on, T0).state;
          const interim = decide(submit(sg, 'interim-1', c.interimSpent, [], '2025-01-20'), c.interimAcceptedPermille);
          let m = planMilestone(sg, [], uid(800), { key: 'kick-off', title: 'Kick-off', dueOn: '2024-06-30' }, T0).state;
          m = markReached(addEvidence(m, { documentRef: 'minutes.pdf', description: 'Minutes' }, OFFICER, '2024-06-30', T0).state, '2024-06-30', T0).state;
          const unmet = unmetConditions(sg, 1, { reports: [interim], milestones: [m] });
          const accounted = interim.accepted ? sumMoney('EUR', interim.accepted) : eur(0n);
          ok((unmet.length === 0) === (accounted.amountMinor * 100n >= BigInt(c.accountedPercent) * netPaid(sg).amountMinor), 'the interim tranche waits exactly for its accounted share');
          if (unmet.length === 0) sg = pay(sg, 1, [interim], [m], '2025-02-01');
          if (c.amendTo !== null) {
            try {
              const to = eur(c.amendTo);
              sg = amendAward(programme, [sg], sg, { awarded: to, budgetLines: budget(to, [1, 1, 1, 1, 1], 0n), reason: 'correction' }, T0).state;
            } catch (e) {
              if (!(e instanceof RuleViolation)) throw e;
              ok(c.amendTo < released(sg).amountMinor, `an amendment to ${c.amendTo} is refused only below what was paid`);
            }
          }
          checkInvariants({ day: 0, programme, subGrants: [sg], reports: [interim], milestones: [m] });
          const final = decide(submit(sg, 'final', c.finalSpent, [interim], '2026-01-20'), c.finalAcceptedPermille);
          const reports = [interim, final];
          sg = pay(sg, 2, reports, [m], '2026-02-01');
          const eligible = sumMoney('EUR', [accounted, final.accepted ? sumMoney('EUR', final.accepted) : eur(0n)]);
          const expected = cmp(eligible, sg.awarded) < 0 ? eligible : sg.awarded;
          ok(sg.settlement && cmp(sg.settlement.eligible, expected) === 0, 'eligible is approved expenditure, at most the award');
          const due = sg.recoveries.find((r) => r.status === 'requested');
          if (due) sg = recordRecoveryReceived(sg, { seq: due.seq, receivedOn: '2026-03-01', reference: 'BANK' }, T0).state;
          sg = closeSubGrant(sg, T0).state;
          checkInvariants({ day: 0, programme, subGrants: [sg], reports, milestones: [m] });
          ok(cmp(netPaid(sg), expected) === 0, `the city keeps exactly ${expected.amountMinor}, holds ${netPaid(sg).amountMinor}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lets the whole envelope be awarded, to the cent, and not a cent more', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 6_000_000n }), { minLength: 1, maxLength: 12 }), (amounts) => {
        let w = start();
        for (const [i, a] of amounts.entries()) {
          w = apply(w, { op: 'award', city: i % 4, minor: a, skew: 0n, weights: [1, 1, 1, 1, 1] }).world;
        }
        const awarded = sumMoney('EUR', w.subGrants.map((s) => s.awarded));
        const left = programmeInput.envelope.amountMinor - awarded.amountMinor;
        expect(left >= 0n).toBe(true);
        const perCityLeft = CITIES.map((c) => 6_000_000n - sumMoney('EUR', w.subGrants.filter((s) => s.memberId === c).map((s) => s.awarded)).amountMinor);
        const city = perCityLeft.findIndex((x) => x > 0n);
        if (city >= 0 && left > 0n) {
          const fits = left < perCityLeft[city] ? left : perCityLeft[city];
          expect(apply(w, { op: 'award', city, minor: fits + 1n, skew: 0n, weights: [1, 1, 1, 1, 1] }).refused).toBe(true);
          expect(apply(w, { op: 'award', city, minor: fits, skew: 0n, weights: [1, 1, 1, 1, 1] }).refused).toBe(false);
        }
      }),
    );
  });
});
