import {
  Controller,
  Get,
  Header,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, CrossSiteAllowed } from '../auth/allow.decorator';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie';
import { RateLimit } from '../shared-state/rate-limit';
import { SamlErrorFilter } from './saml-error.filter';
import { SamlService } from './saml.service';
import { SAML_BASE_PATH } from './sso.routes';

/**
 * The SAML 2.0 service provider endpoints, outside the `/api` prefix at `/auth/saml/{idp}/…` (the URLs in
 * docs/sso/README.md). Browsers get a small HTML page when something fails, other clients problem+json.
 */
@ApiExcludeController()
@Public()
@UseFilters(SamlErrorFilter)
@Controller({ path: SAML_BASE_PATH, version: VERSION_NEUTRAL })
export class SamlController {
  constructor(private readonly saml: SamlService) {}

  /** Sign-in start: a signed AuthnRequest over HTTP-Redirect; `returnTo` is where to land afterwards. */
  @Get(':idp/login')
  @RateLimit('saml')
  @Header('Cache-Control', 'no-store')
  async login(
    @Param('idp') idp: string,
    @Query('returnTo') returnTo: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.redirect(302, await this.saml.login(req, idp, returnTo));
  }

  /** Assertion consumer service (HTTP-POST): on success a new session and a 303 to the RelayState path. */
  @Post(':idp/acs')
  @CrossSiteAllowed()
  @RateLimit('saml')
  @Header('Cache-Control', 'no-store')
  async acs(@Param('idp') idp: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { token, location } = await this.saml.acs(req, idp);
    setSessionCookie(req, res, token);
    res.redirect(303, location);
  }

  @Get(':idp/metadata')
  @Header('Content-Type', 'application/samlmetadata+xml; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  metadata(@Param('idp') idp: string): Promise<string> {
    return this.saml.metadata(idp);
  }

  /** Single logout: the identity provider's LogoutRequest, or its LogoutResponse (HTTP-Redirect). */
  @Get(':idp/slo')
  @RateLimit('saml')
  @Header('Cache-Control', 'no-store')
  async sloRedirect(@Param('idp') idp: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.redirect(303, await this.saml.singleLogout(req, idp));
  }

  /** Single logout over HTTP-POST. */
  @Post(':idp/slo')
  @CrossSiteAllowed()
  @RateLimit('saml')
  @Header('Cache-Control', 'no-store')
  async sloPost(@Param('idp') idp: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.redirect(303, await this.saml.singleLogout(req, idp));
  }

  /** SP-initiated sign-out: ends the session here, then asks the identity provider to end its own. */
  @Get(':idp/logout')
  @RateLimit('saml')
  @Header('Cache-Control', 'no-store')
  async logout(@Param('idp') idp: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const location = await this.saml.logout(req, idp);
    clearSessionCookie(req, res);
    res.redirect(303, location);
  }
}
