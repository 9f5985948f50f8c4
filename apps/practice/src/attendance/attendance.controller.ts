import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '@intercity/auth';
import { SessionParams } from '../shared/http/ids';
import { LearningRecordResponse, RecordAttendanceDto, SessionAttendanceResponse } from './dto/attendance.dto';
import { AttendanceService } from './attendance.service';
import { ApiIdempotencyKey, ApiProblems, IdParam } from '@intercity/platform';

@ApiTags('attendance')
@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  /** The host city's liaison or a network admin marks people present, absent or excused. */
  @Post('activities/:id/sessions/:sessionId/attendance')
  @Access.roles('network-admin', 'city-liaison')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: SessionAttendanceResponse, description: "The session's sheet with every mark so far" })
  @ApiProblems(400, 403, 404, 409, 422)
  record(@Param() { id, sessionId }: SessionParams, @Body() { entries }: RecordAttendanceDto) {
    return this.attendance.record(id, sessionId, entries);
  }

  @Get('activities/:id/sessions/:sessionId/attendance')
  @Access.authenticated()
  @ApiOkResponse({ type: SessionAttendanceResponse })
  @ApiProblems(400, 404)
  sheet(@Param() { id, sessionId }: SessionParams) {
    return this.attendance.sheet(id, sessionId);
  }

  @Get('people/:id/learning-record')
  @Access.roles('network-admin', 'city-liaison', 'viewer')
  @ApiOkResponse({ type: LearningRecordResponse })
  @ApiProblems(400, 403, 404)
  learningRecord(@Param() { id }: IdParam) {
    return this.attendance.learningRecord(id);
  }
}
