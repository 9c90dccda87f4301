import { timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { collectDefaultMetrics, register } from 'prom-client';
import { AppConfig } from '../../core/config/app-config';
import { hashSecret } from '../../core/security/hash-secret';
import { Public } from '../auth/roles.decorator';
import { ProblemException } from '../common/problem';

collectDefaultMetrics({ prefix: 'resetgate_' });

/**
 * Prometheus metrics. They tell an outsider how busy the helpdesk is and when: with
 * RESETGATE_METRICS_TOKEN set, the scraper sends it as a bearer token; without it, only a
 * client on this machine may read them (by the socket's address, never X-Forwarded-For).
 */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Header('Content-Type', register.contentType)
  metrics(@Req() req: Request) {
    if (!this.allowed(req)) {
      throw new ProblemException(
        'unauthorized',
        'Send Authorization: Bearer <RESETGATE_METRICS_TOKEN>; without a token, metrics are served to this machine only.',
      );
    }
    return register.metrics();
  }

  private allowed(req: Request): boolean {
    const token = this.config.metricsToken;
    if (!token) return isLoopback(req.socket.remoteAddress);
    const sent = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1] ?? '';
    return timingSafeEqual(hashSecret(sent), hashSecret(token));
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  if (isIPv4(address)) return address.startsWith('127.');
  return isIPv6(address) && (address === '::1' || /^::ffff:127\./.test(address));
}
