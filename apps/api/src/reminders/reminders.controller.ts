import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type ManagerDigestPreference,
  type ManagerDigestPreferencePage,
  type ReminderSettingsView,
} from '@brevet/contracts';
import { Allow } from '../auth/allow.decorator';
import { ProblemDto } from '../common/problem.dto';
import {
  ManagerDigestPreferenceDto,
  ManagerDigestPreferencePageDto,
  ManagerQueryDto,
  ReminderRunAcceptedDto,
  ReminderSettingsDto,
  ReminderSettingsViewDto,
  UpdateManagerDigestDto,
} from './reminders.dto';
import { ReminderSettingsService } from './reminder-settings.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Reminder settings for HR admins: offsets, overdue emails, digest frequency (company and per manager). */
@ApiTags('reminders')
@Controller({ path: 'reminders', version: '1' })
export class RemindersController {
  constructor(private readonly settings: ReminderSettingsService) {}

  @Get('settings')
  @Allow(Permission.SettingsManage)
  @ApiOkResponse({ type: ReminderSettingsViewDto, description: 'The settings in force and the last run.' })
  view(): Promise<ReminderSettingsView> {
    return this.settings.view();
  }

  @Put('settings')
  @Allow(Permission.SettingsManage)
  @ApiOkResponse({ type: ReminderSettingsViewDto, description: 'Saved; recorded in the audit log.' })
  update(@Body() body: ReminderSettingsDto): Promise<ReminderSettingsView> {
    return this.settings.update(body);
  }

  @Get('managers')
  @Allow(Permission.SettingsManage)
  @ApiOkResponse({ type: ManagerDigestPreferencePageDto, description: 'Branch and regional managers.' })
  managers(@Query() query: ManagerQueryDto): Promise<ManagerDigestPreferencePage> {
    return this.settings.managers(query);
  }

  @Put('managers/:userId')
  @Allow(Permission.SettingsManage)
  @ApiOkResponse({ type: ManagerDigestPreferenceDto, description: "The manager's digest frequency." })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Not a branch or regional manager.' })
  setManager(
    @Param('userId', uuid) userId: string,
    @Body() body: UpdateManagerDigestDto,
  ): Promise<ManagerDigestPreference> {
    return this.settings.setManagerFrequency(userId, body);
  }

  @Post('run')
  @Allow(Permission.SettingsManage)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ReminderRunAcceptedDto, description: 'A reminder run is queued.' })
  run(): Promise<{ jobId: string }> {
    return this.settings.runNow();
  }
}
