import {
  deadlineCallRole,
  nobodyToCallNote,
  whyNobodyToCall,
} from '../../../src/cases/domain/nobody-to-call';

const bare = { assigneeId: null, gridId: null, departmentId: null };

describe('a deadline step with nobody to call', () => {
  it('the 80% reminder is the assignee’s; a breach is its ladder step’s, the supervisor without one', () => {
    expect(deadlineCallRole('warn', { role: 'department', afterMs: 0 })).toBe('assignee');
    expect(deadlineCallRole('breach', { role: 'department', afterMs: 1_800_000 })).toBe('department');
    expect(deadlineCallRole('breach', { role: 'supervisor', afterMs: 0 })).toBe('supervisor');
    expect(deadlineCallRole('breach', undefined)).toBe('supervisor');
  });

  it('names what the case lacks, or whose phone is missing, for the assignee', () => {
    expect(whyNobodyToCall('assignee', bare)).toBe('no-assignee-or-grid');
    expect(whyNobodyToCall('assignee', { ...bare, gridId: 'g1' })).toBe('grid-worker-without-phone');
    expect(whyNobodyToCall('assignee', { ...bare, assigneeId: 'p1', gridId: 'g1' })).toBe(
      'assignee-without-phone',
    );
  });

  it('a department step of a case never transferred says so; a transferred one lacks the number', () => {
    expect(whyNobodyToCall('department', bare)).toBe('not-transferred');
    expect(whyNobodyToCall('department', { ...bare, departmentId: 'd1' })).toBe('department-without-phone');
    expect(whyNobodyToCall('supervisor', { ...bare, departmentId: 'd1' })).toBe('supervisor-without-phone');
  });

  it('the note says which step was due and why nobody could be called', () => {
    expect(nobodyToCallNote({ stage: 'accept', role: 'assignee', reason: 'grid-worker-without-phone' })).toBe(
      'accept stage: 80% reminder to the assignee was due, nobody could be called: ' +
        'the case has no assignee and no grid worker on duty has a phone number',
    );
    expect(nobodyToCallNote({ stage: 'resolve', role: 'department', reason: 'not-transferred' })).toMatch(
      /^resolve stage: breach call to the department was due.*not transferred to a department$/,
    );
  });
});
