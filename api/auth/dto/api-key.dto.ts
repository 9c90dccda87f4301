import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import type { Role } from '../../../core/database/entities/api-key.entity';
import { ALL_ROLES } from '../sso/role-mapping';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for, e.g. "ServiceNow integration"', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(/^\P{Cc}+$/u, { message: 'name must not contain control characters' })
  @Matches(/\S/, { message: 'name must say what the key is for, not only spaces' })
  name: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ALL_ROLES, { each: true })
  roles: Role[];
}

export class ApiKeyView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ enum: ALL_ROLES, isArray: true }) roles: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
}

export class ApiKeyList {
  @ApiProperty({ type: [ApiKeyView] }) items: ApiKeyView[];
}

export class CreatedApiKey extends ApiKeyView {
  @ApiProperty({ description: 'The key itself. Shown this once: only its hash is kept.' }) key: string;
}
