import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from './api-key.entity';

/**
 * A signed-in console user (backend-for-frontend): the browser holds only a random cookie whose
 * SHA-256 is the key here; IdP tokens never reach the browser.
 */
@Entity('console_sessions')
export class ConsoleSessionEntity {
  @PrimaryColumn({ name: 'session_hash', type: 'bytea' }) sessionHash: Buffer;
  @Column() subject: string;
  @Column() email: string;
  @Column({ name: 'display_name' }) displayName: string;
  @Column({ type: 'text', array: true }) roles: Role[];
  /** Sent back by the console in X-CSRF-Token on every state-changing request. */
  @Column({ name: 'csrf_token' }) csrfToken: string;
  /** Kept for RP-initiated logout at the IdP; never sent to the browser. */
  @Column({ name: 'id_token', type: 'text', nullable: true }) idToken: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}

/** An authorization request in flight: PKCE verifier, state and nonce, bound to the browser by a cookie. */
@Entity('oidc_login_attempts')
export class OidcLoginAttemptEntity {
  @PrimaryColumn({ name: 'attempt_hash', type: 'bytea' }) attemptHash: Buffer;
  @Column() state: string;
  @Column() nonce: string;
  @Column({ name: 'code_verifier' }) codeVerifier: string;
  @Column({ name: 'return_to' }) returnTo: string;
  /** Set for an SSP step-up: the verification whose user must be the one who signs in. */
  @Column({ name: 'verification_id', type: 'uuid', nullable: true }) verificationId: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}
