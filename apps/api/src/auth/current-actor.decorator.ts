import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from './actor';

/** The signed-in person of a route guarded by `@Allow`. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without @Allow');
  return actor;
});
