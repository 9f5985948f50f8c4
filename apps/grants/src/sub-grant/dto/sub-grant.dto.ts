import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { MoneyDto, MoneyField } from '../../shared/money-dto';
import { PeriodDto, ReportingDeadlineDto, TrancheTermsDto } from '../../programme/dto/programme.dto';
import { BUDGET_CATEGORIES } from '../domain/sub-grant';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMsg = { message: '$property must be a date (YYYY-MM-DD)' };

export class ActionPlanDto {
  @ApiProperty({ example: 'One-stop-shop for newcomers' }) @IsString() @Length(1, 300) title!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 1000, { each: true }) objectives!: string[];
  @ApiProperty({ type: [String], description: 'Local stakeholders' }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true }) stakeholders!: string[];
  @ApiProperty({ description: "Where the city administration's endorsement is filed" }) @IsString() @Length(1, 500) endorsementDocumentRef!: string;
}

export class BudgetLineDto {
  @ApiProperty({ enum: BUDGET_CATEGORIES }) @IsIn(BUDGET_CATEGORIES) category!: (typeof BUDGET_CATEGORIES)[number];
  @ApiProperty({ type: MoneyDto }) @MoneyField() amount!: MoneyDto;
}

export class AwardDto {
  @ApiProperty({ format: 'uuid', description: 'The city' }) @IsUUID('all') memberId!: string;
  @ApiProperty({ type: ActionPlanDto }) @ValidateNested() @Type(() => ActionPlanDto) actionPlan!: ActionPlanDto;
  @ApiProperty({ type: MoneyDto }) @MoneyField() awarded!: MoneyDto;
  @ApiProperty({ type: [BudgetLineDto], description: 'They add up to the award' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => BudgetLineDto) budgetLines!: BudgetLineDto[];
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @ApiPropertyOptional({ type: [TrancheTermsDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TrancheTermsDto) tranches?: TrancheTermsDto[];
  @ApiPropertyOptional({ type: [ReportingDeadlineDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ReportingDeadlineDto) reportingCalendar?: ReportingDeadlineDto[];
}

export class AmendDto {
  @ApiProperty({ type: MoneyDto }) @MoneyField() awarded!: MoneyDto;
  @ApiProperty({ type: [BudgetLineDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => BudgetLineDto) budgetLines!: BudgetLineDto[];
  @ApiProperty() @IsString() @Length(1, 1000) reason!: string;
}

export class SignDto {
  @ApiProperty({ example: '2025-02-01' }) @Matches(DATE, dateMsg) signedOn!: string;
  @ApiProperty({ description: 'Where the signed agreement is filed' }) @IsString() @Length(1, 500) documentRef!: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(1, 1000) reason!: string;
}

export class TerminateDto extends ReasonDto {
  @ApiProperty({ example: '2025-09-30' }) @Matches(DATE, dateMsg) on!: string;
  @ApiPropertyOptional({ type: MoneyDto, description: 'Money paid to be asked back' }) @IsOptional() @MoneyField() recovery?: MoneyDto;
}

export class ReleaseDto {
  @ApiProperty({ example: '2025-03-01' }) @Matches(DATE, dateMsg) paidOn!: string;
  @ApiProperty({ example: 'PAY-2025-0042' }) @IsString() @Length(1, 200) paymentReference!: string;
}

export class SettleDto {
  @ApiProperty({ example: '2026-03-01' }) @Matches(DATE, dateMsg) on!: string;
}

export class RecoveryReceivedDto {
  @ApiProperty({ example: '2026-04-01' }) @Matches(DATE, dateMsg) receivedOn!: string;
  @ApiProperty() @IsString() @Length(1, 200) reference!: string;
}

export class TrancheParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ description: '0 for the first tranche' }) @Type(() => Number) @IsInt() @Min(0) index!: number;
}

export class RecoveryParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) seq!: number;
}
