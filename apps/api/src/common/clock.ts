import { Injectable } from '@nestjs/common';

/** The current time, injectable so that tests can freeze it. Rules take `now` as a parameter instead. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
