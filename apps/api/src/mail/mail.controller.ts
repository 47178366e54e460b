import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type MailMessage,
  type MailMessagePage,
  type MailTransportInfo,
} from '@brevet/contracts';
import { Allow } from '../auth/allow.decorator';
import { ProblemDto } from '../common/problem.dto';
import { MailMessageDto, MailMessagePageDto, MailMessageQueryDto, MailTransportInfoDto } from './mail.dto';
import { MailService } from './mail.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The mail outbox: every email Brevet sent or kept, for HR admins. Read-only. */
@ApiTags('mail')
@Controller({ path: 'mail', version: '1' })
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('messages')
  @Allow(Permission.MailRead)
  @ApiOkResponse({ type: MailMessagePageDto, description: 'Newest first unless sorted otherwise.' })
  list(@Query() query: MailMessageQueryDto): Promise<MailMessagePage> {
    return this.mail.list(query);
  }

  @Get('messages/:id')
  @Allow(Permission.MailRead)
  @ApiOkResponse({ type: MailMessageDto, description: 'The email with its text and HTML.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@Param('id', uuid) id: string): Promise<MailMessage> {
    return this.mail.get(id);
  }

  @Get('transport')
  @Allow(Permission.MailRead)
  @ApiOkResponse({
    type: MailTransportInfoDto,
    description: 'SMTP, or the local outbox when SMTP is not set up.',
  })
  transport(): MailTransportInfo {
    return this.mail.transportInfo();
  }
}
