import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyEntity, type Role } from '../database/entities/api-key.entity';

const hash = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** API keys are random, shown once, and stored only as SHA-256. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async authenticate(presented: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash: hash(presented), revokedAt: IsNull() });
  }

  async create(name: string, roles: Role[]): Promise<{ key: string; record: ApiKeyEntity }> {
    const key = `rg_${randomBytes(24).toString('base64url')}`;
    const record = await this.keys.save(this.keys.create({ name, roles, prefix: key.slice(0, 8), keyHash: hash(key) }));
    return { key, record };
  }

  /** RESETGATE_BOOTSTRAP_API_KEY: lets automation and tests start from nothing. */
  async ensureBootstrapKey(key: string): Promise<void> {
    if (key.length < 16) throw new Error('RESETGATE_BOOTSTRAP_API_KEY must be at least 16 characters');
    if (await this.keys.findOneBy({ keyHash: hash(key) })) return;
    await this.keys.save(
      this.keys.create({ name: 'bootstrap', roles: ['admin', 'agent', 'auditor'], prefix: key.slice(0, 4), keyHash: hash(key) }),
    );
    this.logger.log('bootstrap API key registered');
  }
}
