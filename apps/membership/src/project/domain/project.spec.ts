import { RuleViolation } from '@intercity/domain';
import { changeProject, createProject, periodChanged, projectState } from './project';

const now = new Date('2024-01-01T00:00:00Z');
const later = new Date('2024-02-01T00:00:00Z');
const connection = createProject('p1', 'n1', { code: 'CONNECTION', name: 'CONNECTION', startsOn: '2020-01-01', endsOn: '2022-12-31', status: 'running' }, now);

describe('projects', () => {
  it('start at version 1 and say so in their event, without absent fields', () => {
    expect(connection.version).toBe(1);
    expect(projectState(connection)).toEqual({
      projectId: 'p1',
      networkId: 'n1',
      code: 'CONNECTION',
      name: 'CONNECTION',
      startsOn: '2020-01-01',
      endsOn: '2022-12-31',
      status: 'running',
    });
  });

  it('cannot end before they start', () => {
    expect(() => createProject('p2', 'n1', { code: 'X', name: 'X', startsOn: '2022-01-01', endsOn: '2021-12-31', status: 'planned' }, now)).toThrow(
      expect.objectContaining({ rule: 'project.period', field: 'endsOn', kind: 'invalid' }),
    );
    expect(() => changeProject(connection, { startsOn: '2023-01-01' }, later)).toThrow(RuleViolation);
  });

  it('move forward through their statuses, never out of closed', () => {
    const closed = changeProject(connection, { status: 'closed' }, later)!;
    expect(closed).toMatchObject({ status: 'closed', version: 2 });
    expect(() => changeProject(closed, { status: 'running' }, later)).toThrow(expect.objectContaining({ rule: 'project.status.transition' }));
  });

  it('tell when their period changed', () => {
    const longer = changeProject(connection, { endsOn: '2023-06-30' }, later)!;
    expect(periodChanged(connection, longer)).toBe(true);
    expect(periodChanged(connection, changeProject(connection, { name: 'C' }, later)!)).toBe(false);
  });
});
