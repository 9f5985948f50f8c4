import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@intercity/auth';
import { RegisterDto, RegistrationResponse } from '../activity/dto/activity.dto';
import { RegistrationParams } from '../shared/http/ids';
import { RegistrationService } from './registration.service';
import { ApiIdempotencyKey, ApiProblems, IdParam } from '@intercity/platform';

@ApiTags('registrations')
@Controller('activities/:id/registrations')
export class RegistrationController {
  constructor(private readonly registrations: RegistrationService) {}

  /** A network admin registers anyone of a member city; a liaison only their own city's people. */
  @Post()
  @Access.roles('network-admin', 'city-liaison')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: RegistrationResponse, description: 'Confirmed, or waitlisted when every seat is taken' })
  @ApiProblems(400, 403, 404, 409, 422)
  register(@Param() { id }: IdParam, @Body() { personId }: RegisterDto) {
    return this.registrations.register(id, personId);
  }

  @Get()
  @Access.authenticated()
  @ApiOkResponse({ type: [RegistrationResponse], description: 'In order of arrival' })
  @ApiProblems(400, 404)
  list(@Param() { id }: IdParam) {
    return this.registrations.list(id);
  }

  @Get(':registrationId')
  @Access.authenticated()
  @ApiOkResponse({ type: RegistrationResponse })
  @ApiProblems(400, 404)
  get(@Param() { id, registrationId }: RegistrationParams) {
    return this.registrations.get(id, registrationId);
  }

  @Post(':registrationId/cancel')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: RegistrationResponse, description: 'Cancelled; a seat it held is offered to the first person waiting' })
  @ApiProblems(400, 403, 404, 409)
  cancel(@Param() { id, registrationId }: RegistrationParams) {
    return this.registrations.cancel(id, registrationId);
  }

  @Post(':registrationId/accept')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: RegistrationResponse, description: 'The offered seat is confirmed' })
  @ApiProblems(400, 403, 404, 409)
  accept(@Param() { id, registrationId }: RegistrationParams) {
    return this.registrations.acceptOffer(id, registrationId);
  }
}
