import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The WebAuthn options the SSP hands to @simplewebauthn/browser, as @simplewebauthn/server makes
 * them (the W3C's PublicKeyCredentialCreationOptionsJSON and …RequestOptionsJSON).
 */
export class RelyingPartyView {
  @ApiProperty({ description: 'The RP ID: the host name of PUBLIC_URL' }) id: string;
  @ApiProperty() name: string;
}

export class PasskeyUserView {
  @ApiProperty({ description: 'An opaque user handle, base64url' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() displayName: string;
}

export class CredentialParameterView {
  @ApiProperty({ description: 'A COSE algorithm identifier' }) alg: number;
  @ApiProperty({ enum: ['public-key'] }) type: 'public-key';
}

export class CredentialDescriptorView {
  @ApiProperty({ description: 'base64url' }) id: string;
  @ApiProperty({ enum: ['public-key'] }) type: 'public-key';
  @ApiPropertyOptional({ type: [String] }) transports?: string[];
}

export class AuthenticatorSelectionView {
  @ApiProperty({ enum: ['discouraged', 'preferred', 'required'] }) residentKey: string;
  @ApiProperty({ enum: ['discouraged', 'preferred', 'required'] }) userVerification: string;
  @ApiProperty() requireResidentKey: boolean;
}

export class RegistrationOptionsView {
  @ApiProperty({ description: 'base64url; single use, valid for two minutes' }) challenge: string;
  @ApiProperty({ type: RelyingPartyView }) rp: RelyingPartyView;
  @ApiProperty({ type: PasskeyUserView }) user: PasskeyUserView;
  @ApiProperty({ type: [CredentialParameterView] }) pubKeyCredParams: CredentialParameterView[];
  @ApiProperty({ description: 'Milliseconds' }) timeout: number;
  @ApiProperty({ enum: ['none'] }) attestation: string;
  @ApiProperty({ type: [CredentialDescriptorView], description: 'The user’s passkeys already enrolled' })
  excludeCredentials: CredentialDescriptorView[];
  @ApiProperty({ type: AuthenticatorSelectionView }) authenticatorSelection: AuthenticatorSelectionView;
  @ApiProperty({ type: 'object', additionalProperties: true }) extensions: Record<string, unknown>;
  @ApiProperty({ type: [String] }) hints: string[];
}

export class AuthenticationOptionsView {
  @ApiProperty({ description: 'base64url; single use, valid for two minutes' }) challenge: string;
  @ApiProperty({ description: 'Milliseconds' }) timeout: number;
  @ApiProperty() rpId: string;
  @ApiProperty({ type: [CredentialDescriptorView], description: 'The user’s recovery passkeys' })
  allowCredentials: CredentialDescriptorView[];
  @ApiProperty({ enum: ['required'] }) userVerification: string;
}

export class PasskeyEnrolledView {
  @ApiProperty({ description: 'The first characters of the new credential’s id' }) credentialIdPrefix: string;
}

export class PasskeyAssertedView {
  @ApiProperty({ enum: ['met'], description: 'The recovery_passkey proof, as the verification recorded it' }) proof: 'met';
}

/** In the session view: whether the page may offer "Use your recovery passkey". */
export class PasskeyOfferView {
  @ApiProperty({ description: 'The user has a recovery passkey and this verification counts it' }) offered: boolean;
  @ApiProperty({ description: 'The passkey was confirmed in this verification' }) asserted: boolean;
}

/** In the finish answer, after a pass: adding a passkey is possible until `expiresAt`. */
export class PasskeyEnrolmentOfferView {
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
