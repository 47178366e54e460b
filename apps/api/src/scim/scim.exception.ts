/** The `scimType` values of RFC 7644 §3.12. */
export type ScimErrorType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/**
 * An error on the SCIM protocol. The SCIM error filter renders it as
 * `{ schemas: [Error], status: "409", scimType: "uniqueness", detail }`; it never leaves `/scim/v2`.
 */
export class ScimException extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimErrorType,
  ) {
    super(detail);
  }

  static invalidFilter(detail: string): ScimException {
    return new ScimException(400, detail, 'invalidFilter');
  }

  static invalidValue(detail: string): ScimException {
    return new ScimException(400, detail, 'invalidValue');
  }

  static invalidSyntax(detail: string): ScimException {
    return new ScimException(400, detail, 'invalidSyntax');
  }

  static invalidPath(detail: string): ScimException {
    return new ScimException(400, detail, 'invalidPath');
  }

  static noTarget(detail: string): ScimException {
    return new ScimException(400, detail, 'noTarget');
  }

  static mutability(detail: string): ScimException {
    return new ScimException(400, detail, 'mutability');
  }

  static uniqueness(detail: string): ScimException {
    return new ScimException(409, detail, 'uniqueness');
  }

  static notFound(resource: 'User' | 'Group' | 'Schema' | 'ResourceType', id: string): ScimException {
    return new ScimException(404, `${resource} "${id}" not found.`);
  }

  static unauthorized(detail: string): ScimException {
    return new ScimException(401, detail);
  }
}
