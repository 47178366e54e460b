import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  DEFAULT_PAGE_SIZE,
  Permission,
  type ReportSubscription,
  type ReportSubscriptionPage,
} from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import {
  CreateReportSubscriptionDto,
  ReportSubscriptionDto,
  ReportSubscriptionPageDto,
  ReportSubscriptionQueryDto,
  UpdateReportSubscriptionDto,
} from './report-subscriptions.dto';
import { ReportSubscriptionsService } from './report-subscriptions.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Scheduled reports: one's own (managers, auditors), everyone's for HR admins (ReportSubscriptionsAll). */
@ApiTags('report-subscriptions')
@Allow(Permission.ReportsExport)
@Controller({ path: 'report-subscriptions', version: '1' })
export class ReportSubscriptionsController {
  constructor(private readonly subscriptions: ReportSubscriptionsService) {}

  @Get()
  @ApiOkResponse({ type: ReportSubscriptionPageDto, description: 'Newest first.' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ReportSubscriptionQueryDto,
  ): Promise<ReportSubscriptionPage> {
    return this.subscriptions.list(actor, query.page ?? 1, query.pageSize ?? DEFAULT_PAGE_SIZE);
  }

  @Post()
  @ApiCreatedResponse({ type: ReportSubscriptionDto })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateReportSubscriptionDto,
  ): Promise<ReportSubscription> {
    return this.subscriptions.create(actor, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: ReportSubscriptionDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<ReportSubscription> {
    return this.subscriptions.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ReportSubscriptionDto, description: 'Pause or resume.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() body: UpdateReportSubscriptionDto,
  ): Promise<ReportSubscription> {
    return this.subscriptions.setPaused(actor, id, body.paused);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDto })
  remove(@CurrentActor() actor: Actor, @Param('id', uuid) id: string): Promise<void> {
    return this.subscriptions.remove(actor, id);
  }
}
