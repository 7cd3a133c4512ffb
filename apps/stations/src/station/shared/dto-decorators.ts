import { registerDecorator, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * An optional field that, when sent, must not be null: `@IsOptional()` would let null through,
 * and null means "clear" only where a field says so.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * A field required when `condition` holds on the object and absent otherwise, e.g. `weekly` only
 * when `open24h` is false. Pair with `ValidateIf` so its other validators run only when it is sent
 * or required.
 */
export function PresentOnlyWhen(condition: (object: Record<string, unknown>) => boolean, what: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'presentOnlyWhen',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const wanted = condition(args.object as Record<string, unknown>);
          return wanted ? value !== undefined && value !== null : value === undefined;
        },
        defaultMessage(args: ValidationArguments) {
          return condition(args.object as Record<string, unknown>)
            ? `${args.property} is required when ${what}`
            : `${args.property} must be absent unless ${what}`;
        },
      },
    });
  };
}

/** A required or present field, or one that `PresentOnlyWhen` says must be checked. */
export const ValidateWhenSentOr = (condition: (object: Record<string, unknown>) => boolean): PropertyDecorator =>
  ValidateIf((object: object, value: unknown) => value !== undefined || condition(object as Record<string, unknown>));

/** Text with at least one non-space character. */
export const NOT_BLANK = /\S/;
