import type { RefereeCheck } from '../api/views';
import { verification } from '../../testing/verification-view';
import {
  confirmationMessage,
  EVIDENCE_MAX,
  evidenceProblem,
  refereeCheckBody,
  refereeCheckFacts,
  refereeCheckMode,
} from './referee-check-facts';

const agent = 'user:agent@example.com';
const admin = 'user:admin@example.com';
const needsReferee = verification({
  id: 'v-1',
  createdAt: '2026-07-01T10:00:00.000Z',
  status: 'needs_referee',
  outcome: 'needs_referee',
  initiatedBy: agent,
});
const check = (fields: Partial<RefereeCheck> = {}): RefereeCheck => ({
  referee: admin,
  method: 'in_person',
  verdict: 'confirmed',
  evidence: 'Passport checked at the front desk; photo and name matched.',
  at: '2026-07-01T10:20:00.000Z',
  ...fields,
});

describe('refereeCheckMode: what the region shows to whom', () => {
  it('is hidden unless the verification needs a referee', () => {
    for (const status of ['link_sent', 'in_progress', 'passed', 'failed', 'cancelled'] as const) {
      expect(refereeCheckMode({ ...needsReferee, status }, admin, true)).toBe('hidden');
    }
  });

  it('tells the agent who started the verification that someone else must check, with no form', () => {
    expect(refereeCheckMode(needsReferee, agent, true)).toBe('initiator');
  });

  it('offers the form to any other agent or admin', () => {
    expect(refereeCheckMode(needsReferee, admin, true)).toBe('form');
    expect(refereeCheckMode(needsReferee, 'user:agent2@example.com', true)).toBe('form');
    // A verification an integrator started through an API key: every console person may check.
    expect(refereeCheckMode({ ...needsReferee, initiatedBy: 'apikey:abc123' }, agent, true)).toBe('form');
  });

  it('gives auditors no controls', () => {
    expect(refereeCheckMode(needsReferee, 'user:auditor@example.com', false)).toBe('read_only');
  });

  it('shows a recorded check to everyone, the initiator and auditors included', () => {
    const recorded = { ...needsReferee, refereeCheck: check() };
    expect(refereeCheckMode(recorded, agent, true)).toBe('recorded');
    expect(refereeCheckMode(recorded, admin, true)).toBe('recorded');
    expect(refereeCheckMode(recorded, 'user:auditor@example.com', false)).toBe('recorded');
  });

  it('offers no form while nobody is signed in', () => {
    expect(refereeCheckMode(needsReferee, '', false)).toBe('read_only');
  });
});

describe('refereeCheckFacts: a recorded check in plain words', () => {
  it('a confirmation names who checked and how, and sends the reset to the organisation’s procedure', () => {
    expect(refereeCheckFacts(check())).toEqual({
      referee: 'admin@example.com',
      method: 'In person',
      verdict: 'Confirmed: it is them',
      evidence: 'Passport checked at the front desk; photo and name matched.',
      at: '2026-07-01T10:20:00.000Z',
      next: 'Confirmed by admin@example.com in person. ResetGate’s approval stays closed: reset under your organisation’s in-person procedure.',
      tone: 'good',
    });
    expect(refereeCheckFacts(check({ method: 'video' })).next).toMatch(/^Confirmed by admin@example\.com on video\. /);
    expect(refereeCheckFacts(check({ method: 'video' })).method).toBe('On video');
  });

  it('a refusal says not to reset', () => {
    const facts = refereeCheckFacts(check({ verdict: 'refused', method: 'video' }));
    expect(facts.next).toBe('Not confirmed: do not reset. Tell your security team.');
    expect(facts.verdict).toBe('Not confirmed: it is not them, or they could not show it');
    expect(facts.tone).toBe('bad');
  });
});

describe('evidence', () => {
  it('asks for 10 to 2000 characters, spaces around it not counted', () => {
    expect(evidenceProblem('')).toBe('Say what you saw and checked.');
    expect(evidenceProblem('            ')).toBe('Say what you saw and checked.');
    expect(evidenceProblem('  passport  ')).toBe('Write at least 10 characters.');
    expect(evidenceProblem('passport ok')).toBe('');
    expect(evidenceProblem('x'.repeat(EVIDENCE_MAX))).toBe('');
    expect(evidenceProblem('x'.repeat(EVIDENCE_MAX + 1))).toBe('Keep it under 2000 characters.');
  });

  it('is sent trimmed, with the choices as the API names them', () => {
    expect(refereeCheckBody({ method: 'video', verdict: 'refused', evidence: '  They would not turn the camera on.\n' })).toEqual({
      method: 'video',
      verdict: 'refused',
      evidence: 'They would not turn the camera on.',
    });
  });
});

it('the confirmation repeats the choices and says the check is final', () => {
  expect(confirmationMessage({ method: 'in_person', verdict: 'confirmed' })).toBe(
    'You saw them in person: “It is them”. The check is recorded once, under your name, and cannot be changed.',
  );
});
