import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { hashSecret } from '../../core/security/hash-secret';
import { ApiKeyEntity, type Role } from '../../core/database/entities/api-key.entity';

/** API keys are random, shown once, and stored only as SHA-256. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async authenticate(presented: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash: hashSecret(presented), revokedAt: IsNull() });
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'DESC' } });
  }

  /** `audit` runs in the same transaction: a key exists exactly when its creation is audited. */
  async create(name: string, roles: Role[], audit?: (db: EntityManager) => Promise<void>): Promise<{ key: string; record: ApiKeyEntity }> {
    const key = `rg_${randomBytes(24).toString('base64url')}`;
    const record = await this.keys.manager.transaction(async (db) => {
      const saved = await db.save(db.create(ApiKeyEntity, { name, roles, prefix: key.slice(0, 8), keyHash: hashSecret(key) }));
      await audit?.(db);
      return saved;
    });
    return { key, record };
  }

  /** False when there is no such key; an already revoked key stays revoked as it was. */
  async revoke(id: string, audit: (db: EntityManager, key: ApiKeyEntity) => Promise<void>): Promise<boolean> {
    return this.keys.manager.transaction(async (db) => {
      const key = await db.findOne(ApiKeyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) return false;
      if (!key.revokedAt) {
        await db.update(ApiKeyEntity, { id }, { revokedAt: new Date() });
        await audit(db, key);
      }
      return true;
    });
  }

  /** RESETGATE_BOOTSTRAP_API_KEY: lets automation and tests start from nothing. */
  async ensureBootstrapKey(key: string): Promise<void> {
    if (key.length < 16) throw new Error('RESETGATE_BOOTSTRAP_API_KEY must be at least 16 characters');
    if (await this.keys.findOneBy({ keyHash: hashSecret(key) })) return;
    await this.keys.save(
      this.keys.create({ name: 'bootstrap', roles: ['admin', 'agent', 'auditor'], prefix: key.slice(0, 4), keyHash: hashSecret(key) }),
    );
    this.logger.log('bootstrap API key registered');
  }
}
