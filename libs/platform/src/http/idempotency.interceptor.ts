import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { Request, Response } from 'express';
import { IdempotencyStore, TransactionRunner } from '@intercity/persistence';
import { ProblemException } from './problem';

const REPLAYED_HEADERS = ['etag', 'location'];

const NO_REPLAY = 'intercity:no-idempotent-replay';

/**
 * A POST whose reply must never be stored (it carries a secret): it ignores Idempotency-Key, and
 * a retry simply does the work again.
 */
export const NoIdempotentReplay = (why: string) => SetMetadata(NO_REPLAY, why);

/**
 * `Idempotency-Key` on POST: the first request's reply is kept in the same transaction as its
 * change; a retry with the same key gets that reply again and changes nothing. A key reused for a
 * different request is refused (422). Concurrent retries wait on the first.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store = new IdempotencyStore();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || !key || this.reflector.get<string>(NO_REPLAY, context.getHandler())) return next.handle();
    if (key.length > 200) {
      throw ProblemException.invalid([{ field: 'Idempotency-Key', rule: 'maxLength', message: 'must be at most 200 characters' }]);
    }
    const scope = `${req.method} ${req.route?.path ?? req.path}`;
    const requestHash = createHash('sha256').update(JSON.stringify({ url: req.originalUrl, body: req.body ?? null })).digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;

    return from(
      this.tx.run(async (uow) => {
        await this.store.lock(uow.manager, scope, key);
        const stored = await this.store.find(uow.manager, scope, key);
        if (stored) {
          if (stored.requestHash !== requestHash) {
            throw new ProblemException(422, {
              rule: 'idempotency-key.reused',
              detail: 'this Idempotency-Key was used for a different request',
            });
          }
          for (const [h, v] of Object.entries(stored.headers)) res.setHeader(h, v);
          res.setHeader('Idempotent-Replayed', 'true');
          return stored.body;
        }
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        const headers: Record<string, string> = {};
        for (const h of REPLAYED_HEADERS) {
          const v = res.getHeader(h);
          if (v !== undefined) headers[h] = String(v);
        }
        await this.store.save(uow.manager, scope, key, { requestHash, status, body, headers });
        return body;
      }),
    );
  }
}
