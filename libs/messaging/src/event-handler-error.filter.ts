import { Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception filter replaces whatever a handler throws with
 * `{ status: 'error', message: 'Internal server error' }`, so retries would log and dead letters
 * would carry that instead of the error (ARCHITECTURE §4.3: "dead-lettered with its error").
 * Registered on the microservice that runs JetStreamServer (`useGlobalFilters`), it passes the
 * handler's own error through to the transport.
 */
@Catch()
export class EventHandlerErrorFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
