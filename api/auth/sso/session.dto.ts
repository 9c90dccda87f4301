import { ApiProperty } from '@nestjs/swagger';
import { ALL_ROLES } from './role-mapping';

export class ConsoleUserView {
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ALL_ROLES, isArray: true }) roles: string[];
}

export class ConsoleSessionView {
  @ApiProperty({ type: ConsoleUserView }) user: ConsoleUserView;
  @ApiProperty({ description: 'Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE' }) csrfToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class LogoutView {
  @ApiProperty({ nullable: true, type: String, description: 'Where to end the IdP session too, when it supports it' })
  logoutUrl: string | null;
}
