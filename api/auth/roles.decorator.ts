import { SetMetadata } from '@nestjs/common';
import type { Role } from '../database/entities/api-key.entity';

export const ROLES_KEY = 'resetgate:roles';
export const PUBLIC_KEY = 'resetgate:public';

/** The roles allowed to call an endpoint. Every non-public endpoint declares them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No API key needed: health, docs and the SSP (which has its own session). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
