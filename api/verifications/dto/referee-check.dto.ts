import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { REFEREE_METHODS, REFEREE_VERDICTS, type RefereeCheck } from '../../../core/database/entities';

export class RefereeCheckDto {
  @ApiProperty({ enum: REFEREE_METHODS, description: 'How the referee saw the person' })
  @IsIn(REFEREE_METHODS)
  method: RefereeCheck['method'];

  @ApiProperty({ enum: REFEREE_VERDICTS, description: 'confirmed: it is the user; refused: it is not, or it could not be shown' })
  @IsIn(REFEREE_VERDICTS)
  verdict: RefereeCheck['verdict'];

  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'What you saw and checked: the document, who joined the call, what matched' })
  @IsString()
  @Length(10, 2000)
  evidence: string;
}
