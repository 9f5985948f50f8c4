import { award, OFFICER, T0, uid } from '../../shared/domain/fixtures';
import { addEvidence, cancelMilestone, forecastMilestone, isSlipping, markReached, Milestone, planMilestone, rescheduleMilestone } from './milestone';

const violation = (rule: string, field?: string) => expect.objectContaining(field ? { rule, field } : { rule });
const sg = award();
const plan = (input: Partial<{ key: string; title: string; dueOn: string }> = {}, existing: Milestone[] = []) =>
  planMilestone(sg, existing, uid(800), { key: 'stakeholder-workshop', title: 'Local stakeholder workshop', dueOn: '2024-06-30', ...input }, T0);

describe('milestones', () => {
  it('are planned within the sub-grant period under a unique key', () => {
    const m = plan();
    expect(m.state).toMatchObject({ status: 'planned', dueOn: '2024-06-30', key: 'stakeholder-workshop', memberId: sg.memberId });
    expect(m.facts).toMatchObject([{ type: 'grants.milestone.planned' }]);
    expect(() => plan({}, [m.state])).toThrow(violation('milestone.key-duplicate', 'key'));
    expect(() => plan({ key: 'Stakeholder Workshop' })).toThrow(violation('milestone.key', 'key'));
    expect(() => plan({ dueOn: '2026-01-01' })).toThrow(violation('milestone.due-outside-period', 'dueOn'));
    expect(() => plan({ dueOn: '2024-02-30' })).toThrow(violation('period.date', 'dueOn'));
  });

  it('are reached on evidence only', () => {
    const m = plan().state;
    expect(() => markReached(m, '2024-06-20', T0)).toThrow(violation('milestone.evidence-required'));
    const withEvidence = addEvidence(m, { documentRef: 'minutes.pdf', description: 'Minutes of the workshop' }, OFFICER, '2024-06-20', T0);
    expect(withEvidence.facts).toMatchObject([{ type: 'grants.milestone.evidence-added' }]);
    expect(addEvidence(withEvidence.state, { documentRef: 'minutes.pdf', description: 'again' }, OFFICER, '2024-06-21', T0).facts).toEqual([]);
    const reached = markReached(withEvidence.state, '2024-06-20', T0);
    expect(reached.state).toMatchObject({ status: 'reached', reachedOn: '2024-06-20' });
    expect(markReached(reached.state, '2024-06-21', T0).facts).toEqual([]);
  });

  it('slip when past due unreached, or forecast late; a new due date clears the flag', () => {
    const m = plan().state;
    expect(isSlipping(m, '2024-06-30')).toBe(false);
    expect(isSlipping(m, '2024-07-01')).toBe(true);
    const late = forecastMilestone(m, '2024-07-15', T0).state;
    expect(isSlipping(late, '2024-05-01')).toBe(true);
    const moved = rescheduleMilestone(late, sg, '2024-07-31', 'venue moved', T0);
    expect(moved.facts).toMatchObject([{ type: 'grants.milestone.rescheduled', data: { from: '2024-06-30', to: '2024-07-31' } }]);
    expect(isSlipping(moved.state, '2024-07-20')).toBe(false);
    expect(isSlipping(cancelMilestone(m, 'dropped from the plan', T0).state, '2025-01-01')).toBe(false);
  });
});
