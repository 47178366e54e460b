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
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  DEFAULT_PAGE_SIZE,
  Permission,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from '@brevet/contracts';
import { Allow } from '../auth/allow.decorator';
import { ProblemDto } from '../common/problem.dto';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookDeliveryRefDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Webhook endpoints and their delivery logs: HR admins only (WebhooksManage). */
@ApiTags('webhooks')
@Controller({ path: 'webhooks', version: '1' })
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Allow(Permission.WebhooksManage)
  @ApiOkResponse({ type: WebhookEndpointDto, isArray: true })
  list(): Promise<WebhookEndpoint[]> {
    return this.webhooks.list();
  }

  @Post()
  @Allow(Permission.WebhooksManage)
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto, description: 'The secret is shown only here.' })
  create(@Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.create(body);
  }

  @Get(':id')
  @Allow(Permission.WebhooksManage)
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@Param('id', uuid) id: string): Promise<WebhookEndpoint> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @Allow(Permission.WebhooksManage)
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  update(@Param('id', uuid) id: string, @Body() body: UpdateWebhookEndpointDto): Promise<WebhookEndpoint> {
    return this.webhooks.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(Permission.WebhooksManage)
  @ApiNoContentResponse({ description: 'Deleted with its delivery log.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  remove(@Param('id', uuid) id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Allow(Permission.WebhooksManage)
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto, description: 'The new secret, shown only here.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  rotateSecret(@Param('id', uuid) id: string): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.rotateSecret(id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Allow(Permission.WebhooksManage)
  @ApiAcceptedResponse({ type: WebhookDeliveryRefDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  sendTest(@Param('id', uuid) id: string): Promise<{ deliveryId: string }> {
    return this.webhooks.sendTest(id);
  }

  @Get(':id/deliveries')
  @Allow(Permission.WebhooksManage)
  @ApiOkResponse({ type: WebhookDeliveryPageDto, description: 'Newest first.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  deliveries(
    @Param('id', uuid) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ): Promise<WebhookDeliveryPage> {
    return this.webhooks.deliveries(id, query.page ?? 1, query.pageSize ?? DEFAULT_PAGE_SIZE);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @Allow(Permission.WebhooksManage)
  @ApiAcceptedResponse({ type: WebhookDeliveryRefDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  redeliver(
    @Param('id', uuid) id: string,
    @Param('deliveryId', uuid) deliveryId: string,
  ): Promise<{ deliveryId: string }> {
    return this.webhooks.redeliver(id, deliveryId);
  }
}
