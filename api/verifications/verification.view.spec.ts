import { viewFor, withoutRiskNumbers } from './verification.view';

describe('viewFor', () => {
  const view = { id: 'v1', riskScore: 3 };

  it('hides the number from agents when the policy says so, never from admins or auditors', () => {
    expect(viewFor(view, ['agent'], false).riskScore).toBeNull();
    expect(viewFor(view, ['agent', 'auditor'], false).riskScore).toBe(3);
    expect(viewFor(view, ['admin'], false).riskScore).toBe(3);
  });

  it('hides it in the receipt and in the reasons too', () => {
    const receipt = { signals: { challengeScore: 1, answered: 4, riskScore: 3 }, reasons: ['vouch; challenge score 1, risk 3'] };
    const withReceipt = { ...view, outcomeReason: 'vouch; challenge score 1, risk 3', receipt: receipt as never };
    expect(viewFor(withReceipt, ['agent'], false)).toMatchObject({
      outcomeReason: 'vouch; challenge score 1',
      receipt: { signals: { challengeScore: 1, answered: 4, riskScore: null }, reasons: ['vouch; challenge score 1'] },
    });
    expect(viewFor(withReceipt, ['auditor'], false)).toEqual(withReceipt);
  });

  it('takes the number out of every sentence the workflow writes, and nothing else', () => {
    expect(withoutRiskNumbers('risk 7 above maximum 5')).toBe('risk above the maximum');
    expect(withoutRiskNumbers('challenge score 0.5 below 0.9 (0.75, raised by risk 1.5)')).toBe(
      'challenge score 0.5 below 0.9 (0.75, raised by risk)',
    );
    expect(withoutRiskNumbers('the link reached the phone on record + a vouch; challenge score 1, risk 0')).toBe(
      'the link reached the phone on record + a vouch; challenge score 1',
    );
    expect(withoutRiskNumbers('the link expired before it was used')).toBe('the link expired before it was used');
  });

  it('shows it to everyone by default', () => {
    expect(viewFor(view, ['agent'], true).riskScore).toBe(3);
  });
});
