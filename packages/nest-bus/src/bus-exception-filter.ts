import { type ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';

/**
 * Lets a handler's error reach the transport unchanged, so the Bus can send it as a typed error:
 * an error with a string `code` (DomainError, LedgerError, IdentityError, ...) arrives at the requester
 * as `RemoteError` with the same code/kind/details, anything else as `InternalError` with a generic
 * message (the Bus strips it). Nest's default RPC filter would turn every unknown error into
 * `{ status: 'error', message: 'Internal server error' }` and lose the code.
 *
 * For RPC contexts only: register it on the microservice (`useBusErrors(app)`), never on an HTTP app.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    // An RpcException carrying a coded object (`new RpcException({ code, message })`) is that error.
    const error = exception instanceof RpcException ? exception.getError() : exception;
    return throwError(() => error);
  }
}

/** The part of a Nest microservice (or application) this needs. */
export interface FilterHost {
  useGlobalFilters(...filters: BusExceptionFilter[]): unknown;
}

/** Registers `BusExceptionFilter` globally on a microservice; returns it for chaining. */
export function useBusErrors<T extends FilterHost>(app: T): T {
  app.useGlobalFilters(new BusExceptionFilter());
  return app;
}
