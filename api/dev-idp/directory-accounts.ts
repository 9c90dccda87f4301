import type { DataSource } from 'typeorm';
import { DirectoryUserEntity } from '../../core/database/entities';
import { type AccountLookup, findDemoAccount } from './demo-accounts';

/** The dev IdP's accounts: demo staff first, then active directory users by corporate email. */
export function devIdpAccounts(dataSource: DataSource): AccountLookup {
  return async (email) => {
    const demo = findDemoAccount(email);
    if (demo) return demo;
    const user = await dataSource
      .getRepository(DirectoryUserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email) AND u.active', { email: email.trim() })
      .getOne();
    return user ? { email: user.email.toLowerCase(), name: user.displayName, groups: user.groups } : undefined;
  };
}
