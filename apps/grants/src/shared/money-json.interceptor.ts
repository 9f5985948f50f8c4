import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { toJson } from './events';

/**
 * Responses carry money as the API's string minor units: JSON has no bigint, and a number would
 * lose cents past 2^53. Files and text (the exports) pass through untouched.
 */
@Injectable()
export class MoneyJsonInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body) => (body instanceof StreamableFile || typeof body === 'string' ? body : toJson(body))));
  }
}
