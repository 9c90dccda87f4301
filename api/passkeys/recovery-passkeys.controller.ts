import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { notFoundOnBadUuid } from '../common/uuid';
import { RecoveryPasskeyList } from './dto/recovery-passkey.view.dto';
import { RecoveryPasskeysService } from './recovery-passkeys.service';
import { USER_ID_MAX, UserIdParam } from './user-id-param';

/**
 * A directory user's recovery passkeys (docs/assurance.md): everyone who reads verifications sees
 * them; only an admin removes one, so an insider agent cannot strip a victim's strong proof.
 */
@ApiTags('directory')
@ApiBearerAuth()
@ApiParam({ name: 'userId', description: 'The directory user’s id', schema: { type: 'string', minLength: 1, maxLength: USER_ID_MAX } })
@Controller('api/v1/directory/users/:userId/passkeys')
export class RecoveryPasskeysController {
  constructor(private readonly passkeys: RecoveryPasskeysService) {}

  @Get()
  @Roles('agent', 'admin', 'auditor')
  @ApiOperation({ summary: 'The user’s recovery passkeys: when each was added, after which verification, when last used' })
  @ApiOkResponse({ type: RecoveryPasskeyList })
  list(@UserIdParam() userId: string): Promise<RecoveryPasskeyList> {
    return this.passkeys.list(userId);
  }

  @Delete(':passkeyId')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Remove one: it no longer counts as a proof. Audited (`passkey.removed`); the user is not told' })
  @ApiParam({ name: 'passkeyId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(
    @UserIdParam() userId: string,
    @Param('passkeyId', new ParseUUIDPipe({ exceptionFactory: notFoundOnBadUuid })) passkeyId: string,
    @CurrentPrincipal() who: Principal,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    return this.passkeys.remove(userId, passkeyId, who, ip);
  }
}
