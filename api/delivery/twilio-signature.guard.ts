import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import twilio from 'twilio';
import { twilioStatusCallbackUrl } from '../../core/delivery/twilio-callback';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';

/**
 * Lets a request through only with a valid X-Twilio-Signature: an HMAC with our auth token over
 * the exact URL we gave Twilio (from PUBLIC_URL, not the Host header) and the form parameters.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const signature = request.headers['x-twilio-signature'];
    const authToken = this.config.twilio?.authToken;
    const params: unknown = request.body;
    const valid =
      !!authToken &&
      typeof signature === 'string' &&
      !!request.is('application/x-www-form-urlencoded') &&
      typeof params === 'object' &&
      params !== null &&
      twilio.validateRequest(authToken, signature, twilioStatusCallbackUrl(this.config.publicUrl), params as Record<string, unknown>);
    if (!valid) {
      throw new ProblemException(
        'signatureInvalid',
        authToken ? 'Only Twilio may call this endpoint: X-Twilio-Signature must sign this URL and form.' : 'Twilio is not configured.',
      );
    }
    return true;
  }
}
