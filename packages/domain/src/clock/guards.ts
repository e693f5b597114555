import { ClockAlreadyPaused, ClockAlreadyStopped, ClockNotStarted } from './errors';
import { type ClockState, runningPause, type StartedClockState } from './state';

export function requireStarted(state: ClockState): StartedClockState {
  if (state.status === 'not_started') throw new ClockNotStarted();
  return state;
}

/** Started and not stopped: an extension, a pause's end or the case's end may still come while paused. */
export function requireNotStopped(state: ClockState): StartedClockState {
  const clock = requireStarted(state);
  if (clock.status === 'stopped') throw new ClockAlreadyStopped(clock.stop?.outcome ?? 'closed');
  return clock;
}

/**
 * Running: the review refuses steps and joint answers during a special procedure, so such a reaction
 * arriving while the clock is paused means the reactions are out of order.
 */
export function requireRunning(state: ClockState): StartedClockState {
  const clock = requireNotStopped(state);
  if (clock.status === 'paused') throw new ClockAlreadyPaused(runningPause(clock)?.kind ?? 'suspension');
  return clock;
}
