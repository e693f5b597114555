/** Injection token of the `Bus` itself (`@Inject(DOCKET_BUS) bus: Bus`). */
export const DOCKET_BUS = Symbol.for('docket.bus');
/** Injection token of the service's name (`@Inject(DOCKET_SERVICE) service: string`). */
export const DOCKET_SERVICE = Symbol.for('docket.service');
