import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch } from '@nestjs/common';
import type { RoomErrorCode } from '@livelab/session';
import { RoomError } from '@livelab/session';
import type { Response } from 'express';

/** The HTTP status a room's refusal reads as on the REST api. */
export function httpStatusOf(code: RoomErrorCode): number {
  switch (code) {
    case 'forbidden':
      return 403;
    case 'unknown_product':
    case 'unknown_comment':
    case 'unknown_coupon':
    case 'unknown_order':
    case 'unknown_giveaway':
      return 404;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'bad_scenario':
      return 422;
    case 'owned_elsewhere':
    case 'session_open':
    case 'already_live':
    case 'ended':
    case 'not_live':
    case 'interrupted':
    case 'duplicate':
      return 409;
    default:
      return 400;
  }
}

/** A `RoomError` from a REST handler answers with its status, its code and its message (never a 500). */
@Catch(RoomError)
export class RoomErrorFilter implements ExceptionFilter<RoomError> {
  catch(error: RoomError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const statusCode = httpStatusOf(error.code);
    response.status(statusCode).json({ statusCode, code: error.code, message: error.message });
  }
}
