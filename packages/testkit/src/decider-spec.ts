import { expect } from 'vitest';

/** The decider shape, restated here so the testkit does not depend on the domain package. */
export interface DeciderLike<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * given/when/then for deciders (after Emmett's DeciderSpecification):
 *
 *   spec.given([submitted]).when(accept).then([accepted]);
 *   spec.given([declined]).when(accept).thenThrows(ApplicationClosed, (e) => e.details.status === 'declined');
 *
 * `then` compares events with deep equality; `thenThrows` checks the error class and an optional predicate.
 */
export function deciderSpec<Command, State, Event>(decider: DeciderLike<Command, State, Event>) {
  return {
    given(events: readonly Event[]) {
      const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            // biome-ignore lint/suspicious/noThenProperty: given/when/then is the point; the object is never awaited
            then(expected: readonly Event[]): Event[] {
              const actual = run();
              expect(actual).toEqual(expected);
              return actual;
            },
            /** For events with values the test cannot predict exactly: check them with a function. */
            thenMatches(check: (events: Event[]) => void): Event[] {
              const actual = run();
              check(actual);
              return actual;
            },
            thenThrows<E extends ErrorClass>(
              errorClass: E,
              predicate?: (error: InstanceType<E>) => boolean,
            ): InstanceType<E> {
              let thrown: unknown;
              try {
                const produced = run();
                thrown = undefined;
                expect.fail(
                  `expected ${errorClass.name} but the decider produced ${JSON.stringify(produced)}`,
                );
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorClass);
              const typed = thrown as InstanceType<E>;
              if (predicate) expect(predicate(typed), `predicate failed for ${String(typed)}`).toBe(true);
              return typed;
            },
            /** The state after the produced events are folded in: for checking what evolve keeps. */
            thenState(check: (state: State, events: Event[]) => void): void {
              const produced = run();
              check(
                produced.reduce((s, e) => decider.evolve(s, e), state),
                produced,
              );
            },
          };
        },
      };
    },
  };
}
