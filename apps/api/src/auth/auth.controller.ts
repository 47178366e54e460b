import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Me, SignInOptions } from '@brevet/contracts';
import type { Request, Response } from 'express';
import { ProblemDto } from '../common/problem.dto';
import { RateLimit } from '../shared-state/rate-limit';
import type { Actor } from './actor';
import { Public, SignedIn } from './allow.decorator';
import { PasswordLoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';

const client = (req: Request) => ({ ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('options')
  @Public()
  @ApiOkResponse({ description: 'Identity providers and whether password sign-in is on.' })
  options(): Promise<SignInOptions> {
    return this.auth.options();
  }

  @Get('me')
  @SignedIn()
  @ApiOkResponse({ description: 'The signed-in person, their roles, permissions and branch scope.' })
  @ApiUnauthorizedResponse({ type: ProblemDto })
  me(@CurrentActor() actor: Actor): Promise<Me> {
    return this.auth.me(actor);
  }

  @Post('password')
  @Public()
  @RateLimit('login')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed in; the session cookie is set.' })
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'Wrong email or password, or locked.' })
  @ApiTooManyRequestsResponse({ type: ProblemDto })
  async password(
    @Body() body: PasswordLoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const { token } = await this.auth.passwordLogin(
      body.email,
      body.password,
      client(req),
      readCookie(req, SESSION_COOKIE),
    );
    setSessionCookie(req, res, token);
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended on the server and the cookie cleared.' })
  async logout(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(actor);
    clearSessionCookie(req, res);
  }
}
