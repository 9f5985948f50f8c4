import { ValidationPipe } from '@nestjs/common';
import { flattenViolations } from '@intercity/contracts';
import { ProblemException } from './problem';

/** Rejects unknown fields and names each field and the rule it broke (400 problem+json). */
export function problemValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => ProblemException.invalid(flattenViolations(errors)),
  });
}
