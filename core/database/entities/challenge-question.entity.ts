import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Grade } from '../../../workflows/verification/model';
import type { AnswerKey, QuestionKind, QuestionOption, QuestionType, UserAnswer } from '../../../workflows/verification/question';

/** One question asked in a verification, with its answer key (server side only) and the user's answer. */
@Entity('challenge_questions')
export class ChallengeQuestionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'verification_id', type: 'uuid' }) verificationId: string;
  @Column('int') position: number;
  @Column({ type: 'text' }) kind: QuestionKind;
  @Column({ type: 'text' }) type: QuestionType;
  @Column() text: string;
  @Column({ type: 'jsonb' }) options: QuestionOption[];
  @Column({ name: 'answer_key', type: 'jsonb' }) answerKey: AnswerKey;
  /** Public facts count for half: see PUBLIC_WEIGHT. */
  @Column({ type: 'real', default: 1 }) weight: number;
  @Column({ type: 'jsonb', nullable: true }) answer: UserAnswer | null;
  @Column({ type: 'text', nullable: true }) grade: Grade | null;
  @Column({ type: 'real', nullable: true }) score: number | null;
  @Column({ name: 'elapsed_ms', type: 'int', nullable: true }) elapsedMs: number | null;
  @Column({ type: 'boolean', default: false }) pasted: boolean;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
}
