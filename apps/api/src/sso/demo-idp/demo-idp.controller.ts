import { Body, Controller, Get, Header, HttpCode, Post, Query, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, CrossSiteAllowed } from '../../auth/allow.decorator';
import { AUTOSUBMIT_JS, DEMO_IDP_CSS } from './demo-idp-page.util';
import { DemoIdpSsoFormDto, DemoIdpSsoQueryDto } from './demo-idp.dto';
import { DEMO_IDP_BASE_PATH } from './demo-idp.routes';
import { DemoIdpService } from './demo-idp.service';

/**
 * The demo identity provider's pages (outside `/api`, see DEMO_IDP_ROUTES). Only registered with DEMO_IDP on,
 * which production refuses. Browser-facing: HTML, a stylesheet and one tiny script, all without sign-in.
 */
@ApiExcludeController()
@Controller({ path: DEMO_IDP_BASE_PATH, version: VERSION_NEUTRAL })
export class DemoIdpController {
  constructor(private readonly demoIdp: DemoIdpService) {}

  /** HTTP-Redirect binding: Brevet sends the browser here with an AuthnRequest; the page lists demo people. */
  @Public()
  @Get('sso')
  async peoplePage(
    @Query() query: DemoIdpSsoQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const page = await this.demoIdp.peoplePage(query.SAMLRequest, query.RelayState);
    res.set(page.headers);
    return page.html;
  }

  /** The chosen person: a signed SAML Response in a form that posts itself to Brevet's ACS. */
  @Public()
  // Stands in for an identity provider on another site; its page sends no referrer, so Origin is `null`.
  @CrossSiteAllowed()
  @Post('sso')
  @HttpCode(200)
  async answer(@Body() form: DemoIdpSsoFormDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const page = await this.demoIdp.answer(form.SAMLRequest, form.person, form.RelayState);
    res.set(page.headers);
    return page.html;
  }

  @Public()
  @Get('metadata')
  @Header('Content-Type', 'application/samlmetadata+xml; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async metadata(): Promise<string> {
    return (await this.demoIdp.metadata()).xml;
  }

  @Public()
  @Get('autosubmit.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('X-Content-Type-Options', 'nosniff')
  script(): string {
    return AUTOSUBMIT_JS;
  }

  @Public()
  @Get('demo-idp.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('X-Content-Type-Options', 'nosniff')
  stylesheet(): string {
    return DEMO_IDP_CSS;
  }
}
