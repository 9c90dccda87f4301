import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../core/database/entities/api-key.entity';

export const ROLES_KEY = 'resetgate:roles';
export const PUBLIC_KEY = 'resetgate:public';

/** The roles allowed to call an endpoint. Every non-public endpoint declares them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No API key needed: health, docs and the SSP (which has its own session). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const TRUSTED_CORS_KEY = 'resetgate:trusted-cors';

/**
 * Console sessions may call this from the Temporal UI's origin (RESETGATE_CODEC_CORS_ORIGINS)
 * without the CSRF token: CORS decides which origins can read the answer, and the calls change
 * nothing but the audit log.
 */
export const TrustCorsOrigins = () => SetMetadata(TRUSTED_CORS_KEY, true);
