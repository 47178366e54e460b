import { isCountryCode, isIanaTimeZone, isIsoDay, isSiteLocale } from '@brevet/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** An IANA time zone such as `Europe/Berlin` (not an offset or an abbreviation). */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an IANA time zone such as Europe/Berlin', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIanaTimeZone(value),
      },
    });
}

/** An ISO 3166-1 alpha-2 country code in upper case, e.g. `DE`. */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCountryCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an ISO 3166-1 alpha-2 country code such as DE', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCountryCode(value) },
    });
}

/** A BCP 47 locale with a region, e.g. `de-AT`. */
export function IsSiteLocale(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSiteLocale',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a locale with language and country, such as de-AT', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isSiteLocale(value) },
    });
}

/** A calendar day written `YYYY-MM-DD`. */
export function IsIsoDay(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDay',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDay(value) },
    });
}
