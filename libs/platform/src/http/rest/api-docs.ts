import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';

export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying with the same key and body returns the first reply (Idempotent-Replayed: true) and changes nothing; the same key with another body is refused (422).',
  });

export const ApiIfMatch = () =>
  ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: problem+json naming each field and rule',
  404: 'No such resource',
  409: 'Conflicts with current state (rule named in the problem)',
  412: 'If-Match is stale',
  422: 'Does not fit the data it refers to, or the Idempotency-Key was used for another request',
};

/** Documents the problem+json answers a route can give. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] })));
