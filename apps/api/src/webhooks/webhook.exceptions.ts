import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class WebhookNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'webhook.not_found',
      HttpStatus.NOT_FOUND,
      'Webhook not found',
      `There is no webhook endpoint with ID "${id}".`,
    );
  }
}

export class WebhookDeliveryNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'webhook.delivery_not_found',
      HttpStatus.NOT_FOUND,
      'Delivery not found',
      `This endpoint has no delivery with ID "${id}".`,
    );
  }
}

export class WebhookUrlRefusedException extends DomainException {
  constructor(reason: string) {
    super(
      'webhook.url_refused',
      HttpStatus.BAD_REQUEST,
      'URL not allowed',
      `The webhook URL is refused: ${reason}.`,
      [{ field: 'url', message: reason }],
    );
  }
}

export class WebhookDisabledException extends DomainException {
  constructor() {
    super(
      'webhook.disabled',
      HttpStatus.CONFLICT,
      'Endpoint disabled',
      'The endpoint is disabled; enable it before sending anything to it.',
    );
  }
}
