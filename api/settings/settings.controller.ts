import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { AppConfig } from '../../core/config/app-config';
import type { PolicyVersionEntity } from '../../core/database/entities';
import { PolicyVersionList, type PolicyVersionView, SettingsView } from './dto/settings.view.dto';
import { UpdatePolicyDto } from './dto/update-policy.dto';
import { type PolicyInForce, PolicyService } from './policy.service';

const versionView = (v: PolicyVersionEntity): PolicyVersionView => ({
  version: v.settings.policy.version,
  changedBy: v.changedBy,
  changedAt: v.changedAt.toISOString(),
  note: v.note,
  policy: v.settings.policy,
  limits: { maxVerificationsPerUserPerDay: v.settings.maxVerificationsPerUserPerDay },
  privilegedGroups: v.settings.privilegedGroups,
  agentsSeeRiskScore: v.settings.agentsSeeRiskScore,
  assurance: v.settings.assurance ?? null,
});

/**
 * The settings in force, for admins. Policies and limits start from environment variables
 * (docs/configuration.md) and admins may save new versions here; each is kept and audited.
 * The sign-in and role mapping stay environment-only: a console change must never be able to
 * lock every admin out. Secrets (client secret, keys, passwords) are never part of it.
 */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class SettingsController {
  constructor(
    private readonly config: AppConfig,
    private readonly policies: PolicyService,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Policies, limits and role mapping in force' })
  @ApiOkResponse({ type: SettingsView })
  async settings(): Promise<SettingsView> {
    return this.view(await this.policies.current());
  }

  @Put('policy')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a new version of the policies and limits; new verifications use it, open ones keep theirs' })
  @ApiOkResponse({ type: SettingsView })
  async updatePolicy(
    @Body() dto: UpdatePolicyDto,
    @CurrentPrincipal() who: Principal,
    @ClientIp() ip: string | null,
  ): Promise<SettingsView> {
    return this.view(await this.policies.update(dto, who, ip));
  }

  @Get('policy/versions')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The policy versions saved in the console, newest first, with who saved each and why' })
  @ApiOkResponse({ type: PolicyVersionList })
  async policyVersions(): Promise<PolicyVersionList> {
    return { items: (await this.policies.versions()).map(versionView) };
  }

  private view(inForce: PolicyInForce): SettingsView {
    const { sso, directorySource: source } = this.config;
    return {
      policy: inForce.policy,
      policySource: inForce.saved && {
        changedBy: inForce.saved.changedBy,
        changedAt: inForce.saved.changedAt.toISOString(),
        note: inForce.saved.note,
      },
      limits: { maxVerificationsPerUserPerDay: inForce.maxVerificationsPerUserPerDay },
      organisationDomains: this.config.organisationDomains,
      privilegedGroups: inForce.privilegedGroups,
      agentsSeeRiskScore: inForce.agentsSeeRiskScore,
      assurance: inForce.assurance,
      sso: { issuer: sso.issuer, devIdp: sso.devIdp, rolesClaim: sso.rolesClaim, roleGroups: sso.roleGroups },
      directorySource: source
        ? { kind: source.kind, location: source.kind === 'scim' ? source.baseUrl : source.path, intervalMinutes: source.intervalMinutes }
        : null,
    };
  }
}
