import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

/**
 * The browser's answers to a WebAuthn prompt, as @simplewebauthn/browser sends them: every binary
 * field base64url, every field bounded. The signatures, origins and challenges inside are checked
 * by @simplewebauthn/server, never here.
 */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const base64url = (field: string) => ({ message: `${field} must be base64url` });
/** A credential id is at most 1023 bytes (WebAuthn L3): 1364 base64url characters. */
const CREDENTIAL_ID_LENGTH = 1364;

class CredentialIds {
  @ApiProperty({ description: 'The credential id, base64url' })
  @IsString()
  @Length(1, CREDENTIAL_ID_LENGTH)
  @Matches(BASE64URL, base64url('id'))
  id: string;

  @ApiProperty({ description: 'The same id, as the browser read it from the raw bytes' })
  @IsString()
  @Length(1, CREDENTIAL_ID_LENGTH)
  @Matches(BASE64URL, base64url('rawId'))
  rawId: string;

  @ApiPropertyOptional({ enum: ['platform', 'cross-platform'] })
  @IsOptional()
  @IsIn(['platform', 'cross-platform'])
  authenticatorAttachment?: 'platform' | 'cross-platform';

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the browser says of the extensions (credProps)' })
  @IsObject()
  clientExtensionResults: Record<string, unknown>;

  @ApiProperty({ enum: ['public-key'] }) @IsIn(['public-key']) type: 'public-key';
}

export class AttestationResponseDto {
  @ApiProperty() @IsString() @Length(1, 4096) @Matches(BASE64URL, base64url('clientDataJSON')) clientDataJSON: string;
  @ApiProperty() @IsString() @Length(1, 16_384) @Matches(BASE64URL, base64url('attestationObject')) attestationObject: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 16_384)
  @Matches(BASE64URL, base64url('authenticatorData'))
  authenticatorData?: string;
  @ApiPropertyOptional({ type: [String], description: 'How the browser can reach the authenticator: internal, hybrid, usb, …' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  transports?: string[];
  @ApiPropertyOptional() @IsOptional() @IsInt() publicKeyAlgorithm?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4096) @Matches(BASE64URL, base64url('publicKey')) publicKey?: string;
}

export class RegistrationResponseDto extends CredentialIds {
  @ApiProperty({ type: AttestationResponseDto })
  @ValidateNested()
  @Type(() => AttestationResponseDto)
  response: AttestationResponseDto;
}

export class AssertionResponseDto {
  @ApiProperty() @IsString() @Length(1, 4096) @Matches(BASE64URL, base64url('clientDataJSON')) clientDataJSON: string;
  @ApiProperty() @IsString() @Length(1, 4096) @Matches(BASE64URL, base64url('authenticatorData')) authenticatorData: string;
  @ApiProperty() @IsString() @Length(1, 2048) @Matches(BASE64URL, base64url('signature')) signature: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) @Matches(BASE64URL, base64url('userHandle')) userHandle?: string;
}

export class AuthenticationResponseDto extends CredentialIds {
  @ApiProperty({ type: AssertionResponseDto })
  @ValidateNested()
  @Type(() => AssertionResponseDto)
  response: AssertionResponseDto;
}
