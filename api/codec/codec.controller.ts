import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentPrincipal, type Principal } from '../auth/principal';
import { Roles, TrustCorsOrigins } from '../auth/roles.decorator';
import { CODEC_PATH } from './codec-path';
import { parseCodecBody, toCodecBody } from './codec-payloads';
import { CodecService } from './codec.service';

const PAYLOADS_SCHEMA = {
  type: 'object',
  required: ['payloads'],
  properties: {
    payloads: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        properties: {
          metadata: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
          data: { type: 'string', format: 'byte' },
        },
      },
    },
  },
};

/** Temporal's remote codec protocol, so the Web UI and `temporal --codec-endpoint` show clear payloads to auditors. */
@ApiTags('temporal-codec')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Namespace', required: false, description: 'The Temporal namespace the payloads come from' })
@TrustCorsOrigins()
@Controller(CODEC_PATH.slice(1))
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @HttpCode(200)
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Decrypt Temporal payloads (audited)' })
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ schema: PAYLOADS_SCHEMA })
  async decode(
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
    @CurrentPrincipal() who: Principal,
    @ClientIp() ip: string | null,
  ) {
    return toCodecBody(await this.codec.decode(parseCodecBody(body), namespace, who, ip));
  }

  /** Admins only: auditors read, and never need to produce ciphertext the workers would accept. */
  @Post('encode')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Encrypt Temporal payloads with the current key' })
  @ApiBody({ schema: PAYLOADS_SCHEMA })
  @ApiOkResponse({ schema: PAYLOADS_SCHEMA })
  async encode(@Body() body: unknown, @Headers('x-namespace') namespace: string | undefined) {
    return toCodecBody(await this.codec.encode(parseCodecBody(body), namespace));
  }
}
