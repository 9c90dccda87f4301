import { ApiProperty } from '@nestjs/swagger';

/** One audit log entry; `hash` seals it into the chain (hex HMAC-SHA256). */
export class AuditEventView {
  @ApiProperty({ description: 'Increasing with the chain order; a decimal string' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty() action: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceIp: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'Null for a row that was never sealed' }) hash: string | null;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for older events; null on the last page' })
  nextCursor: string | null;
}

export class BrokenLinkView {
  @ApiProperty({ description: 'The first audit event whose link does not hold' }) id: string;
  @ApiProperty() reason: string;
}

/** The audit hash chain check (audit-chain.ts). */
export class ChainVerdictView {
  @ApiProperty() intact: boolean;
  @ApiProperty({ description: 'Events checked before the first broken link (all of them when intact)' }) checked: number;
  @ApiProperty({ type: BrokenLinkView, nullable: true }) firstBroken: BrokenLinkView | null;
}
