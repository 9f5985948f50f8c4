import { Controller, Get, Header, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsOptional, Matches } from 'class-validator';
import { Access } from '@intercity/auth';
import { ApiProblems, IdParam } from '@intercity/platform';
import { WatchService } from './watch.service';

class WatchQuery {
  @ApiPropertyOptional({ example: '2026-03-31', description: 'The day to look from (default today)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date (YYYY-MM-DD)' })
  on?: string;
}

@ApiTags('watch')
@Controller()
export class WatchController {
  constructor(private readonly watch: WatchService) {}

  @Get('programmes/:id/watch')
  @Access.roles('network-admin', 'grant-officer', 'viewer')
  @ApiOkResponse({ description: 'Awarded, disbursed, reported, approved, remaining; burn rate against time; reports due and overdue; milestones slipping' })
  @ApiProblems(400, 403, 404)
  programme(@Param() { id }: IdParam, @Query() { on }: WatchQuery) {
    return this.watch.programme(id, on);
  }

  @Get('programmes/:id/watch.csv')
  @Access.roles('network-admin', 'grant-officer', 'viewer')
  @ApiProduces('text/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProblems(400, 403, 404)
  async csv(@Param() { id }: IdParam, @Query() { on }: WatchQuery, @Res({ passthrough: true }) res: Response) {
    res.attachment(`programme-${id}-watch.csv`);
    return this.watch.csv(id, on);
  }

  @Get('programmes/:id/watch.xlsx')
  @Access.roles('network-admin', 'grant-officer', 'viewer')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiProblems(400, 403, 404)
  async xlsx(@Param() { id }: IdParam, @Query() { on }: WatchQuery, @Res({ passthrough: true }) res: Response) {
    res.attachment(`programme-${id}-watch.xlsx`);
    return new StreamableFile(await this.watch.xlsx(id, on));
  }

  @Get('sub-grants/:id/watch')
  @Access.authenticated()
  @ApiOkResponse()
  @ApiProblems(400, 403, 404)
  subGrant(@Param() { id }: IdParam, @Query() { on }: WatchQuery) {
    return this.watch.subGrant(id, on);
  }
}
