import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';
import { ConsoleApi } from '../api/console-api';
import { describeError } from '../api/problem';
import type { PolicyVersion, Settings } from '../api/views';
import { duration } from '../shared/clock';
import { principalName } from '../shared/labels';
import { LocalTime } from '../shared/local-time';
import { ApiKeys } from './api-keys';
import { DirectorySyncs } from './directory-syncs';
import { OUTLINED_FIELDS } from '../shared/form-fields';
import { ASSURANCE_MODE, assuranceCell, POLICY_WHO, policyPasses } from './assurance-words';

interface Row {
  label: string;
  value: string;
  /** Empty for a setting with no variable: its first value is built in, and only the console changes it. */
  variable: string;
}

/** Each setting the admin sees, with the environment variable that sets it, or its first value (docs/configuration.md). */
function rows(s: Settings): { title: string; rows: Row[] }[] {
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  return [
    {
      title: 'Verification policy',
      rows: [
        { label: 'Policy version', value: s.policy.version, variable: 'RESETGATE_POLICY_VERSION' },
        { label: 'Link lifetime', value: duration(s.policy.linkLifetimeSeconds), variable: 'RESETGATE_LINK_LIFETIME_SECONDS' },
        { label: 'Session lifetime', value: duration(s.policy.sessionLifetimeSeconds), variable: 'RESETGATE_SESSION_LIFETIME_SECONDS' },
        { label: 'Questions asked', value: String(s.policy.questionsAsked), variable: 'RESETGATE_QUESTIONS' },
        { label: 'Minimum answered', value: String(s.policy.minAnswered), variable: 'RESETGATE_MIN_ANSWERED' },
        { label: 'Offer a sign-in at the IdP', value: s.policy.idpStepUp ? 'yes' : 'no', variable: 'RESETGATE_IDP_STEP_UP' },
        { label: 'Pass threshold', value: String(s.policy.passThreshold), variable: 'RESETGATE_PASS_THRESHOLD' },
        { label: 'Threshold added per risk point', value: String(s.policy.riskStepUp), variable: 'RESETGATE_RISK_STEP_UP' },
        { label: 'Highest risk that can pass', value: `${s.policy.maxRisk} of 10`, variable: 'RESETGATE_MAX_RISK' },
        { label: 'Approval window', value: duration(s.policy.approvalWindowSeconds), variable: 'RESETGATE_APPROVAL_WINDOW_SECONDS' },
      ],
    },
    {
      title: 'Assurance',
      rows: [
        { label: 'What decides a verification', value: ASSURANCE_MODE[s.assurance.mode].label, variable: 'RESETGATE_ASSURANCE' },
        ...(['standard', 'privileged'] as const).map((name) => ({
          label: `${POLICY_WHO[name].title} (${POLICY_WHO[name].who})`,
          value: policyPasses(s.assurance[name]),
          variable: '',
        })),
      ],
    },
    {
      title: 'Limits and rules',
      rows: [
        {
          label: 'Verifications per user per day',
          value: String(s.limits.maxVerificationsPerUserPerDay),
          variable: 'RESETGATE_MAX_PER_USER_PER_DAY',
        },
        {
          label: 'Organisation domains (refused as destinations)',
          value: list(s.organisationDomains),
          variable: 'RESETGATE_ORGANISATION_DOMAINS',
        },
        { label: 'Privileged groups (two approvers)', value: list(s.privilegedGroups), variable: 'RESETGATE_PRIVILEGED_GROUPS' },
        { label: 'Agents see the risk score', value: s.agentsSeeRiskScore ? 'yes' : 'no', variable: 'RESETGATE_AGENTS_SEE_RISK_SCORE' },
      ],
    },
    {
      title: 'Single sign-on',
      rows: [
        { label: 'Identity provider', value: s.sso.devIdp ? `${s.sso.issuer} (development IdP)` : s.sso.issuer, variable: 'OIDC_ISSUER' },
        { label: 'Groups claim', value: s.sso.rolesClaim, variable: 'OIDC_ROLES_CLAIM' },
        { label: 'Admin groups', value: list(s.sso.roleGroups.admin), variable: 'OIDC_ADMIN_GROUPS' },
        { label: 'Agent groups', value: list(s.sso.roleGroups.agent), variable: 'OIDC_AGENT_GROUPS' },
        { label: 'Auditor groups', value: list(s.sso.roleGroups.auditor), variable: 'OIDC_AUDITOR_GROUPS' },
      ],
    },
  ];
}

/** What ResetGate is set to do, the policy versions admins saved, directory syncs, and the API keys integrators use. */
@Component({
  selector: 'rg-settings-page',
  imports: [MatButtonModule, MatProgressBarModule, LocalTime, ApiKeys, DirectorySyncs],
  templateUrl: './settings-page.html',
  styleUrl: './settings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OUTLINED_FIELDS],
})
export class SettingsPage {
  private readonly api = inject(ConsoleApi);
  private readonly dialog = inject(MatDialog);
  protected readonly principalName = principalName;
  protected readonly assuranceCell = assuranceCell;
  protected readonly settings = resource({
    loader: ({ abortSignal }) => this.api.data<Settings>(this.api.client.GET('/api/v1/settings', { signal: abortSignal })),
  });
  protected readonly versions = resource({
    loader: ({ abortSignal }) =>
      this.api.data<{ items: PolicyVersion[] }>(this.api.client.GET('/api/v1/settings/policy/versions', { signal: abortSignal })),
  });
  protected readonly sections = computed(() => (this.settings.hasValue() ? rows(this.settings.value()) : []));
  protected readonly error = computed(() => (this.settings.status() === 'error' ? describeError(this.settings.error()) : ''));
  protected readonly versionsError = computed(() => (this.versions.status() === 'error' ? describeError(this.versions.error()) : ''));
  /** Said once a save lands, until the page is left. */
  protected readonly savedAs = signal('');

  protected async editPolicy(): Promise<void> {
    if (!this.settings.hasValue()) return;
    const { PolicyDialog } = await import('./policy-dialog');
    const ref = this.dialog.open(PolicyDialog, {
      data: this.settings.value(),
      width: '46rem',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    });
    const saved = await firstValueFrom(ref.afterClosed());
    if (!saved) return;
    this.settings.set(saved);
    this.versions.reload();
    this.savedAs.set(saved.policy.version);
  }
}
