import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

@Module({
  imports: [AuditModule],
  controllers: [CodecController],
  providers: [CodecService],
})
export class CodecModule {}
