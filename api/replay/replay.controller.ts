import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { IdParam } from '../common/uuid';
import { ReplayVerdictView } from './dto/replay-verdict.dto';
import { ReplayService } from './replay.service';

/** Auditors' proof of a verification: its history, and its replay on the current workflow code. */
@ApiTags('verifications')
@ApiBearerAuth()
@Controller('api/v1/verifications')
export class ReplayController {
  constructor(private readonly replays: ReplayService) {}

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Replay the history on the current workflow code: { deterministic, timeline[] }' })
  @ApiOkResponse({ type: ReplayVerdictView })
  replay(@IdParam() id: string): Promise<ReplayVerdictView> {
    return this.replays.replay(id);
  }

  @Get(':id/history')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The Temporal workflow history as JSON, payloads decrypted (replayable without keys; audited)' })
  history(@IdParam() id: string, @CurrentPrincipal() who: Principal, @ClientIp() ip: string | null) {
    return this.replays.history(id, who, ip);
  }
}
