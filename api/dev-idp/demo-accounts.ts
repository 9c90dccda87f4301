/**
 * The development IdP's people: one per role, a second agent for two-person approvals, and one
 * with no ResetGate group (to see a refused sign-in). They share the demo password.
 */
export interface DemoAccount {
  email: string;
  name: string;
  groups: string[];
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'agent@example.com', name: 'Alex Agent', groups: ['resetgate-agents'] },
  { email: 'agent2@example.com', name: 'Sam Second', groups: ['resetgate-agents'] },
  { email: 'auditor@example.com', name: 'Avery Auditor', groups: ['resetgate-auditors'] },
  { email: 'admin@example.com', name: 'Ada Admin', groups: ['resetgate-admins'] },
  { email: 'visitor@example.com', name: 'Vic Visitor', groups: ['all-staff'] },
];

export function findDemoAccount(email: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.email === email.trim().toLowerCase());
}

/** Who may sign in: the demo staff, then (for the SSP's step-up) the people in the directory. */
export type AccountLookup = (email: string) => Promise<DemoAccount | undefined>;
