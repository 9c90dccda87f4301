/**
 * @jest-environment jsdom
 */
import '../../testing/angular-test-bed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { declareSignalInputs } from '../../testing/signal-inputs';
import { Countdown } from './countdown';

declareSignalInputs(Countdown, { until: { required: true } });

const START = new Date('2026-07-01T12:00:00.000Z').getTime();

let fixture: ComponentFixture<Countdown>;
let expiries: number;

/** A countdown to `secondsAway` from now, on a fake clock. */
function render(secondsAway: number): void {
  fixture = TestBed.createComponent(Countdown);
  fixture.componentRef.setInput('until', new Date(START + secondsAway * 1000));
  expiries = 0;
  fixture.componentInstance.expired.subscribe(() => expiries++);
  fixture.detectChanges();
}

/** Let the clock run, then show what the page shows. */
function wait(seconds: number): void {
  jest.advanceTimersByTime(seconds * 1000);
  fixture.detectChanges();
}

const element = () => fixture.nativeElement as HTMLElement;
const shown = () => element().querySelector('.countdown')!.textContent!.replace(/\s+/g, ' ').trim();
const announced = () => element().querySelector('[aria-live="polite"]')!.textContent!.trim();
const low = () => element().querySelector('.countdown')!.classList.contains('low');

beforeEach(() => {
  jest.useFakeTimers({ now: START });
});

afterEach(() => {
  fixture.destroy();
  jest.useRealTimers();
});

describe('Countdown', () => {
  it('shows the time left, ticking every second', () => {
    render(125);
    expect(shown()).toBe('Time left: 2:05');
    wait(1);
    expect(shown()).toBe('Time left: 2:04');
  });

  it('announces only at the thresholds, and shows the last minute as low', () => {
    render(125);
    expect(announced()).toBe('');
    expect(low()).toBe(false);
    wait(5);
    expect(announced()).toBe('Two minutes left.');
    wait(60);
    expect(shown()).toBe('Time left: 1:00');
    expect(announced()).toBe('One minute left.');
    expect(low()).toBe(true);
    wait(30);
    expect(announced()).toBe('Less than 30 seconds left.');
  });

  it('says it expired once, when the time is up, and stops at 0:00', () => {
    render(3);
    wait(2);
    expect(expiries).toBe(0);
    wait(1);
    expect(expiries).toBe(1);
    expect(shown()).toBe('Time left: 0:00');
    wait(10);
    expect(expiries).toBe(1);
  });

  it('follows a new deadline', () => {
    render(30);
    fixture.componentRef.setInput('until', new Date(START + 300_000));
    fixture.detectChanges();
    expect(shown()).toBe('Time left: 5:00');
    expect(announced()).toBe('');
  });

  it('says nothing once removed from the page', () => {
    render(2);
    fixture.destroy();
    jest.advanceTimersByTime(5000);
    expect(expiries).toBe(0);
  });
});
