import { OUTCOMES } from '../../../workflows/verification/model';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PasskeyEnrolmentOfferView, PasskeyOfferView } from '../passkeys/dto/passkey-responses.dto';
import { IdentityDocumentOfferView } from '../identity-document/dto/identity-document.dto';

/** Response shapes of the SSP endpoints: the SSP's generated client is typed from these. */
export class StartSessionResponse {
  @ApiProperty({ enum: ['in_progress', 'not_enough_questions'] }) status: 'in_progress' | 'not_enough_questions';
  @ApiPropertyOptional({ format: 'date-time' }) sessionExpiresAt?: string;
  @ApiPropertyOptional() questionCount?: number;
}

export class QuestionOptionView {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
}

export class SessionQuestionView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['groups', 'manager', 'department', 'office', 'meeting', 'signin_city', 'signin_device'] }) kind: string;
  @ApiProperty({ enum: ['single', 'multi', 'text'] }) type: 'single' | 'multi' | 'text';
  @ApiProperty() text: string;
  @ApiProperty({ type: [QuestionOptionView] }) options: QuestionOptionView[];
  @ApiProperty() answered: boolean;
}

export class StepUpView {
  @ApiProperty({ description: 'Whether the page may offer signing in at the organisation' }) offered: boolean;
  @ApiProperty({ enum: ['matched', 'mismatch'], nullable: true, type: String }) result: 'matched' | 'mismatch' | null;
}

export class SessionView {
  @ApiProperty({ format: 'date-time' }) sessionExpiresAt: string;
  @ApiProperty({ type: StepUpView }) stepUp: StepUpView;
  @ApiProperty({ type: PasskeyOfferView }) passkey: PasskeyOfferView;
  @ApiProperty({ type: IdentityDocumentOfferView }) identityDocument: IdentityDocumentOfferView;
  @ApiProperty() total: number;
  @ApiProperty() answered: number;
  @ApiProperty({ type: [SessionQuestionView] }) questions: SessionQuestionView[];
}

export class AnswerResponse {
  @ApiProperty() answered: number;
  @ApiProperty() total: number;
}

export class FinishResponse {
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiProperty({
    type: PasskeyEnrolmentOfferView,
    nullable: true,
    description: 'After a pass: the user may add a recovery passkey until then (the registration endpoints); null otherwise',
  })
  passkeyEnrolment: PasskeyEnrolmentOfferView | null;
}
