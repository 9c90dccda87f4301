import twilio from 'twilio';
import type { TwilioConfig } from '../../core/config/integrations-config';
import { twilioClient } from './twilio-client';

/** What a phone number's carrier data says before a link goes to it. */
export interface LookupFinding {
  /** Why the number counts against the caller (a SIM changed just now, a VoIP line); null when nothing does. */
  against: string | null;
  /** What was seen, for the receipt; never more than carrier facts. */
  evidence: Record<string, string | number | boolean | null>;
}

/** A number's carrier facts (Twilio Lookup, or another provider's). */
export interface DestinationLookup {
  check(phone: string): Promise<LookupFinding>;
}

/** Line types that anyone can rent in minutes: a link to one proves nothing about the user. */
const VOIP_LINE_TYPES = ['nonFixedVoip', 'fixedVoip'];

/**
 * Twilio Lookup v2 with `sim_swap` and `line_type_intelligence`. A number Twilio has no data for
 * (an unsupported carrier or country) is not held against the caller, and neither is an outage:
 * the lookup is evidence, and its absence is written down instead of stopping the verification.
 */
export class TwilioLookup implements DestinationLookup {
  private readonly client: twilio.Twilio;

  constructor(config: TwilioConfig) {
    this.client = twilioClient(config);
  }

  async check(phone: string): Promise<LookupFinding> {
    let number;
    try {
      number = await this.client.lookups.v2.phoneNumbers(phone).fetch({ fields: 'sim_swap,line_type_intelligence' });
    } catch (err) {
      const status = err instanceof twilio.RestException ? err.status : null;
      return { against: null, evidence: { lookup: status && status < 500 ? 'no data' : 'unavailable', lookupError: status } };
    }
    // The SDK passes `last_sim_swap` through as Twilio sent it (snake case), whatever its typings say.
    const lastSwap = (number.simSwap?.lastSimSwap ?? {}) as Record<string, unknown>;
    const swapped = lastSwap.swapped_in_period ?? lastSwap.swappedInPeriod;
    const period = String(lastSwap.swapped_period ?? lastSwap.swappedPeriod ?? '');
    const lineType = number.lineTypeIntelligence?.type ?? null;
    const evidence = {
      lookup: 'twilio',
      simSwappedInPeriod: typeof swapped === 'boolean' ? swapped : null,
      swapPeriod: period || null,
      lineType,
    };
    if (swapped === true) return { against: `the number's SIM was changed within ${humanPeriod(period)}`, evidence };
    if (lineType && VOIP_LINE_TYPES.includes(lineType)) return { against: `the number is a VoIP line (${lineType})`, evidence };
    return { against: null, evidence };
  }
}

/** `PT48H` → "the last 48 hours"; anything else as Twilio wrote it. */
function humanPeriod(period: string): string {
  const hours = /^PT(\d+)H$/.exec(period)?.[1];
  return hours ? `the last ${hours} hours` : period || 'the checked period';
}
