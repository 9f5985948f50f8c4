import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMsg = { message: '$property must be a date (YYYY-MM-DD)' };

export class PlanMilestoneDto {
  @ApiProperty({ example: 'stakeholder-workshop' }) @IsString() @Length(1, 80) key!: string;
  @ApiProperty({ example: 'Stakeholder workshop held' }) @IsString() @Length(1, 300) title!: string;
  @ApiProperty({ example: '2025-06-30' }) @Matches(DATE, dateMsg) dueOn!: string;
}

export class EvidenceDto {
  @ApiProperty() @IsString() @Length(1, 500) documentRef!: string;
  @ApiProperty() @IsString() @Length(1, 2000) description!: string;
}

export class ForecastDto {
  @ApiProperty({ type: String, nullable: true, example: '2025-07-15' }) @IsOptional() @Matches(DATE, dateMsg) forecastOn!: string | null;
}

export class ReachedDto {
  @ApiProperty({ example: '2025-06-20' }) @Matches(DATE, dateMsg) reachedOn!: string;
}

export class RescheduleDto {
  @ApiProperty({ example: '2025-09-30' }) @Matches(DATE, dateMsg) dueOn!: string;
  @ApiProperty() @IsString() @Length(1, 1000) reason!: string;
}
