/**
 * @jest-environment jsdom
 */
import '../../testing/angular-test-bed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { join } from 'node:path';
import type { SessionQuestion } from '../api/ssp-client';
import { declareSignalInputs } from '../../testing/signal-inputs';
import { inlineTemplateFile } from '../../testing/template-file';
import { type AnswerEvent, QuestionStep } from './question-step';

declareSignalInputs(QuestionStep, {
  question: { required: true },
  position: { required: true },
  total: { required: true },
  busy: { required: false },
});

const options = [
  { id: 'o-1', label: 'Finance' },
  { id: 'o-2', label: 'Legal' },
  { id: 'o-3', label: 'Sales' },
];
const question = (type: SessionQuestion['type']): SessionQuestion => ({
  id: `q-${type}`,
  kind: type === 'text' ? 'manager' : 'groups',
  type,
  text: type === 'text' ? 'Who is your manager?' : 'Which groups are you in?',
  options: type === 'text' ? [] : options,
  answered: false,
});

let fixture: ComponentFixture<QuestionStep>;
let answers: AnswerEvent[];

function render(q: SessionQuestion, { position = 1, total = 4, busy = false } = {}): void {
  inlineTemplateFile(QuestionStep, join(__dirname, 'question-step.html'));
  fixture = TestBed.createComponent(QuestionStep);
  fixture.componentRef.setInput('question', q);
  fixture.componentRef.setInput('position', position);
  fixture.componentRef.setInput('total', total);
  fixture.componentRef.setInput('busy', busy);
  answers = [];
  fixture.componentInstance.answered.subscribe((a) => answers.push(a));
  fixture.detectChanges();
}

const page = () => fixture.nativeElement as HTMLElement;
const button = (text: string) => [...page().querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
const submitButton = () => page().querySelector<HTMLButtonElement>('button[type="submit"]')!;

function type(text: string): void {
  const input = page().querySelector<HTMLInputElement>('input.text-answer')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  fixture.detectChanges();
}

function choose(label: string, checked = true): void {
  const option = [...page().querySelectorAll('label.option')].find((l) => l.textContent!.trim() === label)!;
  const input = option.querySelector('input')!;
  input.checked = checked;
  input.dispatchEvent(new Event('change'));
  fixture.detectChanges();
}

function submit(): void {
  page()
    .querySelector('form')!
    .dispatchEvent(new Event('submit', { cancelable: true }));
  fixture.detectChanges();
}

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  fixture.destroy();
  jest.useRealTimers();
});

describe('QuestionStep', () => {
  it('shows the question with where the caller is, and Continue until the last one', () => {
    render(question('single'), { position: 2, total: 4 });
    expect(page().querySelector('legend')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Question 2 of 4 Which groups are you in?');
    expect(submitButton().textContent!.trim()).toBe('Continue');
    fixture.componentRef.setInput('position', 4);
    fixture.detectChanges();
    expect(submitButton().textContent!.trim()).toBe('Finish');
  });

  it('a free-text answer: Continue once something is typed, sent trimmed', () => {
    render(question('text'));
    expect(submitButton().disabled).toBe(true);
    type('   ');
    expect(submitButton().disabled).toBe(true);
    submit();
    expect(answers).toEqual([]);
    type('  Grace Hopper ');
    expect(submitButton().disabled).toBe(false);
    submit();
    expect(answers.map((a) => a.value)).toEqual([{ text: 'Grace Hopper' }]);
  });

  it('a single choice: radio buttons, the last one chosen is the answer', () => {
    render(question('single'));
    expect([...page().querySelectorAll('label.option input')].map((i) => (i as HTMLInputElement).type)).toEqual([
      'radio',
      'radio',
      'radio',
    ]);
    expect(submitButton().disabled).toBe(true);
    choose('Finance');
    choose('Sales');
    submit();
    expect(answers.map((a) => a.value)).toEqual([{ optionId: 'o-3' }]);
  });

  it('a multiple choice: checkboxes, each one ticked and not unticked is in the answer', () => {
    render(question('multi'));
    expect([...page().querySelectorAll('label.option input')].map((i) => (i as HTMLInputElement).type)).toEqual([
      'checkbox',
      'checkbox',
      'checkbox',
    ]);
    choose('Finance');
    choose('Legal');
    choose('Sales');
    choose('Finance', false);
    submit();
    expect(answers.map((a) => a.value)).toEqual([{ optionIds: ['o-2', 'o-3'] }]);
  });

  it('cannot continue with every box unticked again', () => {
    render(question('multi'));
    choose('Legal');
    choose('Legal', false);
    expect(submitButton().disabled).toBe(true);
  });

  it('skipping sends no answer', () => {
    render(question('single'));
    button('Skip this question').click();
    expect(answers.map((a) => a.value)).toEqual([null]);
  });

  it('reports how long the caller took, from when the question showed', () => {
    render(question('text'));
    jest.advanceTimersByTime(4200);
    type('Grace Hopper');
    submit();
    expect(answers[0].elapsedMs).toBeCloseTo(4200, 0);
  });

  it('reports a typed answer as not pasted', () => {
    render(question('text'));
    type('Grace Hopper');
    submit();
    expect(answers[0].pasted).toBe(false);
  });

  it('reports a pasted answer as pasted', () => {
    render(question('text'));
    page().querySelector('input.text-answer')!.dispatchEvent(new Event('paste'));
    type('Grace Hopper');
    submit();
    expect(answers[0].pasted).toBe(true);
  });

  it('sends nothing while the previous answer is on its way', () => {
    render(question('single'), { busy: true });
    choose('Legal');
    expect(submitButton().disabled).toBe(true);
    expect(button('Skip this question').disabled).toBe(true);
    submit();
    button('Skip this question').click();
    expect(answers).toEqual([]);
  });
});
