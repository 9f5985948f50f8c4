import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Access } from '@intercity/auth';
import { ApiProblems, IdParam } from '@intercity/platform';
import { SchedulingService } from './scheduling.service';

class ProposalQuery {
  @ApiProperty({ example: '2026-03-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date (YYYY-MM-DD)' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date (YYYY-MM-DD)' }) to!: string;
  @ApiPropertyOptional({ default: 5 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20) maxCandidates?: number;
}

@ApiTags('scheduling')
@Controller('pairings/:id/proposals')
export class SchedulingController {
  constructor(private readonly scheduling: SchedulingService) {}

  /** The earliest windows where both visits fit, and why each earlier date was skipped. */
  @Get()
  @Access.authenticated()
  @ApiOkResponse({ description: 'candidates (visit one and two: start, end, days) and skipped runs of dates with reasons' })
  @ApiProblems(400, 404, 422)
  propose(@Param() { id }: IdParam, @Query() query: ProposalQuery) {
    return this.scheduling.propose(id, query);
  }
}
