import type { Decider, DomainEvent } from '../decider';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Given events / when a command / then events (or an error): a decider's rules read as specifications.
 * Uses jest's `expect`, so it belongs to test code only.
 */
export const DeciderSpecification = {
  for<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) {
    return {
      given(history: readonly Event[]) {
        return {
          when(command: Command) {
            const run = (): Event[] => decider.decide(command, history.reduce(decider.evolve, decider.initialState));
            return {
              then(expected: readonly Event[]): void {
                expect(run()).toEqual(expected);
              },
              thenNothingHappened(): void {
                expect(run()).toEqual([]);
              },
              thenThrows(errorClass: ErrorClass, check?: (error: Error) => void): void {
                let thrown: unknown;
                try {
                  run();
                } catch (e) {
                  thrown = e;
                }
                expect(thrown).toBeInstanceOf(errorClass);
                check?.(thrown as Error);
              },
            };
          },
        };
      },
    };
  },
};
