/**
 * The decider shape every aggregate follows (after Emmett): pure functions, no I/O, no clock.
 * Time and the acting person arrive inside the command; events carry what later rules need.
 */
export interface Decider<Command, State, Event> {
  /** Turns a command and the current state into the events that record it, or throws a DomainError. */
  decide(command: Command, state: State): Event[];
  /** Folds one event into the state. Must accept every event `decide` ever produced (also old versions). */
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Rebuilds state from a history: the fold every command handler and every replay performs. */
export function fold<State, Event>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** A domain event as deciders see it: a type tag and its payload. The ledger adds the envelope. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}
