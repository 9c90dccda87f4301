import { ApiProperty } from '@nestjs/swagger';

/**
 * A user's recovery passkey as the console shows it: enough to tell passkeys apart and trace each
 * to the verification it was added after. Never the whole credential id, never the public key.
 */
export class RecoveryPasskeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The first 8 characters of the credential id (base64url), never the whole id', example: 'kY3vQ1aZ' })
  credentialIdPrefix: string;
  @ApiProperty({
    type: [String],
    description: 'How the authenticator said it can be reached, as WebAuthn names it: usb, nfc, ble, hybrid, internal, smart-card',
    example: ['internal', 'hybrid'],
  })
  transports: string[];
  @ApiProperty({ format: 'date-time' }) addedAt: string;
  @ApiProperty({ format: 'uuid', description: 'The verification whose pass allowed the enrolment' })
  addedAfterVerificationId: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it last checked out as a proof' })
  lastUsedAt: string | null;
}

export class RecoveryPasskeyList {
  @ApiProperty({ description: 'The directory user’s id' }) userId: string;
  @ApiProperty({ type: [RecoveryPasskeyView], description: 'Oldest first' }) items: RecoveryPasskeyView[];
}
