/** The injection token of the intake service's dependencies (ServiceDeps + IntakeOptions). */
export const INTAKE = Symbol('intake dependencies');
