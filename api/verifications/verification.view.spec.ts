import { viewFor } from './verification.view';

describe('viewFor', () => {
  const view = { id: 'v1', riskScore: 3 };

  it('hides the number from agents when the policy says so, never from admins or auditors', () => {
    expect(viewFor(view, ['agent'], false).riskScore).toBeNull();
    expect(viewFor(view, ['agent', 'auditor'], false).riskScore).toBe(3);
    expect(viewFor(view, ['admin'], false).riskScore).toBe(3);
  });

  it('hides it in the receipt too', () => {
    const withReceipt = { ...view, receipt: { signals: { challengeScore: 1, answered: 4, riskScore: 3 } } as never };
    expect(viewFor(withReceipt, ['agent'], false).receipt).toEqual({ signals: { challengeScore: 1, answered: 4, riskScore: null } });
    expect(viewFor(withReceipt, ['auditor'], false).receipt).toEqual({ signals: { challengeScore: 1, answered: 4, riskScore: 3 } });
  });

  it('shows it to everyone by default', () => {
    expect(viewFor(view, ['agent'], true).riskScore).toBe(3);
  });
});
