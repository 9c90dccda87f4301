import { ApiProperty } from '@nestjs/swagger';

export class IdentityDocumentStart {
  @ApiProperty({ description: 'Send the browser here: the identity-verification provider’s page' }) authorizationUrl: string;
}

export class IdentityDocumentOfferView {
  @ApiProperty({ description: 'Whether the page may offer "Verify with an identity document"' }) offered: boolean;
  @ApiProperty({ description: 'Whether a document was already checked in this verification (met or failed)' }) done: boolean;
}
