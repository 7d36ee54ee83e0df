import type { PipeTransform } from '@nestjs/common';
import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** Validates a REST body or query against a contracts schema; the error lists every bad field. */
export class ZodValidationPipe<TSchema extends z.ZodType> implements PipeTransform<
  unknown,
  z.infer<TSchema>
> {
  constructor(private readonly schema: TSchema) {}

  transform(value: unknown): z.infer<TSchema> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new BadRequestException({
      message: 'invalid request',
      // The code and bound let a client say what is wrong in its user's language.
      errors: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(body)',
        message: issue.message,
        code: issue.code,
        ...('minimum' in issue && typeof issue.minimum === 'number' ? { minimum: issue.minimum } : {}),
        ...('maximum' in issue && typeof issue.maximum === 'number' ? { maximum: issue.maximum } : {}),
      })),
    });
  }
}
