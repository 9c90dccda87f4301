import { ProblemException } from '../common/problem';
import type { Channel } from '../../workflows/verification/model';

const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@<>()",;:]{1,64}@([a-z0-9-]+\.)+[a-z]{2,63}$/i;

/**
 * SMS needs an E.164 number; email needs a personal address: a link sent to the organisation's
 * own mailbox proves nothing when the caller may already control that account.
 */
export function validateDestination(channel: Channel, destination: string, organisationDomains: string[]): string {
  const value = destination.trim();
  if (channel === 'sms') {
    if (!E164.test(value))
      throw new ProblemException('destinationRefused', 'Give the phone number in E.164 form, for example +447700900123.');
    return value;
  }
  if (!EMAIL.test(value)) throw new ProblemException('destinationRefused', 'Give a valid email address.');
  const domain = value.split('@')[1].toLowerCase();
  if (organisationDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) {
    throw new ProblemException(
      'destinationRefused',
      `Addresses at ${domain} belong to the organisation; send the link to the user's personal address.`,
    );
  }
  return value.toLowerCase();
}
