import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { AppConfig } from '../config/app-config';
import { SettingsView } from './dto/settings.view.dto';

/**
 * The settings in force, for admins. They come from environment variables (README,
 * "Configuration"), so a change is reviewed and deployed like code; this page only shows them.
 * Secrets (client secret, keys, passwords) are never part of it.
 */
@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Policies, limits and role mapping in force (read-only; set by environment variables)' })
  @ApiOkResponse({ type: SettingsView })
  settings(): SettingsView {
    const { policy, sso } = this.config;
    return {
      policy,
      limits: { maxVerificationsPerUserPerDay: this.config.maxVerificationsPerUserPerDay },
      organisationDomains: this.config.organisationDomains,
      privilegedGroups: this.config.privilegedGroups,
      agentsSeeRiskScore: this.config.agentsSeeRiskScore,
      sso: { issuer: sso.issuer, devIdp: sso.devIdp, rolesClaim: sso.rolesClaim, roleGroups: sso.roleGroups },
    };
  }
}
