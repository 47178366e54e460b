import { Controller, Get, Header, Headers, Param, Query, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import { languageFromAcceptLanguage } from './certificate-text.util';
import { OpenBadgesService } from './open-badges.service';
import { RevocationListService, REVOCATION_LIST_CACHE_MS } from './revocation-list.service';
import {
  renderNotFoundPage,
  renderVerifyPage,
  VERIFY_PAGE_CSS,
  VERIFY_PAGE_HEADERS,
} from './verify-page.util';
import { Public } from '../auth/allow.decorator';
import { RateLimit } from '../shared-state/rate-limit';

const STYLESHEET = '/verify/verify.css';

/**
 * Public routes without sign-in, outside the /api prefix (see open-badges.routes.ts): their URLs are
 * written into signed credentials and printed on certificates.
 */
@ApiExcludeController()
/** Public pages for third parties: issuer profile, keys, revocation list, verification. */
@Public()
@Controller({ version: VERSION_NEUTRAL })
export class OpenBadgesPublicController {
  constructor(
    private readonly openBadges: OpenBadgesService,
    private readonly revocation: RevocationListService,
  ) {}

  @Get('issuer')
  @Header('Cache-Control', 'public, max-age=300')
  issuer(): Promise<Record<string, unknown>> {
    return this.openBadges.issuerProfile();
  }

  @Get('issuer/jwks')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<unknown> {
    return this.openBadges.jwks();
  }

  @Get('issuer/keys/:id')
  @Header('Cache-Control', 'public, max-age=300')
  key(@Param('id') id: string): Promise<unknown> {
    return this.openBadges.publicKey(id);
  }

  /**
   * The signed BitstringStatusListCredential. `application/vc+jwt` (the compact JWS) by default; JSON
   * clients get it wrapped as an EnvelopedVerifiableCredential.
   */
  @Get('status/revocation/1')
  async revocationList(@Headers('accept') accept: string | undefined, @Res() res: Response): Promise<void> {
    const jwt = await this.revocation.signedList();
    res.setHeader('Cache-Control', `public, max-age=${REVOCATION_LIST_CACHE_MS / 1000}`);
    res.setHeader('Vary', 'Accept');
    const wantsJson =
      /application\/(ld\+)?json/.test(accept ?? '') && !/application\/vc\+jwt/.test(accept ?? '');
    if (wantsJson) {
      res.status(200).json({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `data:application/vc+jwt,${jwt}`,
        type: 'EnvelopedVerifiableCredential',
      });
      return;
    }
    res.status(200).type('application/vc+jwt').send(jwt);
  }

  @Get('verify/verify.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  stylesheet(): string {
    return VERIFY_PAGE_CSS;
  }

  @Get('verify/:id')
  @RateLimit('verify')
  async page(
    @Param('id') id: string,
    @Query('lang') lang: string | undefined,
    @Query('format') format: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const language = lang === 'de' || lang === 'en' ? lang : languageFromAcceptLanguage(acceptLanguage);
    res.set({ ...VERIFY_PAGE_HEADERS, 'Content-Language': language, Vary: 'Accept-Language' });
    const input = isUUID(id) ? await this.openBadges.findOrNull(id) : null;
    if (!input) {
      res.status(404).send(renderNotFoundPage(language, STYLESHEET));
      return;
    }
    const { result } = await this.openBadges.verifyAward(id, 'anyone');
    const self = `/verify/${encodeURIComponent(id)}`;
    if (format === 'json') {
      // What the page shows, for machines; the signed credential itself stays with its holder.
      res.status(200).type('application/json').send(JSON.stringify(result));
      return;
    }
    res.status(200).send(
      renderVerifyPage({
        language,
        input,
        result,
        issuerName: this.openBadges.issuerName,
        links: {
          stylesheet: STYLESHEET,
          json: `${self}?format=json`,
          otherLanguage: `${self}?lang=${language === 'de' ? 'en' : 'de'}`,
        },
      }),
    );
  }
}
